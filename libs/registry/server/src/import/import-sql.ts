import { phoneElementPattern, phoneElementSql } from '../phone-number';
import { EXTRA_PREFIX, IMPORT_FIELD_BY_NAME, type ImportFieldDefinition } from './import-fields';

/** A SQL string literal (values come from our own constants, but quote them properly anyway). */
export const lit = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** Staging column of a field: `f_<name>` for mapped fields, `x_<property>` for extra fields. */
export const col = (field: string): string => (field.startsWith(EXTRA_PREFIX) ? `"x_${field.slice(EXTRA_PREFIX.length)}"` : `"f_${field}"`);

const SEX_WORDS: Record<string, string> = { F: 'F', FEMALE: 'F', FEMME: 'F', FEMININ: 'F', FEMININO: 'F', FEMININE: 'F', W: 'F', M: 'M', MALE: 'M', HOMME: 'M', MASCULIN: 'M', MASCULINO: 'M', H: 'M' };

/** The canonical value of a choice field, or NULL when the text is not one of its values (case-insensitive). */
export function canonicalChoice(field: ImportFieldDefinition, expression: string): string {
  if (field.name === 'sex') {
    return `CASE upper(${expression}) ${Object.entries(SEX_WORDS).map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(v)}`).join(' ')} END`;
  }
  const choices = field.choices ?? [];
  return `CASE lower(${expression}) ${choices.map((c) => `WHEN ${lit(c.toLowerCase())} THEN ${lit(c)}`).join(' ')} END`;
}

/** Elements of a `|`-separated list cell. */
export const listOf = (expression: string): string => `array_remove(string_to_array(regexp_replace(${expression}, '\\s*\\|\\s*', '|', 'g'), '|'), '')`;

/** Phone numbers of a cell: `|`-separated, spaces, dots, dashes and brackets removed. */
export const phonesOf = (expression: string): string => `array_remove(string_to_array(regexp_replace(${expression}, '[\\s().-]', '', 'g'), '|'), '')`;

/** The numbers of a cell as the file wrote them (trimmed, in order); NULL when they are already their E.164 form. */
export const phonesAsEnteredOf = (expression: string, e164: string): string =>
  `CASE WHEN ${expression} IS NULL THEN NULL ELSE NULLIF(ARRAY(SELECT btrim(p.e) FROM unnest(string_to_array(${expression}, '|')) WITH ORDINALITY AS p(e, n) WHERE btrim(p.e) <> '' ORDER BY p.n), ${e164}) END`;

/** The numbers of a validated cell in E.164, in the file's order (see phone-number.ts for the rule). */
export const e164PhonesOf = (expression: string): string =>
  `ARRAY(SELECT ${phoneElementSql('p.e')} FROM unnest(${phonesOf(expression)}) WITH ORDINALITY AS p(e, n) ORDER BY p.n)`;

export interface FieldCheck {
  field: string;
  code: string;
  /** SQL boolean: true when the value is wrong. */
  failing: string;
  /** SQL jsonb for the message arguments. */
  args: string;
}

/** Per-value checks of a mapped field, evaluated on its staging text column. */
export function checksOf(fieldName: string, alias: string): FieldCheck[] {
  const field = IMPORT_FIELD_BY_NAME.get(fieldName);
  if (!field) return [];
  const v = `${alias}.${col(field.name)}`;
  const value = `jsonb_build_object('value', left(${v}, 60))`;
  const checks: FieldCheck[] = [];
  if (field.required) checks.push({ field: field.name, code: 'required', failing: `${v} IS NULL`, args: `'{}'::jsonb` });
  switch (field.kind) {
    case 'text':
      if (field.max) checks.push({ field: field.name, code: 'tooLong', failing: `length(${v}) > ${field.max}`, args: `jsonb_build_object('max', ${field.max})` });
      break;
    case 'int':
      checks.push({ field: field.name, code: 'invalidNumber', failing: `${v} !~ '^-?[0-9]{1,9}$'`, args: value });
      checks.push({ field: field.name, code: 'outOfRange', failing: `${v} ~ '^-?[0-9]{1,9}$' AND ${v}::int NOT BETWEEN ${field.min} AND ${field.maxValue}`, args: `jsonb_build_object('value', ${v}, 'min', ${field.min}, 'max', ${field.maxValue})` });
      break;
    case 'decimal':
      checks.push({ field: field.name, code: 'invalidNumber', failing: `${v} !~ '^-?[0-9]{1,3}(\\.[0-9]{1,12})?$'`, args: value });
      checks.push({ field: field.name, code: 'outOfRange', failing: `${v} ~ '^-?[0-9]{1,3}(\\.[0-9]{1,12})?$' AND ${v}::numeric NOT BETWEEN ${field.min} AND ${field.maxValue}`, args: `jsonb_build_object('value', ${v}, 'min', ${field.min}, 'max', ${field.maxValue})` });
      break;
    case 'date':
      checks.push({ field: field.name, code: 'invalidDate', failing: `${dateColumn(field.name, alias)} IS NULL`, args: value });
      checks.push({ field: field.name, code: 'dateInFuture', failing: `${dateColumn(field.name, alias)} > current_date`, args: value });
      break;
    case 'choice':
      checks.push({ field: field.name, code: 'invalidChoice', failing: `(${canonicalChoice(field, v)}) IS NULL`, args: `jsonb_build_object('value', left(${v}, 60), 'allowed', ${lit((field.name === 'sex' ? ['F', 'M'] : [...(field.choices ?? [])]).join(', '))})` });
      break;
    case 'list': {
      // one regular expression over the cell: far cheaper than unnesting it on every row
      const words = (field.choices ?? []).map((c) => c.replace(/[^a-z0-9_]/gi, '')).join('|');
      checks.push({
        field: field.name,
        code: 'invalidChoice',
        failing: `lower(regexp_replace(${v}, '\\s*\\|\\s*', '|', 'g')) !~ '^(${words})(\\|(${words}))*$'`,
        args: `jsonb_build_object('value', left(${v}, 60), 'allowed', ${lit((field.choices ?? []).join(', '))})`,
      });
      break;
    }
    case 'phones':
      checks.push({ field: field.name, code: 'invalidPhone', failing: `regexp_replace(${v}, '[\\s().-]', '', 'g') !~ ${lit(`^(${phoneElementPattern()})(\\|(${phoneElementPattern()}))*$`)}`, args: value });
      break;
  }
  // a NULL value fails only the "required" check
  return checks.map((c) => (c.code === 'required' ? c : { ...c, failing: `(${v} IS NOT NULL AND ${c.failing})` }));
}

/** Dates are parsed once, when the staging table is made, into `d_<name>`. */
export const dateColumn = (field: string, alias: string): string => `${alias}."d_${field}"`;

/** Typed value of a validated staging column, for the final insert. */
export function typedValue(fieldName: string, alias: string): string {
  const field = IMPORT_FIELD_BY_NAME.get(fieldName)!;
  const v = `${alias}.${col(field.name)}`;
  switch (field.kind) {
    case 'int':
      return `${v}::int`;
    case 'decimal':
      return `${v}::numeric`;
    case 'date':
      return dateColumn(field.name, alias);
    case 'choice':
      return canonicalChoice(field, v);
    case 'list':
      return `coalesce(${listOf(v)}, '{}')`;
    case 'phones':
      return `CASE WHEN ${v} IS NULL THEN '{}'::text[] ELSE ${e164PhonesOf(v)} END`;
    default:
      return v;
  }
}
