import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { pipeline } from 'node:stream/promises';
import { AppError, areaScopePatterns, AuditService, conflict, JobService, forbidden, invalidField, type Language, notFound, RequestContext, Translator } from '@coremis/core';
import { type ChangeableField, copyOptionsOf, csvStreamOf, dropIndexesForBulk, ImportUploadService, previewFile, RecordChangeService, type RecordEntity, restoreBulkIndexes, updateStaysOnPage } from '@coremis/registry';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { CreateBulkUpdateInput } from './bulk-update.inputs';

/** The approvable operation that applies a bulk update; its flow's levels are the update's approvals. */
export const APPLY_BULK_OPERATION = 'grm.bulkUpdates.apply';
export const BULK_PERMISSION = 'grm.bulkUpdates.manage';
const E = 'grm.bulkUpdates.errors';
/** Records from which an apply rebuilds the table's secondary indexes, when they are also this share of its rows (GRM_BULK_INDEX_THRESHOLD / _RATIO override). */
const BULK_INDEX_THRESHOLD = 200_000;
const BULK_INDEX_RATIO = 0.5;

export type BulkUpdateStatus = 'CHECKING' | 'FAILED' | 'INVALID' | 'READY' | 'APPLYING' | 'APPLIED' | 'STALE';
/** The durable job that reads, checks and previews a file. */
export const BULK_UPDATE_QUEUE = 'grm-bulk-updates';

export interface BulkUpdateRow {
  id: string;
  recordType: RecordEntity;
  fileName: string;
  idColumn: string;
  mapping: { column: string; field: string }[];
  status: BulkUpdateStatus;
  rowCount: number;
  errorCount: number;
  recordCount: number;
  fieldCount: number;
  fieldCounts: Record<string, number>;
  staleCount: number;
  jobId: string | null;
  applyJobId: string | null;
  failure: { key: string; args: Record<string, unknown> } | null;
  createdBy: string | null;
  appliedAt: Date | null;
  createdAt: Date;
}

/** How a built-in registry field is stored and checked (the column name is never taken from input). */
interface ColumnSpec {
  column: string;
  /** SQL type the text value is cast to when applied. */
  cast: 'text' | 'smallint' | 'numeric' | 'date';
  maxLength?: number;
  pattern?: string;
  min?: number;
  max?: number;
}

const TABLE: Record<RecordEntity, string> = { HOUSEHOLD: 'registry.household', INDIVIDUAL: 'registry.individual' };
const ENTITY_TYPE: Record<RecordEntity, string> = { HOUSEHOLD: 'Household', INDIVIDUAL: 'Individual' };

const COLUMNS: Record<string, ColumnSpec> = {
  address: { column: 'address', cast: 'text', maxLength: 1000 },
  latitude: { column: 'latitude', cast: 'numeric', pattern: '^-?[0-9]{1,3}(\\.[0-9]{1,6})?$', min: -90, max: 90 },
  longitude: { column: 'longitude', cast: 'numeric', pattern: '^-?[0-9]{1,3}(\\.[0-9]{1,6})?$', min: -180, max: 180 },
  rooms: { column: 'rooms', cast: 'smallint', pattern: '^[0-9]{1,4}$', min: 0, max: 999 },
  wallMaterial: { column: 'wall_material', cast: 'text' },
  roofMaterial: { column: 'roof_material', cast: 'text' },
  floorMaterial: { column: 'floor_material', cast: 'text' },
  waterSource: { column: 'water_source', cast: 'text' },
  sanitation: { column: 'sanitation', cast: 'text' },
  lighting: { column: 'lighting', cast: 'text' },
  cookingFuel: { column: 'cooking_fuel', cast: 'text' },
  givenName: { column: 'given_name', cast: 'text', maxLength: 100 },
  familyName: { column: 'family_name', cast: 'text', maxLength: 100 },
  otherNames: { column: 'other_names', cast: 'text', maxLength: 200 },
  sex: { column: 'sex', cast: 'text' },
  birthDate: { column: 'birth_date', cast: 'date' },
  maritalStatus: { column: 'marital_status', cast: 'text' },
  disability: { column: 'disability', cast: 'text' },
  education: { column: 'education', cast: 'text' },
  occupation: { column: 'occupation', cast: 'text', maxLength: 100 },
};

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const UUID_SHAPE = '________-____-____-____-____________';
const DATE = '^[12][0-9]{3}-(0[1-9]|1[0-2])-[0-9]{2}$';
const TRUE_WORDS = ['true', 'yes', '1', 'oui', 'sim', 'vrai'];
const FALSE_WORDS = ['false', 'no', '0', 'non', 'não', 'nao', 'faux'];
const EXTRA_TEXT_MAX = 1000;
const EXTRA_RULES_BATCH = 5000;

interface MappedField {
  /** `cN`: the staging column, generated here (never user text). */
  source: string;
  column: string;
  field: ChangeableField;
  spec: ColumnSpec | null;
}

class BulkUpdateChangedMeanwhile extends Error {}

/** A SQL builder that numbers its parameters. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Bulk updates of households or individuals from a CSV/XLSX file, read as the registry import reads it.
 * The file is streamed with COPY into a staging table; every check, the diff and the apply are set-based
 * SQL with parameters. All or nothing: a file with one bad row can never be applied. The apply is one
 * transaction, guarded by the update's status (applied once) and the records' versions (stale records
 * refuse the whole update instead of being overwritten); every changed field goes to the audit trail.
 */
@Injectable()
export class BulkUpdateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uploads: ImportUploadService,
    private readonly records: RecordChangeService,
    private readonly audit: AuditService,
    private readonly translator: Translator,
    private readonly jobs: JobService,
  ) {}

  /** The header of the caller's own upload (blank and repeated names made usable, as the import shows them). */
  async columns(uploadId: string): Promise<string[]> {
    const upload = await this.uploads.get(uploadId);
    if (!upload) throw invalidField('uploadId', `${E}.uploadNotFound`);
    return (await previewFile(upload.storagePath, upload.format, 1)).headers;
  }

  /** The fields a bulk update may set: the data-change requests' fields that have a column here, and the extra fields. */
  async fields(entity: RecordEntity): Promise<ChangeableField[]> {
    return (await this.records.fields(entity)).filter((f) => f.extra || COLUMNS[f.key]);
  }

  /** Reads the file, checks every row and computes the diff; the update is READY, or INVALID with its row errors. */
  async create(input: CreateBulkUpdateInput): Promise<BulkUpdateRow> {
    const upload = await this.uploads.get(input.uploadId);
    if (!upload) throw invalidField('uploadId', `${E}.uploadNotFound`);
    const read = { separator: input.separator ?? undefined, encoding: input.encoding ?? undefined, sheet: input.sheet ?? null };
    const preview = await previewFile(upload.storagePath, upload.format, 1, read);
    const headers = preview.headers;
    // what the file is read with: the options given, else what the registry's reader detected
    if (upload.format === 'CSV') Object.assign(read, { separator: preview.separator ?? undefined, encoding: preview.encoding ?? undefined });
    const idIndex = headers.indexOf(input.idColumn);
    if (idIndex < 0) throw invalidField('idColumn', `${E}.unknownColumn`, { column: input.idColumn });
    const fields = new Map((await this.records.fields(input.recordType)).map((f) => [f.key, f]));
    const seen = new Set<string>();
    const mapped: MappedField[] = input.columns.map((c, i) => {
      const index = headers.indexOf(c.column);
      if (index < 0) throw invalidField(`columns.${i}.column`, `${E}.unknownColumn`, { column: c.column });
      const field = fields.get(c.field);
      const spec = field && !field.extra ? COLUMNS[field.key] : null;
      if (!field || (!field.extra && !spec)) throw invalidField(`columns.${i}.field`, `${E}.fieldNotEditable`, { field: c.field });
      if (seen.has(c.field)) throw invalidField(`columns.${i}.field`, `${E}.duplicateField`, { field: c.field });
      seen.add(c.field);
      return { source: `c${index + 1}`, column: c.column, field, spec };
    });
    if (!mapped.length) throw invalidField('columns', `${E}.noColumns`);
    const actor = RequestContext.actor();
    const id = await this.dataSource.transaction(async (em) => {
      const [created] = (await em.query(
        `INSERT INTO grm.bulk_update (record_type, upload_id, file_name, id_column, mapping, read_options, status, created_by_id, created_by, area_paths)
         VALUES ($1, $2, $3, $4, $5, $6, 'CHECKING', $7, $8, $9) RETURNING id`,
        [
          input.recordType,
          upload.id,
          upload.name,
          input.idColumn,
          JSON.stringify(mapped.map((m) => ({ column: m.column, field: m.field.key }))),
          JSON.stringify({ ...read, width: headers.length, idSource: `c${idIndex + 1}`, sources: mapped.map((m) => m.source) }),
          actor?.userId ?? null,
          actor?.username ?? null,
          actor?.areaPaths ?? null,
        ],
      )) as { id: string }[];
      // the job row commits with the update, or neither exists
      const job = await this.jobs.enqueue(BULK_UPDATE_QUEUE, 'check', { id: created.id }, { createdBy: actor?.userId ?? null, manager: em });
      await em.query(`UPDATE grm.bulk_update SET job_id = $2 WHERE id = $1`, [created.id, job.id]);
      return created.id;
    });
    return (await this.findById(id))!;
  }

  /**
   * The job's work, run as the maker (their areas): reads the file into staging, checks every row and
   * computes the diff, in one transaction guarded by the CHECKING status, so that a retried or repeated
   * run does it at most once. A file that cannot be read ends FAILED with its translated reason.
   */
  async runCheck(id: string, progress: (fraction: number) => Promise<void> = async () => undefined): Promise<BulkUpdateStatus | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // the file's ids join the registry's million records in memory rather than in batches spilled to disk
      await runner.query(`SET LOCAL work_mem = '256MB'`);
      const [row] = (await runner.query(`SELECT record_type, upload_id, status, mapping, read_options FROM grm.bulk_update WHERE id = $1 FOR UPDATE`, [id])) as {
        record_type: RecordEntity;
        upload_id: string;
        status: BulkUpdateStatus;
        mapping: { column: string; field: string }[];
        read_options: { separator?: string; encoding?: string; sheet?: string | null; width: number; idSource: string; sources: string[] };
      }[];
      if (!row || row.status !== 'CHECKING') {
        await runner.rollbackTransaction();
        return row?.status ?? null;
      }
      const fields = new Map((await this.records.fields(row.record_type, runner.manager)).map((f) => [f.key, f]));
      const mapped: MappedField[] = row.mapping.map((m, i) => {
        const field = fields.get(m.field);
        // the deployment removed an extra field since: the update cannot be checked
        if (!field) throw new AppError('BAD_USER_INPUT', `${E}.fieldNotEditable`, { field: m.field });
        return { source: row.read_options.sources[i], column: m.column, field, spec: field.extra ? null : COLUMNS[field.key] };
      });
      const upload = await this.uploads.get(row.upload_id);
      if (!upload) throw new AppError('BAD_USER_INPUT', `${E}.uploadNotFound`);
      const { width, idSource, sources: _sources, ...read } = row.read_options;
      void _sources;
      await this.copyIn(runner, upload.storagePath, upload.format, read, width);
      await progress(0.4);
      await this.check(runner, id, row.record_type, idSource, mapped);
      await progress(0.7);
      await this.diff(runner, id, mapped);
      await runner.commitTransaction();
      await progress(1);
      return (await this.findById(id))?.status ?? null;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      if (!(error instanceof AppError)) throw error;
      // bad input (an unreadable file): not retried, reported on the update
      await this.dataSource.query(`UPDATE grm.bulk_update SET status = 'FAILED', failure = $2, updated_at = now(), version = version + 1 WHERE id = $1 AND status = 'CHECKING'`, [
        id,
        JSON.stringify(error.fieldErrors[0] ? { key: error.fieldErrors[0].key, args: error.fieldErrors[0].args ?? {} } : { key: error.messageKey, args: error.args }),
      ]);
      return 'FAILED';
    } finally {
      await runner.release();
    }
  }

  private async copyIn(runner: QueryRunner, path: string, format: 'CSV' | 'XLSX', read: Record<string, unknown>, width: number): Promise<void> {
    const columns = Array.from({ length: width }, (_, i) => `c${i + 1}`);
    await runner.query(`CREATE TEMP TABLE bulk_in (row_no int GENERATED ALWAYS AS IDENTITY, ${columns.map((c) => `${c} text`).join(', ')}) ON COMMIT DROP`);
    const client = (runner as unknown as { databaseConnection: { query(stream: unknown): NodeJS.WritableStream } }).databaseConnection;
    const copy = client.query(copyFrom(`COPY bulk_in (${columns.join(', ')}) FROM STDIN WITH (${copyOptionsOf(format, read)})`));
    try {
      await pipeline(csvStreamOf(path, format, read), copy as unknown as NodeJS.WritableStream);
    } catch (error) {
      const pg = error as { message?: string; where?: string };
      const line = /line (\d+)/.exec(pg.where ?? '')?.[1];
      throw invalidField('uploadId', `${E}.unreadableFile`, { line: line ? Number(line) : '?' });
    }
    // blanks as NULL in a new table: an UPDATE would leave every row's old version behind for each later scan to read
    await runner.query(`CREATE TEMP TABLE bulk_raw ON COMMIT DROP AS SELECT row_no, ${columns.map((c) => `nullif(btrim(${c}), '') AS ${c}`).join(', ')} FROM bulk_in`);
    await runner.query(`DROP TABLE bulk_in`);
    await runner.query(`ANALYZE bulk_raw`);
  }

  /** Every row error, set-based: one statement per rule over the staging table. */
  private async check(runner: QueryRunner, id: string, entity: RecordEntity, idSource: string, mapped: MappedField[]): Promise<void> {
    const table = TABLE[entity];
    const scope = areaScopePatterns();
    const error = async (code: string, field: string | null, where: string, args: string, params: Params) =>
      runner.query(
        `INSERT INTO grm.bulk_update_error (bulk_update_id, row_no, field, code, args)
         SELECT ${params.add(id)}::uuid, r.row_no, ${params.add(field)}::text, ${params.add(`${E}.${code}`)}, ${args} FROM bulk_raw r WHERE ${where}`,
        params.values,
      );
    await this.recordIds(runner, idSource);
    // the file's records, read once (the diff reads their old values here): in the caller's areas, or not at all
    {
      const p = new Params();
      const scopeSql = scope ? `AND t.area_path LIKE ANY(${p.add(scope)}::text[])` : '';
      const columns = [...new Set(mapped.map((m) => (m.field.extra ? 'extra' : m.spec!.column)))];
      await runner.query(
        `CREATE TEMP TABLE bulk_rec ON COMMIT DROP AS
         SELECT r.row_no, t.id, t.version, t.area_path${columns.map((c) => `, t.${c}`).join('')}
           FROM bulk_ids r JOIN ${table} t ON t.id = r.rid ${scopeSql}`,
        p.values,
      );
      await runner.query(`ANALYZE bulk_rec`);
    }
    // unknown, malformed or out-of-scope record ids: one message that does not say whether the record exists
    {
      const p = new Params();
      await error('unknownRecord', null, `NOT EXISTS (SELECT 1 FROM bulk_rec b WHERE b.row_no = r.row_no)`, `jsonb_build_object('id', coalesce(left(r.${idSource}, 60), ''))`, p);
    }
    {
      const p = new Params();
      await error('duplicateRecord', null, `r.${idSource} IS NOT NULL AND EXISTS (SELECT 1 FROM bulk_raw o WHERE o.${idSource} = r.${idSource} AND o.row_no < r.row_no)`, `jsonb_build_object('id', left(r.${idSource}, 60))`, p);
    }
    for (const m of mapped) {
      const p = new Params();
      const v = `r.${m.source}`;
      const { code, test, args } = this.rule(m, v, p);
      await error(code, m.field.key, `${v} IS NOT NULL AND NOT (${test})`, `jsonb_build_object('field', ${p.add(m.field.key)}::text, 'value', left(${v}, 60)${args()})`, p);
    }
    for (const m of mapped.filter((f) => f.field.extra)) await this.checkExtraRules(runner, id, entity, m);
    const [{ rows }] = (await runner.query(`SELECT count(*)::int AS rows FROM bulk_raw`)) as { rows: number }[];
    await runner.query(
      `UPDATE grm.bulk_update SET row_count = $2, error_count = (SELECT count(*) FROM grm.bulk_update_error WHERE bulk_update_id = $1), updated_at = now() WHERE id = $1`,
      [id, rows],
    );
  }

  /**
   * Each row's record id as a uuid (NULL when the cell is not one) into `bulk_ids`. A value shaped as a uuid is cast
   * (0.8 s at 1,000,000 rows); only when one of them is not hexadecimal does every value go through the regular
   * expression (6 s at 1,000,000 rows: the engine's cost per row, whatever the collation).
   */
  private async recordIds(runner: QueryRunner, idSource: string): Promise<void> {
    await runner.query(`SAVEPOINT bulk_ids`);
    try {
      await runner.query(`CREATE TEMP TABLE bulk_ids ON COMMIT DROP AS SELECT row_no, CASE WHEN ${idSource} LIKE '${UUID_SHAPE}' THEN ${idSource}::uuid END AS rid FROM bulk_raw`);
      await runner.query(`RELEASE SAVEPOINT bulk_ids`);
    } catch (error) {
      if ((error as { code?: string }).code !== '22P02') throw error;
      await runner.query(`ROLLBACK TO SAVEPOINT bulk_ids`);
      await runner.query(`CREATE TEMP TABLE bulk_ids ON COMMIT DROP AS SELECT row_no, CASE WHEN ${idSource} ~ '${UUID}' THEN ${idSource}::uuid END AS rid FROM bulk_raw`);
    }
    await runner.query(`ANALYZE bulk_ids`);
  }

  /**
   * The deployment schema's rules of an extra field beyond its type (range, length, pattern, format), as a single
   * record's change checks them: each distinct value that passed the type test is checked once, in batches, and the
   * rows holding a refused value get its error set-based.
   */
  private async checkExtraRules(runner: QueryRunner, id: string, entity: RecordEntity, m: MappedField): Promise<void> {
    const rules = await this.records.extraRules(entity, m.field.key, runner.manager);
    if (!rules) return;
    const v = `r.${m.source}`;
    const p = new Params();
    const { test } = this.rule(m, v, p);
    let after: string | null = null;
    for (;;) {
      const batchParams = [...p.values, after];
      const distinct = (await runner.query(
        `SELECT DISTINCT ${v} AS value FROM bulk_raw r WHERE ${v} IS NOT NULL AND (${test}) AND ($${batchParams.length}::text IS NULL OR ${v} > $${batchParams.length}::text) ORDER BY 1 LIMIT ${EXTRA_RULES_BATCH}`,
        batchParams,
      )) as { value: string }[];
      const refused = distinct.flatMap(({ value }) => {
        const error = rules(this.typedValue(m, value));
        return error ? [{ value, code: error.key, args: { ...error.args, field: m.field.key, value: value.slice(0, 60) } }] : [];
      });
      if (refused.length) {
        await runner.query(
          `INSERT INTO grm.bulk_update_error (bulk_update_id, row_no, field, code, args)
           SELECT $1::uuid, r.row_no, $2::text, b.code, b.args FROM bulk_raw r JOIN jsonb_to_recordset($3::jsonb) AS b(value text, code text, args jsonb) ON ${v} = b.value`,
          [id, m.field.key, JSON.stringify(refused)],
        );
      }
      if (distinct.length < EXTRA_RULES_BATCH) return;
      after = distinct[distinct.length - 1].value;
    }
  }

  /** A cell as the JSON value the schema sees (the same conversion as `newValue`). */
  private typedValue(m: MappedField, value: string): unknown {
    switch (m.field.type) {
      case 'integer':
      case 'number':
        return Number(value);
      case 'boolean':
        return TRUE_WORDS.includes(value.toLowerCase());
      default:
        return value;
    }
  }

  /** The SQL test a non-blank cell of a mapped column must pass, and its error. */
  private rule(m: MappedField, v: string, p: Params): { code: string; test: string; args: () => string } {
    const { field, spec } = m;
    switch (field.type) {
      case 'enum':
        return { code: 'notAnOption', test: `${v} = ANY(${p.add(field.options ?? [])}::text[])`, args: () => `, 'options', ${p.add((field.options ?? []).join(', '))}::text` };
      case 'boolean':
        return { code: 'notABoolean', test: `lower(${v}) = ANY(${p.add([...TRUE_WORDS, ...FALSE_WORDS])}::text[])`, args: () => '' };
      case 'date':
        // the pattern first, then a real day of that month (CASE keeps the casts from failing)
        return {
          code: 'notADate',
          test: `CASE WHEN ${v} ~ '${DATE}' THEN substr(${v}, 9, 2)::int BETWEEN 1 AND extract(day FROM make_date(substr(${v}, 1, 4)::int, substr(${v}, 6, 2)::int, 1) + interval '1 month - 1 day')::int ELSE false END`,
          args: () => '',
        };
      case 'integer':
      case 'number': {
        const pattern = spec?.pattern ?? (field.type === 'integer' ? '^-?[0-9]{1,9}$' : '^-?[0-9]{1,12}(\\.[0-9]{1,8})?$');
        const range = spec?.min !== undefined && spec.max !== undefined ? ` AND ${v}::numeric BETWEEN ${p.add(spec.min)}::numeric AND ${p.add(spec.max)}::numeric` : '';
        return { code: field.type === 'integer' ? 'notAnInteger' : 'notANumber', test: `CASE WHEN ${v} ~ ${p.add(pattern)} THEN true${range} ELSE false END`, args: () => '' };
      }
      default: {
        const max = spec?.maxLength ?? EXTRA_TEXT_MAX;
        return { code: 'tooLong', test: `length(${v}) <= ${p.add(max)}::int`, args: () => `, 'max', ${p.add(max)}::int` };
      }
    }
  }

  /** A mapped cell as the JSON value it sets (the cell has passed its rule). */
  private newValue(m: MappedField, v: string, p: Params): string {
    switch (m.field.type) {
      case 'integer':
        return `to_jsonb(${v}::bigint)`;
      case 'number':
        return `to_jsonb(${v}::numeric)`;
      case 'boolean':
        return `to_jsonb(lower(${v}) = ANY(${p.add(TRUE_WORDS)}::text[]))`;
      default:
        return `to_jsonb(${v})`;
    }
  }

  /** The staged changes: one row per record and field whose value differs, with the version the record had. */
  private async diff(runner: QueryRunner, id: string, mapped: MappedField[]): Promise<void> {
    const [{ error_count }] = (await runner.query(`SELECT error_count FROM grm.bulk_update WHERE id = $1`, [id])) as { error_count: number }[];
    if (error_count > 0) {
      await runner.query(`UPDATE grm.bulk_update SET status = 'INVALID', updated_at = now(), version = version + 1 WHERE id = $1`, [id]);
      return;
    }
    const p = new Params();
    const values = mapped
      .map((m) => {
        const old = m.field.extra ? `t.extra -> ${p.add(m.field.key.slice(6))}::text` : `to_jsonb(t.${m.spec!.column})`;
        return `(${p.add(m.field.key)}::text, ${old}, CASE WHEN r.${m.source} IS NULL THEN NULL ELSE ${this.newValue(m, `r.${m.source}`, p)} END)`;
      })
      .join(', ');
    await runner.query(
      `INSERT INTO grm.bulk_update_change (bulk_update_id, row_no, record_id, record_version, area_path, field, old_value, new_value)
       SELECT ${p.add(id)}::uuid, r.row_no, t.id, t.version, t.area_path, f.field, f.old_value, f.new_value
         FROM bulk_raw r
         JOIN bulk_rec t ON t.row_no = r.row_no
        CROSS JOIN LATERAL (VALUES ${values}) AS f(field, old_value, new_value)
        WHERE f.new_value IS NOT NULL AND f.old_value IS DISTINCT FROM f.new_value
        -- in key order the primary key grows at its right edge (the benchmark's 1,000,000 rows: 14 s to 10 s, machine busy)
        ORDER BY t.id, f.field`,
      p.values,
    );
    await runner.query(
      `UPDATE grm.bulk_update b SET status = 'READY', record_count = s.records, field_count = s.fields, field_counts = s.per_field, updated_at = now(), version = b.version + 1
         FROM (SELECT count(DISTINCT record_id)::int AS records, count(*)::int AS fields,
                      coalesce((SELECT jsonb_object_agg(field, n) FROM (SELECT field, count(*) AS n FROM grm.bulk_update_change WHERE bulk_update_id = $1 GROUP BY field) g), '{}') AS per_field
                 FROM grm.bulk_update_change WHERE bulk_update_id = $1) s
        WHERE b.id = $1`,
      [id],
    );
  }

  /** Visible to who made it, and to users without an area restriction holding the permission. */
  private visible(alias = 'b', params: Params): string {
    const actor = RequestContext.actor();
    if (!actor || !actor.areaPaths) return 'true';
    return `${alias}.created_by_id = ${params.add(actor.userId)}::uuid`;
  }

  async findById(id: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<BulkUpdateRow | null> {
    const p = new Params();
    const rows = (await em.query(
      `SELECT b.id, b.record_type AS "recordType", b.file_name AS "fileName", b.id_column AS "idColumn", b.mapping, b.status, b.row_count AS "rowCount",
              b.error_count AS "errorCount", b.record_count AS "recordCount", b.field_count AS "fieldCount", b.field_counts AS "fieldCounts",
              b.stale_count AS "staleCount", b.job_id AS "jobId", b.apply_job_id AS "applyJobId", b.failure, b.created_by AS "createdBy", b.applied_at AS "appliedAt", b.created_at AS "createdAt"
         FROM grm.bulk_update b WHERE b.id = ${p.add(id)}::uuid AND ${this.visible('b', p)} ${lock ? 'FOR UPDATE' : ''}`,
      p.values,
    )) as BulkUpdateRow[];
    return rows[0] ?? null;
  }

  failureMessage(row: BulkUpdateRow, lang: Language = this.translator.currentLanguage()): string | null {
    return row.failure ? this.translator.translate(row.failure.key, lang, row.failure.args) : null;
  }

  async errors(id: string, first: number, offset: number, lang: Language = this.translator.currentLanguage()) {
    if (!(await this.findById(id))) throw notFound(`${E}.notFound`);
    const rows = (await this.dataSource.query(
      `SELECT row_no, field, code, args, count(*) OVER ()::int AS total FROM grm.bulk_update_error WHERE bulk_update_id = $1 ORDER BY row_no, field NULLS FIRST, code LIMIT $2 OFFSET $3`,
      [id, first, offset],
    )) as { row_no: number; field: string | null; code: string; args: Record<string, unknown>; total: number }[];
    const total = rows[0]?.total ?? (offset > 0 ? (await this.findById(id))!.errorCount : 0);
    // line 1 is the header
    return { totalCount: total, items: rows.map((r) => ({ line: r.row_no + 1, field: r.field, code: r.code.split('.').pop()!, message: this.translator.translate(r.code, lang, r.args) })) };
  }

  async sample(id: string, first: number) {
    if (!(await this.findById(id))) throw notFound(`${E}.notFound`);
    const rows = (await this.dataSource.query(
      `SELECT row_no + 1 AS line, record_id AS "recordId", field, old_value AS "oldValue", new_value AS "newValue" FROM grm.bulk_update_change WHERE bulk_update_id = $1 ORDER BY row_no, field LIMIT $2`,
      [id, first],
    )) as { line: number; recordId: string; field: string; oldValue: unknown; newValue: unknown }[];
    return rows;
  }

  /**
   * Queues the apply of a READY update (as the run of its approved operation, or directly when no flow is enabled):
   * APPLYING until its job has run. Records changed since the preview make it STALE at once; records outside the
   * maker's areas are refused; an update not READY (applying, applied) is refused, so nothing is applied twice.
   */
  async apply(id: string): Promise<BulkUpdateRow> {
    await this.dataSource.transaction(async (em) => {
      const update = await this.findById(id, em, true);
      if (!update) throw notFound(`${E}.notFound`);
      if (update.status !== 'READY') throw conflict(`${E}.notReady`, { status: update.status });
      const check = await this.staleness(em, id, update.recordType);
      if (check.outside > 0) throw forbidden(`${E}.outsideAreas`, { count: check.outside });
      if (check.stale > 0) return this.markStale(em, id, check.stale);
      const actor = RequestContext.actor();
      // the job row commits with the status, or neither exists
      const job = await this.jobs.enqueue(BULK_UPDATE_QUEUE, 'apply', { id }, { createdBy: actor?.userId ?? null, manager: em });
      await em.query(`UPDATE grm.bulk_update SET status = 'APPLYING', apply_job_id = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, job.id]);
    });
    return (await this.findById(id))!;
  }

  /** Records of the update changed since the preview (or gone), and records now outside the caller's areas. */
  private async staleness(em: EntityManager, id: string, entity: RecordEntity): Promise<{ stale: number; outside: number }> {
    const p = new Params();
    const scope = areaScopePatterns();
    const [check] = (await em.query(
      `SELECT count(DISTINCT c.record_id) FILTER (WHERE t.id IS NULL OR t.version <> c.record_version)::int AS stale,
              count(DISTINCT c.record_id) FILTER (WHERE t.id IS NOT NULL ${scope ? `AND NOT (t.area_path LIKE ANY(${p.add(scope)}::text[]))` : 'AND false'})::int AS outside
         FROM grm.bulk_update_change c LEFT JOIN ${TABLE[entity]} t ON t.id = c.record_id
        WHERE c.bulk_update_id = ${p.add(id)}::uuid`,
      p.values,
    )) as { stale: number; outside: number }[];
    return check;
  }

  private async markStale(em: EntityManager, id: string, count: number): Promise<void> {
    await em.query(`UPDATE grm.bulk_update SET status = 'STALE', stale_count = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, count]);
  }

  /**
   * The apply job's work, as the maker (their areas as they are now): one transaction guarded by the APPLYING status,
   * so that an attempt after a crash either redoes it all (nothing had committed) or finds it done. Records changed
   * (or moved out of the maker's areas) since the apply was queued make the update STALE and nothing is written.
   */
  async runApply(id: string, progress: (fraction: number) => Promise<void> = async () => undefined): Promise<BulkUpdateStatus | null> {
    const status = await this.dataSource.transaction(async (em) => {
      const update = await this.findById(id, em, true);
      if (!update || update.status !== 'APPLYING') return update?.status ?? null;
      const entity = update.recordType;
      // both statements group the change rows by record with jsonb aggregates; hashed, those groups spilled to disk
      // (19.5 s for the audit batch's source at 1,019,908 records), sorted or read in key order they stream (4.7 s)
      await em.query(`SET LOCAL enable_hashagg = off`);
      await em.query(`SET LOCAL jit = off`);
      // and sorted in memory: with the default 4 MB the audit batch's sort of 1,019,908 change rows went to disk (205 MB),
      // 2.3 s of its 25 s
      await em.query(`SET LOCAL work_mem = '256MB'`);
      await progress(0.1);
      const fields = Object.keys(update.fieldCounts);
      const u = new Params();
      // a record changed since the preview (version) or now outside the maker's areas is not updated, so the count
      // falls short and nothing is kept: the UPDATE is the check (a separate count took 3 s per 1,000,000 records)
      const scope = areaScopePatterns();
      const inScope = scope ? ` AND t.area_path LIKE ANY(${u.add(scope)}::text[])` : '';
      const sets = fields
        .filter((f) => !f.startsWith('extra.'))
        .map((f) => {
          const spec = COLUMNS[f];
          const key = u.add(f);
          return `${spec.column} = CASE WHEN s.v ? ${key}::text THEN (s.v ->> ${key}::text)::${spec.cast} ELSE t.${spec.column} END`;
        });
      if (fields.some((f) => f.startsWith('extra.'))) sets.push(`extra = CASE WHEN s.x IS NULL THEN t.extra ELSE t.extra || s.x END`);
      // an update of a large share of the table that writes an indexed column rebuilds the secondary indexes once
      // instead of adding an entry per row to each (at 1,000,000 people the UPDATE alone took 60-75 s with them, 10-14 s
      // without); one that stays on the rows' pages writes no index entry, so it keeps them
      const table = entity === 'INDIVIDUAL' ? 'individual' : 'household';
      const columns = fields.map((f) => (f.startsWith('extra.') ? 'extra' : COLUMNS[f].column));
      const onPage = await updateStaysOnPage(em.queryRunner!, table, columns);
      const rebuild = await dropIndexesForBulk(em.queryRunner!, onPage ? [] : [table], {
        rows: update.recordCount,
        threshold: Number(process.env['GRM_BULK_INDEX_THRESHOLD'] ?? BULK_INDEX_THRESHOLD),
        ratio: Number(process.env['GRM_BULK_INDEX_RATIO'] ?? BULK_INDEX_RATIO),
      });
      const [{ count }] = (await em.query(
        `WITH updated AS (
           UPDATE ${TABLE[entity]} t SET ${[...sets, 'version = t.version + 1', 'updated_at = now()'].join(', ')}
             FROM (SELECT record_id, max(record_version) AS record_version,
                          jsonb_object_agg(field, new_value) FILTER (WHERE field NOT LIKE 'extra.%') AS v,
                          jsonb_object_agg(substr(field, 7), new_value) FILTER (WHERE field LIKE 'extra.%') AS x
                     FROM grm.bulk_update_change WHERE bulk_update_id = ${u.add(id)}::uuid GROUP BY record_id) s
            WHERE t.id = s.record_id AND t.version = s.record_version${inScope}
            RETURNING 1)
         SELECT count(*)::int AS count FROM updated`,
        u.values,
      )) as { count: number }[];
      if (count !== update.recordCount) throw new BulkUpdateChangedMeanwhile();
      await restoreBulkIndexes(em.queryRunner!, rebuild);
      await progress(0.6);
      // one entry per record (its history), written and hashed inside PostgreSQL, sealed by one entry for the update
      await this.audit.recordBatch(
        em,
        {
          sql: `SELECT 'UPDATE' AS action, $1::text AS entity_type, record_id::text AS entity_id, min(area_path) AS area_path, jsonb_build_object('bulkUpdateId', $2::text) AS details,
                       jsonb_object_agg(field, jsonb_build_object('before', old_value, 'after', new_value)) AS changes
                  FROM grm.bulk_update_change WHERE bulk_update_id = $2::uuid GROUP BY record_id ORDER BY record_id`,
          params: [ENTITY_TYPE[entity], id],
        },
        { action: 'BULK_UPDATE', entityType: 'BulkUpdate', entityId: id, details: { recordType: entity, records: update.recordCount, fields: update.fieldCount, fileName: update.fileName } },
      );
      await em.query(`UPDATE grm.bulk_update SET status = 'APPLIED', applied_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`, [id]);
      return 'APPLIED' as const;
    }).catch(async (error) => {
      if (!(error instanceof BulkUpdateChangedMeanwhile)) throw error;
      await this.dataSource.transaction(async (em) => {
        const update = await this.findById(id, em, true);
        if (update?.status !== 'APPLYING') return;
        const check = await this.staleness(em, id, update.recordType);
        await this.markStale(em, id, check.stale + check.outside || 1);
      });
      return 'STALE' as const;
    });
    await progress(1);
    return status;
  }
}
