import { REGISTRY_TRANSLATIONS } from '../registry.translations';
import type { DateFormat } from './registry-import.queries';

/** Text compared without case, accents, punctuation or extra spaces ("Chef  de ménage" → "chef de menage"). */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Yes/no answers in EN/FR/PT, for boolean fields. */
const YES_NO: Record<string, 'true' | 'false'> = Object.fromEntries([
  ...['yes', 'y', 'oui', 'o', 'sim', 's', '1', 'true', 'vrai', 'verdadeiro', 'x'].map((w) => [w, 'true' as const]),
  ...['no', 'n', 'non', 'nao', '0', 'false', 'faux', 'falso'].map((w) => [w, 'false' as const]),
]);

/** Words agencies write for coded values that no label says (the labels of every language are tried first). */
const SYNONYMS: Record<string, Record<string, string>> = {
  sex: { h: 'M', homme: 'M', masculin: 'M', masculino: 'M', male: 'M', m: 'M', f: 'F', femme: 'F', feminin: 'F', feminino: 'F', female: 'F', mulher: 'F', homem: 'M' },
  relationship: {
    chef: 'HEAD',
    'chef de menage': 'HEAD',
    'chef du menage': 'HEAD',
    chefe: 'HEAD',
    'chefe do agregado': 'HEAD',
    epoux: 'SPOUSE',
    epouse: 'SPOUSE',
    conjoint: 'SPOUSE',
    conjointe: 'SPOUSE',
    esposa: 'SPOUSE',
    esposo: 'SPOUSE',
    conjuge: 'SPOUSE',
    wife: 'SPOUSE',
    husband: 'SPOUSE',
    fils: 'SON',
    filho: 'SON',
    fille: 'DAUGHTER',
    filha: 'DAUGHTER',
    pere: 'PARENT',
    mere: 'PARENT',
    pai: 'PARENT',
    mae: 'PARENT',
    'petit fils': 'GRANDCHILD',
    'petite fille': 'GRANDCHILD',
    neto: 'GRANDCHILD',
    neta: 'GRANDCHILD',
  },
  roofMaterial: { tole: 'iron_sheet', toles: 'iron_sheet', chapa: 'iron_sheet', zinc: 'iron_sheet', paille: 'thatch', capim: 'thatch', tuile: 'tiles', telha: 'tiles', beton: 'concrete' },
  wallMaterial: { tole: 'iron_sheet', chapa: 'iron_sheet', brique: 'brick', tijolo: 'brick', terre: 'mud', banco: 'mud', adobe: 'mud', pise: 'mud' },
};

type Dictionary = { readonly [key: string]: string | Dictionary };

/** `registry.values.<list>` in every language: code → labels. */
function labelsOf(list: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const lang of ['en', 'fr', 'pt'] as const) {
    const registry = (REGISTRY_TRANSLATIONS[lang] as Dictionary)['registry'] as Dictionary | undefined;
    const values = (registry?.['values'] as Dictionary | undefined)?.[list];
    if (!values || typeof values === 'string') continue;
    for (const [code, label] of Object.entries(values)) if (typeof label === 'string') out.set(code, [...(out.get(code) ?? []), label]);
  }
  return out;
}

/**
 * The code proposed for a value found in the file, or null: the code itself, a label of it in any
 * interface language, a known synonym, a yes/no answer for a boolean; case, accents and punctuation
 * ignored. `choices` are the codes accepted (null: a boolean field).
 */
export function proposeCode(field: string, value: string, choices: readonly string[] | null): string | null {
  const key = normalize(value);
  if (!key) return null;
  if (choices === null) return YES_NO[key] ?? null;
  const byKey = new Map<string, string>();
  for (const code of choices) byKey.set(normalize(code), code);
  const list = field.replace(/^extra\.(household\.)?/, '');
  for (const [code, labels] of labelsOf(list)) {
    if (!choices.includes(code)) continue;
    for (const label of labels) if (!byKey.has(normalize(label))) byKey.set(normalize(label), code);
  }
  const found = byKey.get(key) ?? SYNONYMS[list]?.[key] ?? null;
  return found && choices.includes(found) ? found : null;
}

/**
 * The date format the values show: ISO when they are year first, day/month when a first part is above
 * 12, month/day when a second part is; null when both readings fit every value (the user is asked).
 */
export function detectDateFormat(values: readonly string[]): { format: DateFormat | null; twoDigitYears: boolean } {
  let dayFirst = false;
  let monthFirst = false;
  let slashed = 0;
  let twoDigitYears = false;
  for (const value of values) {
    const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(value.trim());
    if (!match) continue;
    slashed++;
    if (Number(match[1]) > 12) dayFirst = true;
    if (Number(match[2]) > 12) monthFirst = true;
    if (match[3].length === 2) twoDigitYears = true;
  }
  if (!slashed) return { format: 'YMD', twoDigitYears };
  if (dayFirst && !monthFirst) return { format: 'DMY', twoDigitYears };
  if (monthFirst && !dayFirst) return { format: 'MDY', twoDigitYears };
  return { format: null, twoDigitYears };
}
