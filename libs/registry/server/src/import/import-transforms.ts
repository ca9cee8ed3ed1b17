import { EXTRA_PREFIX, IMPORT_FIELD_BY_NAME } from './import-fields';
import { type ImportReadOptions, readOptionsOf } from './import-read-options';

export const DATE_FORMATS = ['YMD', 'DMY', 'MDY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export const NAME_ORDERS = ['FAMILY_FIRST', 'GIVEN_FIRST'] as const;
export type NameOrder = (typeof NAME_ORDERS)[number];

/**
 * What the wizard does to the values of a file before they are checked, kept in the template with the
 * mapping: recoding of values (by field, from the value as written, compared without case or
 * surrounding spaces, to the code), fixed values for fields without a column, the date format of each
 * date column, the two-digit year pivot and how a full-name column splits.
 */
export interface ImportTransforms {
  recode?: Record<string, Record<string, string>>;
  fixed?: Record<string, string>;
  dates?: Record<string, DateFormat>;
  /** Two-digit years up to this one are 20xx, later ones 19xx (default: the current year). */
  yearPivot?: number;
  nameOrder?: NameOrder;
}

export interface ImportOptions {
  read: { members?: ImportReadOptions; households?: ImportReadOptions };
  transforms: ImportTransforms;
}

const MAX_RECODED_VALUES = 5000;
const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
const fieldName = (name: string) => name.length <= 100 && (IMPORT_FIELD_BY_NAME.has(name) || /^extra\.(household\.)?[A-Za-z][A-Za-z0-9_]{0,62}$/.test(name));

/** Options from untrusted JSON; null when anything in them is not understood (the caller answers with a 4xx). */
export function importOptionsOf(value: unknown): ImportOptions | null {
  if (value === undefined || value === null) return { read: {}, transforms: {} };
  if (!isRecord(value)) return null;
  const { read = {}, transforms = {}, ...rest } = value;
  if (Object.keys(rest).length || !isRecord(read) || !isRecord(transforms)) return null;
  const { members, households, ...otherFiles } = read;
  if (Object.keys(otherFiles).length) return null;
  const membersRead = readOptionsOf(members);
  const householdsRead = readOptionsOf(households);
  if (!membersRead || !householdsRead) return null;
  const out: ImportTransforms = {};
  const { recode, fixed, dates, yearPivot, nameOrder, ...otherTransforms } = transforms;
  if (Object.keys(otherTransforms).length) return null;
  if (recode !== undefined) {
    if (!isRecord(recode)) return null;
    let count = 0;
    out.recode = {};
    for (const [field, values] of Object.entries(recode)) {
      if (!fieldName(field) || !isRecord(values)) return null;
      const map: Record<string, string> = {};
      for (const [from, to] of Object.entries(values)) {
        if (typeof to !== 'string' || from.length > 200 || to.length > 200 || ++count > MAX_RECODED_VALUES) return null;
        map[from] = to;
      }
      out.recode[field] = map;
    }
  }
  if (fixed !== undefined) {
    if (!isRecord(fixed)) return null;
    out.fixed = {};
    for (const [field, v] of Object.entries(fixed)) {
      if (!fieldName(field) || typeof v !== 'string' || !v.trim() || v.length > 200) return null;
      out.fixed[field] = v.trim();
    }
  }
  if (dates !== undefined) {
    if (!isRecord(dates)) return null;
    out.dates = {};
    for (const [field, format] of Object.entries(dates)) {
      if (IMPORT_FIELD_BY_NAME.get(field)?.kind !== 'date' || !DATE_FORMATS.includes(format as DateFormat)) return null;
      out.dates[field] = format as DateFormat;
    }
  }
  if (yearPivot !== undefined && yearPivot !== null) {
    if (!Number.isInteger(yearPivot) || (yearPivot as number) < 0 || (yearPivot as number) > 99) return null;
    out.yearPivot = yearPivot as number;
  }
  if (nameOrder !== undefined && nameOrder !== null) {
    if (!NAME_ORDERS.includes(nameOrder as NameOrder)) return null;
    out.nameOrder = nameOrder as NameOrder;
  }
  return { read: { members: membersRead, households: householdsRead }, transforms: out };
}

/** Whether a field is filled by a fixed value rather than a column. */
export const isFixed = (transforms: ImportTransforms | undefined, field: string) => Boolean(transforms?.fixed?.[field]);

export { EXTRA_PREFIX };
