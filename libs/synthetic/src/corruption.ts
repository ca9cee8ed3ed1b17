import { SeededRandom } from './random';
import type { SyntheticArea } from './geography.generator';
import type { SyntheticHousehold, SyntheticIndividual } from './population.generator';

/**
 * A realistic corruption model for re-registrations of the same person, independent of the registry's
 * detection code. Written from the record-linkage literature on registration errors and from the error
 * models of synthetic-data generators for record linkage (FEBRL's dsgen and GeCo: keyboard-neighbour
 * typos with insertions, deletions, substitutions and transpositions; OCR confusions; phonetic
 * respellings; value replacement and deletion; name-variant look-up tables; swapped fields; missing
 * values), plus the errors specific to social registries (birth dates known by year only, day and month
 * swapped, a neighbouring village, a new document, another household).
 *
 * The generator's original six kinds of noise are kept as a subset, with the same meaning.
 */
export const LEGACY_KINDS = ['typo', 'swapped', 'accents', 'birthDay', 'birthYear', 'samePhone'] as const;

export const REALISTIC_KINDS = [
  'keyboardTypo',
  'ocr',
  'phonetic',
  'nickname',
  'nameDropped',
  'nameReplaced',
  'swappedTypo',
  'birthMissing',
  'birthYearOnly',
  'birthDayMonthSwapped',
  'birthDigitTypo',
  'areaNeighbour',
  'areaOther',
  'phoneChanged',
  'phoneMissing',
  'newDocument',
  'otherHousehold',
] as const;

export const CORRUPTION_KINDS = [...LEGACY_KINDS, ...REALISTIC_KINDS] as const;
export type CorruptionKind = (typeof CORRUPTION_KINDS)[number];

/** Kinds that change the household or the area: the duplicate comes with a household of its own. */
const HOUSEHOLD_KINDS: readonly CorruptionKind[] = ['areaNeighbour', 'areaOther', 'otherHousehold'];

/** Kinds that may be added as a second error to a duplicate (GeCo applies several modifications per record). */
const SECOND_KINDS: readonly CorruptionKind[] = ['keyboardTypo', 'phonetic', 'accents', 'birthDay', 'phoneMissing', 'phoneChanged', 'otherHousehold', 'areaNeighbour'];

export interface CorruptionContext {
  /** The original's household (its area code and code). */
  household: SyntheticHousehold;
  /** Every village, to move a duplicate to a neighbouring one (same parent) or anywhere. */
  villages: SyntheticArea[];
  /** Unique suffix for the new external id and household code. */
  suffix: string;
}

export interface CorruptedRecord {
  row: SyntheticIndividual;
  /** A new household for the duplicate (another household or another area), or null when it joins the original's. */
  household: SyntheticHousehold | null;
  kinds: CorruptionKind[];
  truth: { original: string; duplicate: string; noise: string };
}

export interface CorruptionOptions {
  /** Kinds to draw from (default: all); each duplicate gets one of them. */
  kinds?: readonly CorruptionKind[];
  /** Probability of a second error from a small list of common ones (default 0.25). */
  secondErrorRate?: number;
}

// QWERTY neighbours (FEBRL's keyboard typo table, letters only).
const KEYBOARD: Record<string, string> = {
  q: 'wa', w: 'qeas', e: 'wrsd', r: 'etdf', t: 'ryfg', y: 'tugh', u: 'yihj', i: 'uojk', o: 'ipkl', p: 'ol',
  a: 'qwsz', s: 'weadzx', d: 'erfsxc', f: 'rtgdcv', g: 'tyhfvb', h: 'yujgbn', j: 'uikhnm', k: 'iolmj', l: 'opk',
  z: 'asx', x: 'zsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
};

// OCR and handwriting confusions (FEBRL/GeCo OCR tables, letters only), in both directions.
const OCR: [string, string][] = [['rn', 'm'], ['cl', 'd'], ['vv', 'w'], ['u', 'v'], ['e', 'c'], ['i', 'l'], ['h', 'b'], ['n', 'h'], ['a', 'o']];

// Phonetic respellings (GeCo's phonetic rules reduced to those frequent in African, Arabic and Lusophone names).
const PHONETIC: [RegExp, string][] = [
  [/ph/, 'f'], [/f/, 'ph'], [/ou/, 'u'], [/u/, 'ou'], [/k/, 'c'], [/c(?=[aou])/, 'k'], [/y/, 'i'], [/i(?=[aeou])/, 'y'],
  [/dj/, 'j'], [/j/, 'dj'], [/ss/, 's'], [/s(?=[aeiou])/, 'ss'], [/ch/, 'sh'], [/sh/, 'ch'], [/([lmnt])\1/, '$1'], [/([lmt])(?=[aeiou])/, '$1$1'],
  [/ee/, 'i'], [/ie$/, 'y'], [/a$/, 'ah'], [/e$/, 'é'], [/é/, 'e'], [/w/, 'ou'], [/q/, 'k'],
];

// Name variants: transliterations, nicknames and compound forms, as found in name-variant tables.
const VARIANTS: Record<string, string[]> = {
  mohammed: ['Muhammad', 'Mohamed', 'Mamadou', 'Mahamat'], muhamad: ['Mohammed', 'Mohamed', 'Muhammad'],
  ibrahim: ['Ibrahima', 'Brahim', 'Ebrahim'], abdoulaye: ['Abdullahi', 'Abdallah', 'Abdoul'], yusuf: ['Youssouf', 'Yousef', 'Yussuf'],
  musa: ['Moussa', 'Mussa'], omar: ['Oumar', 'Umar'], hassan: ['Hassane', 'Hasan'], juma: ['Djouma', 'Jumah'], sani: ['Sanni', 'Sany'],
  joao: ['João Baptista', 'Joao'], jose: ['José Maria', 'Zé'], francois: ['Francis', 'François-Xavier'], jerome: ['Jérome', 'Gerome'],
  john: ['Jean-Baptiste', 'Johnny', 'Jon'], peter: ['Pete', 'Petro'], emmanuel: ['Emanuel', 'Emmanuel K.'], seraphin: ['Serafin', 'Séraphine'],
  goncalo: ['Gonzalo', 'Gonsalo'], baraka: ['Barack', 'Barakah'],
  amina: ['Aminata', 'Ameena'], fatouma: ['Fatima', 'Fatoumata', 'Fatuma'], aicha: ['Aïsha', 'Aissatou', 'Aisha'], mariam: ['Maryam', 'Mariama', 'Meryem'],
  zainabu: ['Zeinab', 'Zaynab', 'Zainab'], halima: ['Halimatou', 'Halimah'], hadiza: ['Hadizatou', 'Hadijah'], khadija: ['Kadiatou', 'Hadija', 'Khadidja'],
  safiya: ['Safia', 'Saffiya'], rehema: ['Rahma', 'Rehemah'], nafissatou: ['Nafissa', 'Nafisatu'], maria: ['Maria da Conceição', 'Mary'],
  conceicao: ['Maria da Conceição', 'Conceicao'], ines: ['Inez', 'Agnès'], beatrice: ['Béa', 'Beatriz'], elodie: ['Elodie', 'Élodie'],
  grace: ['Gracie', 'Graça'], joyce: ['Joice', 'Joy'], neema: ['Nema', 'Neemah'], esther: ['Ester', 'Esta'],
  diallo: ['Jallow', 'Dialo'], traore: ['Traoré', 'Trawally'], coulibaly: ['Kulibali', 'Coulibali'], ndiaye: ["N'Diaye", 'Njie'], abubakar: ['Aboubacar', 'Abubakr'],
  haruna: ['Harouna', 'Aruna'], 'al amin': ['Alamin', 'El Amin', 'Al Amine'], 'ben salah': ['Bensalah', 'Salah'], 'da silva': ['Silva', 'DaSilva'],
  goncalves: ['Gonçalves', 'Gonsalves'], mwangi: ['Mwangy', 'Muangi'], otieno: ['Otyeno', 'Otienno'], okafor: ['Okafo', 'Okaphor'],
  kamara: ['Camara', 'Kamarah'], sousa: ['Souza', 'Sousa'], mendes: ['Mendez', 'Mendès'], sow: ['Sowe', 'Seaw'], bello: ['Bellow', 'Belo'],
  lefevre: ['Lefebvre', 'Lefèbvre'], mutua: ['Mutuah', 'Moutoua'], nyirenda: ['Nirenda', 'Nyerenda'], banda: ['Bandah', 'Mbanda'], phiri: ['Firi', 'Phiry'],
  kiprono: ['Kiplono', 'Kipronoh'], wanjiru: ['Wanjirou', 'Wangiru'],
};

function plain(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, ' ').trim();
}

/** Keeps the first letter's case. */
function recase(original: string, changed: string): string {
  if (!changed) return original;
  return original[0] === original[0]?.toUpperCase() ? changed[0].toUpperCase() + changed.slice(1) : changed;
}

export function keyboardTypo(name: string, random: SeededRandom): string {
  const lower = name.toLowerCase();
  const positions = [...lower].map((c, i) => (KEYBOARD[c] ? i : -1)).filter((i) => i > 0);
  if (!positions.length) return name + 'a';
  const i = random.pick(positions);
  const c = lower[i];
  const op = random.next();
  let out: string;
  if (op < 0.45) out = lower.slice(0, i) + random.pick([...KEYBOARD[c]]) + lower.slice(i + 1);
  else if (op < 0.65) out = lower.slice(0, i) + random.pick([...KEYBOARD[c]]) + lower.slice(i);
  else if (op < 0.85 && lower.length > 3) out = lower.slice(0, i) + lower.slice(i + 1);
  else out = i < lower.length - 1 ? lower.slice(0, i) + lower[i + 1] + lower[i] + lower.slice(i + 2) : lower.slice(0, i - 1) + lower[i] + lower[i - 1];
  return recase(name, out === lower ? lower + c : out);
}

export function ocrError(name: string, random: SeededRandom): string {
  const lower = name.toLowerCase();
  const options = OCR.flatMap(([a, b]) => [[a, b], [b, a]] as [string, string][]).filter(([from]) => lower.indexOf(from, 1) > 0);
  if (!options.length) return keyboardTypo(name, random);
  const [from, to] = random.pick(options);
  const at = lower.indexOf(from, 1);
  return recase(name, lower.slice(0, at) + to + lower.slice(at + from.length));
}

export function phoneticRespelling(name: string, random: SeededRandom): string {
  const lower = name.toLowerCase();
  const rules = PHONETIC.filter(([re]) => re.test(lower.slice(1)));
  if (!rules.length) return keyboardTypo(name, random);
  const [re, to] = random.pick(rules);
  return recase(name, lower[0] + lower.slice(1).replace(re, to));
}

export function nameVariant(name: string, random: SeededRandom): string | null {
  const variants = VARIANTS[plain(name)];
  return variants ? random.pick(variants) : null;
}

/** Drops one part of a compound name ("Da Silva" → "Silva"), or reduces a single given name to its initial. */
function dropPart(name: string, initial: boolean): string {
  const parts = name.split(/[\s-]+/).filter(Boolean);
  if (parts.length > 1) return parts.slice(1).join(' ');
  return initial ? `${name[0]}.` : name;
}

function isoDate(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Applies one kind of error to a copy; returns false when the kind cannot apply to this record. */
function apply(kind: CorruptionKind, copy: SyntheticIndividual, original: SyntheticIndividual, random: SeededRandom, ctx: CorruptionContext, state: { household: SyntheticHousehold | null }): boolean {
  const [y, m, d] = copy.birthDate ? copy.birthDate.split('-').map(Number) : [NaN, NaN, NaN];
  switch (kind) {
    case 'typo': {
      // two adjacent letters swapped (the original generator's typo), never two equal ones
      let i = random.int(1, Math.max(1, copy.givenName.length - 2));
      for (let k = 0; k < copy.givenName.length && copy.givenName[i] === copy.givenName[i + 1]; k++) i = 1 + ((i + 1) % Math.max(1, copy.givenName.length - 2));
      copy.givenName = copy.givenName.slice(0, i) + copy.givenName[i + 1] + copy.givenName[i] + copy.givenName.slice(i + 2);
      return true;
    }
    case 'swapped':
      [copy.givenName, copy.familyName] = [copy.familyName, copy.givenName];
      return true;
    case 'accents': {
      const g = copy.givenName.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      const f = copy.familyName.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      copy.givenName = random.next() < 0.5 ? g.toUpperCase() : g;
      copy.familyName = random.next() < 0.5 || `${copy.givenName} ${f}` === `${original.givenName} ${original.familyName}` ? f.toUpperCase() : f;
      return true;
    }
    case 'birthDay':
      if (!copy.birthDate) return false;
      copy.birthDate = isoDate(y, m, Math.min(28, d + 1) === d ? d - 1 : Math.min(28, d + 1));
      return true;
    case 'birthYear':
      if (!copy.birthDate) return false;
      copy.birthDate = isoDate(y - 1, m, d);
      return true;
    case 'samePhone':
      copy.givenName = copy.givenName.toUpperCase();
      return true;
    case 'keyboardTypo':
      if (random.next() < 0.6) copy.givenName = keyboardTypo(copy.givenName, random);
      else copy.familyName = keyboardTypo(copy.familyName, random);
      return true;
    case 'ocr':
      if (random.next() < 0.5) copy.givenName = ocrError(copy.givenName, random);
      else copy.familyName = ocrError(copy.familyName, random);
      return true;
    case 'phonetic':
      if (random.next() < 0.5) copy.givenName = phoneticRespelling(copy.givenName, random);
      else copy.familyName = phoneticRespelling(copy.familyName, random);
      return true;
    case 'nickname': {
      const parts: ('givenName' | 'familyName')[] = random.next() < 0.7 ? ['givenName', 'familyName'] : ['familyName', 'givenName'];
      for (const part of parts) {
        const variant = nameVariant(copy[part], random);
        if (variant && plain(variant) !== plain(copy[part])) {
          copy[part] = variant;
          return true;
        }
      }
      return false;
    }
    case 'nameDropped': {
      const compoundFamily = /[\s-]/.test(copy.familyName.trim());
      if (compoundFamily) copy.familyName = dropPart(copy.familyName, false);
      else copy.givenName = dropPart(copy.givenName, true);
      return true;
    }
    case 'nameReplaced': {
      // a married name or the other parent's name for the family name; another given name (a baptismal
      // or a Muslim name) otherwise
      const donor = random.pick(['Diallo', 'Otieno', 'Mendes', 'Okafor', 'Banda', 'Ndiaye', 'Kamara', 'Mutua', 'Sousa', 'Haruna']);
      const given = original.sex === 'F' ? ['Aminata', 'Grace', 'Mariama', 'Rose', 'Salma'] : ['Abdou', 'Joseph', 'Ousmane', 'Paulo', 'Salim'];
      if (random.next() < 0.7 && plain(donor) !== plain(copy.familyName)) copy.familyName = donor;
      else copy.givenName = random.pick(given);
      return true;
    }
    case 'swappedTypo':
      [copy.givenName, copy.familyName] = [keyboardTypo(copy.familyName, random), copy.givenName];
      return true;
    case 'birthMissing':
      if (!copy.birthDate) return false;
      copy.birthDate = '';
      return true;
    case 'birthYearOnly':
      // the usual convention when only the year is known: 1 January (or 1 July) of that year
      if (!copy.birthDate || (m === 1 && d === 1)) return false;
      copy.birthDate = isoDate(y, random.next() < 0.8 ? 1 : 7, 1);
      return true;
    case 'birthDayMonthSwapped':
      if (!copy.birthDate || d > 12 || d === m) return false;
      copy.birthDate = isoDate(y, d, m);
      return true;
    case 'birthDigitTypo': {
      // one digit of the year's or the day's last digit mistyped, the date staying valid
      if (!copy.birthDate) return false;
      if (random.next() < 0.5) {
        const digits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((k) => k !== y % 10 && y - (y % 10) + k < 2026);
        copy.birthDate = isoDate(y - (y % 10) + random.pick(digits), m, d);
      } else {
        const days = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => d - (d % 10) + k).filter((x) => x !== d && x >= 1 && x <= 28);
        copy.birthDate = isoDate(y, m, random.pick(days));
      }
      return true;
    }
    case 'areaNeighbour':
    case 'areaOther': {
      const home = ctx.villages.find((v) => v.code === ctx.household.areaCode);
      const pool = ctx.villages.filter((v) => v.code !== ctx.household.areaCode && (kind === 'areaOther' || v.parentCode === home?.parentCode));
      if (!pool.length) return false;
      state.household = { ...(state.household ?? ctx.household), code: `${ctx.household.code}-${ctx.suffix}`, areaCode: random.pick(pool).code };
      return true;
    }
    case 'otherHousehold':
      state.household = { ...(state.household ?? ctx.household), code: `${ctx.household.code}-${ctx.suffix}` };
      return true;
    case 'phoneChanged':
      copy.phone = `+2556${String(random.int(10_000_000, 99_999_999))}`;
      return true;
    case 'phoneMissing':
      if (!copy.phone) return false;
      copy.phone = '';
      return true;
    case 'newDocument':
      copy.documentType = original.documentType || 'NATIONAL_ID';
      copy.documentNumber = `${copy.documentType === 'NATIONAL_ID' ? 'NID' : 'BC'}9${String(random.int(100_000_000, 999_999_999))}`;
      return true;
  }
}

/**
 * A re-registration of `original` with one error drawn from `options.kinds` (and a second one with
 * probability `secondErrorRate`), labelled by the kinds applied. A re-registration comes without a
 * document (numbers are unique per type) unless the error is a new document, keeps the phone, and joins
 * the original's household unless the error moves it.
 */
export function corruptIndividual(original: SyntheticIndividual, random: SeededRandom, ctx: CorruptionContext, options: CorruptionOptions = {}): CorruptedRecord {
  const pool = options.kinds ?? CORRUPTION_KINDS;
  const copy: SyntheticIndividual = { ...original, externalId: `${original.externalId}-${ctx.suffix}`, documentType: '', documentNumber: '' };
  const state = { household: null as SyntheticHousehold | null };
  const kinds: CorruptionKind[] = [];
  for (let attempt = 0; attempt < 10 && !kinds.length; attempt++) {
    const kind = random.pick(pool);
    if (apply(kind, copy, original, random, ctx, state)) kinds.push(kind);
  }
  if (!kinds.length && apply('keyboardTypo', copy, original, random, ctx, state)) kinds.push('keyboardTypo');
  if (random.next() < (options.secondErrorRate ?? 0.25)) {
    const second = random.pick(SECOND_KINDS.filter((k) => !kinds.includes(k) && !(HOUSEHOLD_KINDS.includes(k) && kinds.some((x) => HOUSEHOLD_KINDS.includes(x)))));
    if (second && apply(second, copy, original, random, ctx, state)) kinds.push(second);
  }
  if (state.household) copy.householdCode = state.household.code;
  // in a household of its own the duplicate heads it; in the original's it is one more relative
  copy.relationship = state.household ? 'HEAD' : 'OTHER_RELATIVE';
  return { row: copy, household: state.household, kinds, truth: { original: original.externalId, duplicate: copy.externalId, noise: kinds.join('+') } };
}
