/**
 * The USSD menu of a programme, replayed from the start on every request (Africa's Talking sends every
 * answer so far in `text`, `*`-separated): language, name, sex, area by successive choices, household
 * size, the programme's questions, confirmation. An answer that does not fit its step is skipped and the
 * step asked again, so the replay is deterministic whatever the phone sent.
 */

export type UssdLanguage = 'en' | 'fr' | 'pt';
export const USSD_LANGUAGES: UssdLanguage[] = ['en', 'fr', 'pt'];

export interface UssdQuestion {
  key: string;
  label: Record<string, string>;
  type: 'NUMBER' | 'YESNO' | 'CHOICE';
  choices?: { code: string; label: Record<string, string> }[];
}

export interface UssdArea {
  id: string;
  code: string;
  name: string;
}

export interface UssdAnswers {
  language: UssdLanguage | null;
  name: string | null;
  sex: 'F' | 'M' | null;
  /** Codes of the areas chosen, from the root down. */
  areas: UssdArea[];
  areaDone: boolean;
  /** First area listed on the current page of a level (8 a page, "9" for the next). */
  areaOffset: number;
  householdSize: number | null;
  questions: Record<string, string | number>;
  confirmed: boolean | null;
}

/** What the menu needs from outside: the children of an area (in the menu language). */
export type ChildrenOf = (areaId: string, language: UssdLanguage) => Promise<UssdArea[]>;

export type Say = (key: string, language: UssdLanguage, args?: Record<string, unknown>) => string;

export interface MenuStep {
  /** CON text to show, or null when the flow is complete (confirmed or cancelled). */
  prompt: string | null;
  answers: UssdAnswers;
}

const MAX_OPTIONS = 9;
const PAGE = 8;

export async function replayMenu(tokens: readonly string[], flow: { rootAreaId: string; title: Record<string, string>; questions: UssdQuestion[] }, childrenOf: ChildrenOf, say: Say): Promise<MenuStep> {
  const answers: UssdAnswers = { language: null, name: null, sex: null, areas: [], areaDone: false, areaOffset: 0, householdSize: null, questions: {}, confirmed: null };
  let invalid = false;
  for (let i = 0; i <= tokens.length; i++) {
    const last = i === tokens.length;
    const token = last ? null : tokens[i].trim();
    const step = await nextStep(answers, flow, childrenOf);
    if (step.kind === 'done') return { prompt: null, answers };
    if (last) {
      const lang = answers.language ?? 'en';
      const prompt = await promptOf(step, answers, flow, lang, say);
      return { prompt: (invalid ? `${say('intake.ussd.invalid', lang)}\n` : '') + prompt, answers };
    }
    invalid = !accept(step, token!, answers);
  }
  return { prompt: null, answers };
}

type Step =
  | { kind: 'language' }
  | { kind: 'name' }
  | { kind: 'sex' }
  | { kind: 'area'; options: UssdArea[]; more: boolean }
  | { kind: 'size' }
  | { kind: 'question'; question: UssdQuestion }
  | { kind: 'confirm' }
  | { kind: 'done' };

async function nextStep(a: UssdAnswers, flow: { rootAreaId: string; questions: UssdQuestion[] }, childrenOf: ChildrenOf): Promise<Step> {
  if (!a.language) return { kind: 'language' };
  if (!a.name) return { kind: 'name' };
  if (!a.sex) return { kind: 'sex' };
  if (!a.areaDone) {
    const parent = a.areas.length ? a.areas[a.areas.length - 1].id : flow.rootAreaId;
    const children = await childrenOf(parent, a.language);
    if (children.length) {
      // up to 9 on one screen; more than that: 8 a page and "9" for the next page (back to the first after the last)
      if (children.length <= MAX_OPTIONS) return { kind: 'area', options: children, more: false };
      if (a.areaOffset >= children.length) a.areaOffset = 0;
      return { kind: 'area', options: children.slice(a.areaOffset, a.areaOffset + PAGE), more: true };
    }
    a.areaDone = true;
  }
  if (a.householdSize === null) return { kind: 'size' };
  const question = flow.questions.find((q) => !(q.key in a.questions));
  if (question) return { kind: 'question', question };
  if (a.confirmed === null) return { kind: 'confirm' };
  return { kind: 'done' };
}

function accept(step: Step, token: string, a: UssdAnswers): boolean {
  const choice = /^[1-9]$/.test(token) ? Number(token) : null;
  switch (step.kind) {
    case 'language':
      if (!choice || choice > 3) return false;
      a.language = USSD_LANGUAGES[choice - 1];
      return true;
    case 'name': {
      const name = token.replace(/\s+/g, ' ').trim();
      if (name.length < 2 || name.length > 100 || !/^[\p{L}][\p{L}' .-]*$/u.test(name)) return false;
      a.name = name;
      return true;
    }
    case 'sex':
      if (choice !== 1 && choice !== 2) return false;
      a.sex = choice === 1 ? 'F' : 'M';
      return true;
    case 'area':
      if (step.more && choice === MAX_OPTIONS) {
        a.areaOffset += PAGE;
        return true;
      }
      if (!choice || choice > step.options.length) return false;
      a.areas.push(step.options[choice - 1]);
      a.areaOffset = 0;
      return true;
    case 'size': {
      const n = /^[0-9]{1,2}$/.test(token) ? Number(token) : 0;
      if (n < 1 || n > 30) return false;
      a.householdSize = n;
      return true;
    }
    case 'question': {
      const q = step.question;
      if (q.type === 'NUMBER') {
        if (!/^[0-9]{1,6}$/.test(token)) return false;
        a.questions[q.key] = Number(token);
      } else if (q.type === 'YESNO') {
        if (choice !== 1 && choice !== 2) return false;
        a.questions[q.key] = choice === 1 ? 'YES' : 'NO';
      } else {
        const options = q.choices ?? [];
        if (!choice || choice > options.length) return false;
        a.questions[q.key] = options[choice - 1].code;
      }
      return true;
    }
    case 'confirm':
      if (choice !== 1 && choice !== 2) return false;
      a.confirmed = choice === 1;
      return true;
    default:
      return false;
  }
}

async function promptOf(step: Step, a: UssdAnswers, flow: { title: Record<string, string> }, lang: UssdLanguage, say: Say): Promise<string> {
  const title = flow.title[lang] ?? flow.title['en'] ?? '';
  const numbered = (items: string[]) => items.map((item, i) => `${i + 1}. ${item}`).join('\n');
  switch (step.kind) {
    case 'language':
      return `${title}\n${numbered(['English', 'Français', 'Português'])}`;
    case 'name':
      return say('intake.ussd.name', lang);
    case 'sex':
      return `${say('intake.ussd.sex', lang)}\n${numbered([say('intake.ussd.female', lang), say('intake.ussd.male', lang)])}`;
    case 'area':
      return `${say('intake.ussd.area', lang)}\n${numbered(step.options.map((o) => o.name))}${step.more ? `\n9. ${say('intake.ussd.more', lang)}` : ''}`;
    case 'size':
      return say('intake.ussd.size', lang);
    case 'question': {
      const q = step.question;
      const label = q.label[lang] ?? q.label['en'] ?? q.key;
      if (q.type === 'NUMBER') return label;
      if (q.type === 'YESNO') return `${label}\n${numbered([say('intake.ussd.yes', lang), say('intake.ussd.no', lang)])}`;
      return `${label}\n${numbered((q.choices ?? []).map((c) => c.label[lang] ?? c.label['en'] ?? c.code))}`;
    }
    case 'confirm':
      return `${say('intake.ussd.confirm', lang, { name: a.name, area: a.areas.map((x) => x.name).pop() ?? '', size: a.householdSize })}\n${numbered([say('intake.ussd.yes', lang), say('intake.ussd.no', lang)])}`;
    default:
      return '';
  }
}
