import { DuplicatePerson } from './duplicate.queries';

/** How a merge treats a row when the survivor's value is empty or differs. */
export type MergeRule = 'fill' | 'union' | 'move' | 'keep' | 'takePlace';

/** A line of the side-by-side comparison. */
export interface ComparisonRow {
  /** Label key under `registry.duplicates.fields`, or an extra field's name when `extra`. */
  readonly field: string;
  readonly extra: boolean;
  /** Display texts; '' when the record has no value. */
  readonly a: string;
  readonly b: string;
  /** Both have a value and they are not the same. */
  readonly differs: boolean;
  /** Exactly one of them is empty. */
  readonly oneEmpty: boolean;
  readonly rule: MergeRule;
}

/** What a merge does to the survivor for this row: a value it takes from the other record, or null. */
export function mergeEffect(row: ComparisonRow, survivor: 'a' | 'b'): 'filled' | 'combined' | 'moved' | null {
  const own = survivor === 'a' ? row.a : row.b;
  const other = survivor === 'a' ? row.b : row.a;
  if (!other) return null;
  switch (row.rule) {
    case 'fill':
    case 'takePlace':
      return own ? null : 'filled';
    case 'union':
      return own === other ? null : own ? 'combined' : 'filled';
    case 'move':
      return 'moved';
    default:
      return null;
  }
}

/** Turns codes and dates into words in the interface language. */
export interface ValueFormatter {
  code(vocabulary: string, value: string | null | undefined): string;
  date(value: string | null | undefined): string;
  dateTime(value: string | null | undefined): string;
}

/** Values compared as written (an accent is a difference worth seeing), apart from spaces and case. */
function normalised(value: string): string {
  return value.replace(/\s+/g, ' ').trim().toLocaleLowerCase();
}

function row(field: string, a: string, b: string, rule: MergeRule = 'keep', extra = false, compareA = a, compareB = b): ComparisonRow {
  const both = !!compareA && !!compareB;
  return {
    field,
    extra,
    a,
    b,
    differs: both && normalised(compareA) !== normalised(compareB),
    oneEmpty: !!compareA !== !!compareB,
    rule,
  };
}

function extraText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map(extraText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Every field of the two records, in reading order, then their extra fields. */
export function comparisonRows(a: DuplicatePerson, b: DuplicatePerson, format: ValueFormatter): ComparisonRow[] {
  const birth = (p: DuplicatePerson) => (p.birthDate ? format.date(p.birthDate) + (p.birthDateEstimated ? ` (${format.code('misc', 'estimated')})` : '') : '');
  const phones = (p: DuplicatePerson) => [...p.phones].sort().join(', ');
  const documents = (p: DuplicatePerson) =>
    p.documents
      .map((d) => `${format.code('documentType', d.type)} ${d.number}`)
      .sort()
      .join(', ');
  const area = (p: DuplicatePerson) => (p.household ? `${p.household.area.name} (${p.household.area.code})` : '');
  const rows: ComparisonRow[] = [
    row('givenName', a.givenName, b.givenName),
    row('familyName', a.familyName, b.familyName),
    row('otherNames', a.otherNames ?? '', b.otherNames ?? '', 'fill'),
    row('sex', format.code('sex', a.sex), format.code('sex', b.sex)),
    row('birthDate', birth(a), birth(b), 'fill', false, a.birthDate ?? '', b.birthDate ?? ''),
    row('age', a.age === null ? '' : String(a.age), b.age === null ? '' : String(b.age)),
    row('phones', phones(a), phones(b), 'union'),
    row('documents', documents(a), documents(b), 'move'),
    row('household', a.household?.code ?? '', b.household?.code ?? '', 'takePlace'),
    row('area', area(a), area(b), 'takePlace'),
    row('relationship', format.code('relationship', a.relationship), format.code('relationship', b.relationship), 'takePlace'),
    row('recipientRole', format.code('recipientRole', a.recipientRole), format.code('recipientRole', b.recipientRole)),
    row('maritalStatus', format.code('maritalStatus', a.maritalStatus), format.code('maritalStatus', b.maritalStatus), 'fill'),
    row('disability', format.code('disability', a.disability), format.code('disability', b.disability), 'fill'),
    row('education', format.code('education', a.education), format.code('education', b.education), 'fill'),
    row('occupation', a.occupation ?? '', b.occupation ?? '', 'fill'),
    row('externalId', a.externalId ?? '', b.externalId ?? ''),
    row('status', format.code('status', a.status), format.code('status', b.status)),
    row('registeredOn', format.dateTime(a.createdAt), format.dateTime(b.createdAt)),
  ];
  const extraKeys = [...new Set([...Object.keys(a.extra ?? {}), ...Object.keys(b.extra ?? {})])].sort();
  for (const key of extraKeys) rows.push(row(key, extraText(a.extra?.[key]), extraText(b.extra?.[key]), 'fill', true));
  return rows;
}

/** A survivor without a household takes the merged record's place in its household. */
export function takesPlace(survivor: DuplicatePerson, merged: DuplicatePerson): boolean {
  return !survivor.household && !!merged.household;
}

/** The server refuses the merge: the merged record heads a household the survivor cannot take over (it has one). */
export function mergeBlockedByHead(survivor: DuplicatePerson, merged: DuplicatePerson): boolean {
  return merged.relationship === 'HEAD' && !!merged.household && !!survivor.household;
}
