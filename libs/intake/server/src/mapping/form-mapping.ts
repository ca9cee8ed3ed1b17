/**
 * Form mapping: from the paths of a submission (flattened the KoBo way, `group/field`, with each repeat
 * group an array of such records) to the registry's household and member fields. Pure functions, shared
 * by the pull (staging), the preview and the cleaning queue.
 */

/** Registry fields a form path can feed; `household.extra.<key>` and `member.extra.<key>` feed extra fields. */
export const HOUSEHOLD_TARGETS = ['areaCode', 'address', 'latitude', 'longitude', 'rooms', 'registrationDate', 'photo'] as const;
export const MEMBER_TARGETS = ['givenName', 'familyName', 'sex', 'relationship', 'birthDate', 'estimatedAge', 'phone', 'documentType', 'documentNumber', 'photo'] as const;
export const TARGET_PATTERN = /^(household\.(areaCode|address|latitude|longitude|rooms|registrationDate|photo)|member\.(givenName|familyName|sex|relationship|birthDate|estimatedAge|phone|documentType|documentNumber|photo)|(household|member)\.extra\.[a-z][a-zA-Z0-9_]{0,49})$/;

export interface MappingRule {
  target: string;
  /** Form path; member targets take it relative to the repeat group's records (or absolute). */
  path: string;
}

export interface ChoiceRule {
  /** The target whose form values are translated: member.sex, member.relationship, household.extra.x... */
  target: string;
  value: string;
  code: string;
}

export interface FormMapping {
  /** Path of the repeat group holding the household members. */
  membersPath?: string | null;
  rules?: MappingRule[];
  choices?: ChoiceRule[];
  /** ISO country calling code used to normalise local phone numbers, e.g. "221". */
  phoneCountry?: string | null;
}

export interface StagedMember {
  givenName?: string | null;
  familyName?: string | null;
  sex?: string | null;
  relationship?: string | null;
  birthDate?: string | null;
  estimatedAge?: number | null;
  phone?: string | null;
  documentType?: string | null;
  documentNumber?: string | null;
  photo?: string | null;
  extra?: Record<string, unknown>;
}

export interface StagedHousehold {
  household: {
    areaCode?: string | null;
    address?: string | null;
    latitude?: number | null;
    longitude?: number | null;
    rooms?: number | null;
    registrationDate?: string | null;
    photo?: string | null;
    extra?: Record<string, unknown>;
  };
  members: StagedMember[];
  /** USSD: the answers to the programme's questions. */
  answers?: Record<string, unknown>;
}

export interface SubmissionIssue {
  field: string;
  code: string;
  /** Registry id of the person it may duplicate (the best match), or the document's holder. */
  ref?: string | null;
  /** LIKELY_DUPLICATE: the registered people the registry's duplicate model matched, best first. */
  matches?: LikelyDuplicate[];
}

/** A registered person a staged member may be, with the model's score and why. */
export interface LikelyDuplicate {
  individualId: string;
  householdId: string | null;
  score: number;
  matchWeight: number;
  matched: string[];
  contributions: { field: string; level: string; weight: number }[];
}

/** A submission with its repeat groups, flattened to KoBo-style paths. */
export type FlatRecord = Record<string, unknown>;

const NUMERIC = new Set(['latitude', 'longitude', 'rooms', 'estimatedAge']);

/** Reads a path: an exact key first, then the last segment (forms moved between groups), then nested objects. */
export function readPath(record: FlatRecord, path: string): unknown {
  if (path in record) return record[path];
  let node: unknown = record;
  for (const part of path.split('/')) {
    if (node && typeof node === 'object' && part in (node as Record<string, unknown>)) node = (node as Record<string, unknown>)[part];
    else return undefined;
  }
  return node;
}

function memberValue(item: FlatRecord, membersPath: string, path: string): unknown {
  const relative = path.startsWith(`${membersPath}/`) ? path : `${membersPath}/${path}`;
  const found = readPath(item, relative);
  return found !== undefined ? found : readPath(item, path);
}

function convert(target: string, value: unknown, mapping: FormMapping): unknown {
  if (value === undefined || value === null || value === '') return null;
  const field = target.split('.').pop()!;
  let out: unknown = typeof value === 'string' ? value : value;
  const choice = (mapping.choices ?? []).find((c) => c.target === target && c.value === String(value));
  if (choice) out = choice.code;
  if (NUMERIC.has(field)) {
    const n = Number(out);
    return Number.isFinite(n) ? n : out;
  }
  return typeof out === 'number' || typeof out === 'boolean' ? out : String(out);
}

/** Applies a mapping to one flattened submission. */
export function applyMapping(record: FlatRecord, mapping: FormMapping): StagedHousehold {
  const staged: StagedHousehold = { household: {}, members: [] };
  const rules = mapping.rules ?? [];
  for (const rule of rules.filter((r) => r.target.startsWith('household.'))) {
    const target = rule.target.slice('household.'.length);
    const value = convert(rule.target, readPath(record, rule.path), mapping);
    if (target.startsWith('extra.')) (staged.household.extra ??= {})[target.slice(6)] = value;
    else (staged.household as Record<string, unknown>)[target] = value;
  }
  const memberRules = rules.filter((r) => r.target.startsWith('member.'));
  const membersPath = mapping.membersPath?.trim();
  const items = membersPath ? readPath(record, membersPath) : undefined;
  const rows: FlatRecord[] = Array.isArray(items) ? (items as FlatRecord[]) : memberRules.length ? [record] : [];
  for (const item of rows) {
    const member: StagedMember = {};
    for (const rule of memberRules) {
      const target = rule.target.slice('member.'.length);
      const raw = Array.isArray(items) && membersPath ? memberValue(item, membersPath, rule.path) : readPath(item, rule.path);
      const value = convert(rule.target, raw, mapping);
      if (target.startsWith('extra.')) (member.extra ??= {})[target.slice(6)] = value;
      else (member as Record<string, unknown>)[target] = value;
    }
    staged.members.push(member);
  }
  return staged;
}

/** Reads a field of a staged record by its dotted path (household.areaCode, members.0.givenName). */
export function stagedValue(data: StagedHousehold, field: string): unknown {
  let node: unknown = data;
  for (const part of field.split('.')) {
    if (node === null || node === undefined || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A field a correction may set: a household field, an extra field, or a member's. */
export const CORRECTABLE_FIELD = /^(household\.(areaCode|address|latitude|longitude|rooms|registrationDate|photo|extra\.[a-zA-Z0-9_]{1,50})|members\.([0-9]|[1-4][0-9])\.(givenName|familyName|sex|relationship|birthDate|estimatedAge|phone|documentType|documentNumber|photo|extra\.[a-zA-Z0-9_]{1,50}))$/;

/** Sets a field of a staged record (a copy); a member index one past the end adds a member. */
export function setStagedValue(data: StagedHousehold, field: string, value: unknown): StagedHousehold {
  const copy = JSON.parse(JSON.stringify(data)) as StagedHousehold;
  const parts = field.split('.');
  let node = copy as unknown as Record<string, unknown>;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i];
    if (Array.isArray(node) && Number(part) === node.length) node.push({});
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
  return copy;
}

/** Title case for names: "  jean-PIERRE  diallo " → "Jean-Pierre Diallo". */
export function titleCase(name: string): string {
  return name
    .trim()
    .replace(/\s+/g, ' ')
    .toLocaleLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toLocaleUpperCase());
}

/** A phone in E.164 (+ and 8 to 15 digits) from a local or international number; null when it cannot be one. */
export function toE164(phone: string, country: string | null | undefined): string | null {
  const trimmed = phone.trim();
  let digits = trimmed.replace(/[\s().-]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (digits.startsWith('+')) return /^\+[1-9][0-9]{7,14}$/.test(digits) ? digits : null;
  if (!/^[0-9]+$/.test(digits) || !country) return null;
  if (digits.startsWith(country) && digits.length >= country.length + 7) return `+${digits}`;
  const local = digits.replace(/^0+/, '');
  const full = `+${country}${local}`;
  return /^\+[1-9][0-9]{7,14}$/.test(full) ? full : null;
}
