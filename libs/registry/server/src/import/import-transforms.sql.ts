import type { QueryRunner } from 'typeorm';
import { lit } from './import-sql';
import type { DateFormat, ImportTransforms } from './import-transforms';

/** Fields naming the area level by level (1 = the highest level mapped), resolved by names. */
export const AREA_LEVEL_FIELDS = ['areaLevel1', 'areaLevel2', 'areaLevel3', 'areaLevel4', 'areaLevel5', 'areaLevel6'] as const;

/**
 * The user's values (recodings, fixed values) go into small temporary tables with parameters; the
 * staging statements join them, so that a million rows are recoded by one hash join per field.
 */
export async function loadTransformTables(runner: QueryRunner, transforms: ImportTransforms): Promise<void> {
  await runner.query(`CREATE TEMP TABLE t_recode (field text COLLATE "C", raw text COLLATE "C", code text, PRIMARY KEY (field, raw)) ON COMMIT DROP`);
  const pairs = Object.entries(transforms.recode ?? {}).flatMap(([field, values]) =>
    Object.entries(values)
      .filter(([, code]) => code !== '')
      .map(([raw, code]) => [field, raw.trim().toLowerCase(), code.trim()]),
  );
  if (pairs.length) {
    await runner.query(`INSERT INTO t_recode (field, raw, code) SELECT DISTINCT ON (f, r) f, r, c FROM unnest($1::text[], $2::text[], $3::text[]) AS u(f, r, c) ORDER BY f, r`, [
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
      pairs.map((p) => p[2]),
    ]);
  }
  await runner.query(`CREATE TEMP TABLE t_fixed (field text COLLATE "C" PRIMARY KEY, value text) ON COMMIT DROP`);
  const fixed = Object.entries(transforms.fixed ?? {});
  if (fixed.length) await runner.query(`INSERT INTO t_fixed (field, value) SELECT * FROM unnest($1::text[], $2::text[])`, [fixed.map((f) => f[0]), fixed.map((f) => f[1])]);
}

/**
 * Builds the value expression of each staged field over `raw_<file> r`, with the joins the recodings need. A
 * recoded column is joined on its raw text to a small table of its distinct values and their codes, which
 * `prepare` builds before the statement runs: lower() under the database's collation on every row cost 1.2-1.7 s per
 * recoded column at 1,000,000 rows, on a few dozen distinct values it costs nothing.
 */
export class StageColumns {
  readonly joins: string[] = [];
  private readonly cells = new Map<string, string>();
  private readonly recoded: { field: string; index: number; table: string }[] = [];
  private readonly prepared = new Set<string>();
  private fullNameJoined = false;

  constructor(
    private readonly column: (field: string) => number | null,
    private readonly transforms: ImportTransforms,
    private readonly source = 'raw_members',
  ) {}

  /** Creates the recoding tables of the fields read so far (call it after building the statement, before running it). */
  async prepare(runner: QueryRunner): Promise<void> {
    const pending = this.recoded.filter((r) => !this.prepared.has(r.table));
    if (!pending.length) return;
    const columns = [...new Set(pending.map((r) => `c${r.index}`))];
    // one pass over the file for every recoded column: their distinct combinations are few
    await runner.query(`CREATE TEMP TABLE ${this.source}_rc ON COMMIT DROP AS SELECT DISTINCT ${columns.join(', ')} FROM ${this.source}`);
    for (const r of pending) {
      await runner.query(
        `CREATE TEMP TABLE ${r.table} ON COMMIT DROP AS
         SELECT x.raw, rc.code FROM (SELECT DISTINCT c${r.index} AS raw FROM ${this.source}_rc) x JOIN t_recode rc ON rc.field = $1 AND rc.raw = lower(btrim(x.raw))`,
        [r.field],
      );
      await runner.query(`ANALYZE ${r.table}`);
      this.prepared.add(r.table);
    }
    await runner.query(`DROP TABLE ${this.source}_rc`);
  }

  /** The trimmed text of the field's column (NULL when blank), recoded, or the field's fixed value. */
  cell(field: string): string {
    // a recoded field is joined once, however often the statement reads it
    const known = this.cells.get(field);
    if (known) return known;
    const expression = this.expression(field);
    this.cells.set(field, expression);
    return expression;
  }

  private expression(field: string): string {
    const index = this.column(field);
    if (index === null) {
      if (this.transforms.fixed?.[field]) {
        const fixed = `(SELECT value FROM t_fixed WHERE field = ${lit(field)}) COLLATE "C"`;
        // a fixed document type goes with the rows that have a document number
        return field === 'documentType' ? `CASE WHEN ${this.cell('documentNumber')} IS NOT NULL THEN ${fixed} END` : fixed;
      }
      const split = this.fullNamePart(field);
      return split ?? 'NULL::text COLLATE "C"';
    }
    const raw = `nullif(btrim(r.c${index}), '') COLLATE "C"`;
    if (!Object.keys(this.transforms.recode?.[field] ?? {}).length) return raw;
    const alias = `rk${this.joins.length + 1}`;
    const table = `${this.source}_${alias}`;
    this.recoded.push({ field, index, table });
    this.joins.push(`LEFT JOIN ${table} ${alias} ON ${alias}.raw = r.c${index}`);
    return `coalesce(${alias}.code COLLATE "C", ${raw})`;
  }

  /** Given or family name from a full-name column (runs of spaces made one). */
  private fullNamePart(field: string): string | null {
    if (field !== 'givenName' && field !== 'familyName') return null;
    const index = this.column('fullName');
    if (index === null) return null;
    // the cleaned name is computed once per row and both parts read it (OFFSET 0 keeps the planner from
    // pulling the subquery up, which copied the regular expression into each of its four uses)
    if (!this.fullNameJoined) this.joins.push(`CROSS JOIN LATERAL (SELECT regexp_replace(btrim(r.c${index}), '\\s+', ' ', 'g') OFFSET 0) AS fn(name)`);
    this.fullNameJoined = true;
    const name = 'fn.name';
    const familyFirst = (this.transforms.nameOrder ?? 'FAMILY_FIRST') === 'FAMILY_FIRST';
    const part =
      field === 'familyName'
        ? familyFirst
          ? `split_part(${name}, ' ', 1)`
          : `regexp_replace(${name}, '^.* ', '')`
        : familyFirst
          ? `CASE WHEN strpos(${name}, ' ') > 0 THEN substr(${name}, strpos(${name}, ' ') + 1) END`
          : `CASE WHEN strpos(${name}, ' ') > 0 THEN regexp_replace(${name}, ' [^ ]*$', '') END`;
    return `nullif(${part}, '') COLLATE "C"`;
  }
}

/**
 * A date from text in the chosen format: ISO (always accepted), day/month/year or month/day/year with
 * `/`, `-` or `.`, two-digit years around the pivot, or an Excel serial number (five digits: 1927–2173).
 * NULL when it is none of these or not a real calendar date.
 */
export function dateSql(expression: string, format: DateFormat | undefined, pivot: number): string {
  const serial = `CASE WHEN ${expression} ~ '^[1-9][0-9]{4}(\\.0+)?$' THEN date '1899-12-30' + split_part(${expression}, '.', 1)::int END`;
  if (!format || format === 'YMD') return `coalesce(registry.parse_date(${expression}), ${serial})`;
  const [day, month] = format === 'DMY' ? ['m[1]', 'm[2]'] : ['m[2]', 'm[1]'];
  const year = `CASE WHEN length(m[3]) = 2 THEN CASE WHEN m[3]::int <= ${pivot} THEN '20' ELSE '19' END || m[3] ELSE m[3] END`;
  const parsed = `(SELECT registry.parse_date(${year} || '-' || lpad(${month}, 2, '0') || '-' || lpad(${day}, 2, '0')) FROM regexp_match(${expression}, '^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2})$') AS m WHERE m IS NOT NULL)`;
  return `coalesce(registry.parse_date(${expression}), ${parsed}, ${serial})`;
}

/**
 * Dates repeat (about 31,000 distinct birth dates among 1,000,000 people): each distinct spelling of
 * `column` in `source` is parsed once into `table (raw, d)`, which the staging joins (12.6 s → 1.6 s at
 * 1,000,000 dd/mm/yyyy values, measured on the bench database).
 */
export async function loadDistinctDates(runner: QueryRunner, table: string, source: string, column: string, format: DateFormat | undefined, pivot: number): Promise<void> {
  await runner.query(`
    CREATE TEMP TABLE ${table} ON COMMIT DROP AS
    SELECT x.raw, ${dateSql('x.raw', format, pivot)} AS d FROM (SELECT DISTINCT ${column} AS raw FROM ${source} WHERE ${column} IS NOT NULL) x`);
  await runner.query(`ANALYZE ${table}`);
}

/** The default pivot: two-digit years up to this year's are in this century. */
export const defaultYearPivot = () => new Date().getUTCFullYear() % 100;

/**
 * Areas named level by level (Province, Commune, Colline): each distinct path of names in `src_h` is
 * resolved once, case- and accent-insensitively in any language, by walking down from an area with the
 * first name through children with the next ones. `t_area_name` holds, per key, the area when exactly
 * one path matches, else why not (areaNamesIncomplete, unknownAreaName, ambiguousAreaName).
 */
export async function resolveAreaNames(runner: QueryRunner, levels: string[]): Promise<void> {
  const cols = levels.map((f) => `"f_${f}"`);
  await runner.query(`
    CREATE TEMP TABLE t_area_name ON COMMIT DROP AS
    SELECT DISTINCT ${areaNameKey('s', levels)} AS key, ${cols.map((c, i) => `s.${c} AS l${i + 1}`).join(', ')}
      FROM src_h s WHERE ${cols.map((c) => `s.${c} IS NOT NULL`).join(' OR ')}`);
  await runner.query(`
    CREATE TEMP TABLE t_geo ON COMMIT DROP AS
    SELECT DISTINCT a.id, a.parent_id, a.path, l.depth, registry.name_norm(n.name) COLLATE "C" AS norm
      FROM geo.admin_area a JOIN geo.admin_level l ON l.id = a.level_id CROSS JOIN LATERAL unnest(ARRAY[a.name_en, a.name_fr, a.name_pt]) AS n(name)
     WHERE n.name IS NOT NULL AND a.is_active`);
  await runner.query(`CREATE INDEX ON t_geo (norm, depth)`);
  await runner.query(`ANALYZE t_geo`);
  const chain = levels
    .map((f, i) => (i === 0 ? `t_geo g1` : `JOIN t_geo g${i + 1} ON g${i + 1}.parent_id = g${i}.id AND g${i + 1}.depth = ${depthOf(f)} AND g${i + 1}.norm = registry.name_norm(t.l${i + 1})`))
    .join(' ');
  const last = `g${levels.length}`;
  await runner.query(`
    ALTER TABLE t_area_name ADD COLUMN id uuid, ADD COLUMN path text, ADD COLUMN error text, ADD COLUMN names text`);
  await runner.query(`
    UPDATE t_area_name t SET id = CASE WHEN m.n = 1 THEN m.id END, path = CASE WHEN m.n = 1 THEN m.path END,
           names = concat_ws(' / ', ${levels.map((_, i) => `t.l${i + 1}`).join(', ')}),
           error = CASE WHEN ${levels.map((_, i) => `t.l${i + 1} IS NULL`).join(' OR ')} THEN 'areaNamesIncomplete'
                        WHEN m.n = 0 THEN 'unknownAreaName' WHEN m.n > 1 THEN 'ambiguousAreaName' END
      FROM (SELECT t2.key, x.n, x.id, x.path FROM t_area_name t2 CROSS JOIN LATERAL (
              SELECT count(DISTINCT ${last}.id)::int AS n, min(${last}.id::text)::uuid AS id, min(${last}.path) AS path
                FROM ${chain.replace(/\bt\.l/g, 't2.l')}
               WHERE g1.norm = registry.name_norm(t2.l1) AND g1.depth = ${depthOf(levels[0])}) x) m
     WHERE m.key = t.key`);
}

/** The depth of the level an `areaLevel<n>` column names: n (the root, depth 0, is not named in a row). */
const depthOf = (field: string): number => {
  const depth = Number(field.slice('areaLevel'.length));
  if (!Number.isInteger(depth) || depth < 1) throw new Error(`not an area level field: ${field}`);
  return depth;
};

/** The key of a path of names, the same in `src_h` and `t_area_name`. */
export const areaNameKey = (alias: string, levels: string[]) => `concat_ws(chr(31), ${levels.map((f) => `coalesce(${alias}."f_${f}", '')`).join(', ')})`;
