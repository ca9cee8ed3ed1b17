import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { pipeline } from 'node:stream/promises';
import { AdminAreaService } from '@coremis/geo';
import { AuditService, JobCancelledError, RequestContext } from '@coremis/core';
import { likePrefix } from '@coremis/core';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { describeErrors, ExtraFieldsService } from '../extra-fields.service';
import { DuplicateDetectionService } from '../duplicates/duplicate-detection.service';
import { copyOptionsOf, csvStreamOf, type ImportFormat, previewFile } from './import-file-reader';
import type { ImportReadOptions } from './import-read-options';
import type { ImportTransforms } from './import-transforms';
import { AREA_LEVEL_FIELDS, areaNameKey, defaultYearPivot, loadDistinctDates, loadTransformTables, resolveAreaNames, StageColumns } from './import-transforms.sql';
import { EXTRA_PREFIX, fileOfField, IMPORT_FIELD_BY_NAME, IMPORT_FIELDS, type ImportFile, type ImportLayout, type ImportMode } from './import-fields';
import { dropIndexesForBulk, restoreBulkIndexes } from './bulk-indexes.sql';
import { checksOf, col, lit, phonesAsEnteredOf, typedValue } from './import-sql';
import { ImportUploadService } from './import-upload.service';
import { XlsxError } from './xlsx-reader';

export const REGISTRY_IMPORT_QUEUE = 'registry.import';
/** New people from which an import may rebuild secondary indexes instead of maintaining them row by row (and only when they outnumber those already registered; REGISTRY_BULK_INDEX_THRESHOLD / _RATIO override). */
const BULK_INDEX_THRESHOLD = 200_000;
/** Errors kept in the job result; the full list is in registry.import_row_error (downloadable). */
export const MAX_ERRORS_IN_RESULT = 200;

export interface ImportMapping {
  households?: Record<string, string>;
  members: Record<string, string>;
}

export interface RegistryImportPayload {
  layout: ImportLayout;
  membersUploadId: string;
  householdsUploadId?: string | null;
  mapping: ImportMapping;
  mode: ImportMode;
  validateOnly: boolean;
  checkDuplicates: boolean;
  /** How each file is read (separator, encoding, sheet); detected by the wizard or chosen by the user. */
  read?: { members?: ImportReadOptions; households?: ImportReadOptions };
  /** Recodings, fixed values, date formats, name split: see ImportTransforms. */
  transforms?: ImportTransforms;
}

export interface ImportRowError {
  file: ImportFile;
  line: number;
  householdKey: string | null;
  field: string | null;
  code: string;
  args: Record<string, unknown>;
}

export interface RegistryImportResult {
  layout: ImportLayout;
  mode: ImportMode;
  validateOnly: boolean;
  householdRows: number;
  memberRows: number;
  householdsCreated: number;
  householdsUpdated: number;
  householdsRejected: number;
  individualsCreated: number;
  individualsUpdated: number;
  errorCount: number;
  errors: ImportRowError[];
  duplicateCandidates: number | null;
  /** Steps after the merge committed that did not succeed (the import itself stands): message keys under registry.import.warnings. */
  warnings?: string[];
  seconds: number;
  timings: Record<string, number>;
}

/** Written in the merge transaction: a run taken over after a crash finds it and does not merge again. */
export interface RegistryImportCheckpoint {
  committed?: RegistryImportResult;
}

export interface ImportRunContext {
  jobId: string;
  updateProgress(progress: number): Promise<void>;
  isCancelled(): Promise<boolean>;
  /** What a previous attempt of this job committed, if anything. */
  checkpoint?: RegistryImportCheckpoint | null;
  /** Saves the checkpoint in the given transaction (fenced: throws when the job is no longer ours). */
  saveCheckpoint?(checkpoint: RegistryImportCheckpoint, manager: EntityManager): Promise<void>;
}

interface SourceFile {
  file: ImportFile;
  /** The uploaded file's name, as the user's computer called it. */
  name: string;
  path: string;
  format: ImportFormat;
  headers: string[];
  mapping: Record<string, string>;
  read: ImportReadOptions;
}

/**
 * Prints each statement of an import with its duration (REGISTRY_IMPORT_TRACE=1), to find the slow step; with
 * REGISTRY_IMPORT_TRACE=explain each statement that builds a staging table is printed whole with its plan, actual
 * rows and per-node times (=plans: without per-node times, whose clock readings slow the run).
 */
function traceQueries(runner: QueryRunner): void {
  const query = runner.query.bind(runner);
  const mode = process.env['REGISTRY_IMPORT_TRACE'];
  const explain = mode === 'explain' || mode === 'plans';
  runner.query = (async (sql: string, parameters?: unknown[]) => {
    const started = Date.now();
    if (explain && /^\s*CREATE TEMP TABLE \w+ ON COMMIT DROP AS/.test(sql)) {
      // EXPLAIN ANALYZE of CREATE TABLE AS creates the table too
      const plan: { 'QUERY PLAN': string }[] = await query(`EXPLAIN (ANALYZE, BUFFERS${mode === 'plans' ? ', TIMING OFF' : ''}) ${sql}`, parameters);
      process.stderr.write(`[import] ${Date.now() - started} ms  ${sql.trim()}\n${plan.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}\n`);
      return [];
    }
    try {
      return await query(sql, parameters);
    } finally {
      process.stderr.write(`[import] ${Date.now() - started} ms  ${sql.replace(/\s+/g, ' ').slice(0, 160)}\n`);
    }
  }) as QueryRunner['query'];
}

/** A problem with the files or the mapping themselves, before any row is read. */
export class ImportSetupError extends Error {
  constructor(
    readonly code: string,
    readonly args: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

/**
 * The registry's bulk import: each file is streamed into a temporary table with COPY, every check
 * runs as set-based SQL over the whole batch, and valid households are merged into the registry
 * tables with a handful of INSERT … SELECT statements, all in one transaction. Households are the
 * unit: a household is written with all its members or not at all.
 */
@Injectable()
export class RegistryImportService {
  private readonly logger = new Logger(RegistryImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AdminAreaService,
    private readonly uploads: ImportUploadService,
    private readonly extraFields: ExtraFieldsService,
    private readonly audit: AuditService,
    @Optional() @Inject(DuplicateDetectionService) private readonly duplicates?: DuplicateDetectionService,
  ) {}

  /** Checks the files and the mapping; throws ImportSetupError naming the first problem. */
  async sources(payload: RegistryImportPayload): Promise<SourceFile[]> {
    const files: SourceFile[] = [];
    const members = await this.uploads.get(payload.membersUploadId);
    if (!members) throw new ImportSetupError('uploadNotFound');
    files.push({ file: 'members', name: members.name, path: members.storagePath, format: members.format, headers: [], mapping: payload.mapping.members ?? {}, read: payload.read?.members ?? {} });
    if (payload.layout === 'TWO_FILES') {
      const households = payload.householdsUploadId ? await this.uploads.get(payload.householdsUploadId) : null;
      if (!households) throw new ImportSetupError('householdsFileRequired');
      files.push({ file: 'households', name: households.name, path: households.storagePath, format: households.format, headers: [], mapping: payload.mapping.households ?? {}, read: payload.read?.households ?? {} });
    }
    const extraSchema = await this.extraFields.schemaOf('HOUSEHOLD');
    const individualSchema = await this.extraFields.schemaOf('INDIVIDUAL');
    for (const source of files) {
      const preview = await previewFile(source.path, source.format, 1, source.read).catch((error: unknown) => {
        throw error instanceof XlsxError ? new ImportSetupError(error.code, { ...error.args, file: source.file }) : error;
      });
      source.headers = preview.headers;
      if (!source.headers.length || source.headers.every((h) => !h)) throw new ImportSetupError('emptyHeader', { file: source.file });
      if (!preview.rows.some((row) => row.some((value) => value.trim()))) throw new ImportSetupError('noRows', { file: source.file });
      const seen = new Set<string>();
      for (const header of source.headers) {
        if (seen.has(header)) throw new ImportSetupError('repeatedHeader', { file: source.file, column: header });
        seen.add(header);
      }
      const fieldOfColumn = new Map<string, string>();
      for (const [field, column] of Object.entries(source.mapping)) {
        // one column, one field (a full name is split by mapping it to "fullName"); a household key may double as its code
        const other = fieldOfColumn.get(column);
        if (other && other !== 'householdKey' && field !== 'householdKey') throw new ImportSetupError('columnMappedTwice', { file: source.file, column });
        fieldOfColumn.set(column, field);
        if (!source.headers.includes(column)) throw new ImportSetupError('unknownColumn', { file: source.file, column, field });
        if (field.startsWith(EXTRA_PREFIX)) {
          const property = field.slice(EXTRA_PREFIX.length);
          const target = source.file === 'households' || (payload.layout === 'ONE_FILE' && property.startsWith('household.')) ? extraSchema : individualSchema;
          if (!/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(property) || !(property in ((target.schema['properties'] as Record<string, unknown>) ?? {}))) {
            throw new ImportSetupError('unknownExtraField', { file: source.file, field: property });
          }
          continue;
        }
        const definition = IMPORT_FIELD_BY_NAME.get(field);
        const allowed = definition && (fileOfField(definition, payload.layout) === source.file || field === 'householdKey');
        if (!allowed) throw new ImportSetupError('fieldNotInFile', { file: source.file, field });
      }
      // area names follow the deployment's hierarchy: no column for a level it does not have
      const mappedLevels = AREA_LEVEL_FIELDS.filter((f) => source.mapping[f]);
      if (mappedLevels.length) {
        const [{ deepest }]: { deepest: number | null }[] = await this.dataSource.query('SELECT max(depth)::int AS deepest FROM geo.admin_level');
        const beyond = mappedLevels.find((f) => Number(f.slice('areaLevel'.length)) > (deepest ?? 0));
        if (beyond) throw new ImportSetupError('areaLevelNotInHierarchy', { file: source.file, field: beyond, levels: deepest ?? 0 });
      }
      for (const definition of IMPORT_FIELDS) {
        const inThisFile = fileOfField(definition, payload.layout) === source.file || definition.name === 'householdKey';
        const filled = Boolean(source.mapping[definition.name] || payload.transforms?.fixed?.[definition.name]);
        // the area may come from its names level by level; given and family names from a full name
        const filledOtherwise =
          (definition.name === 'areaCode' && AREA_LEVEL_FIELDS.some((f) => source.mapping[f])) ||
          ((definition.name === 'givenName' || definition.name === 'familyName') && Boolean(source.mapping['fullName']));
        if (definition.required && inThisFile && !filled && !filledOtherwise) throw new ImportSetupError('requiredFieldNotMapped', { file: source.file, field: definition.name });
      }
    }
    return files;
  }

  async run(payload: RegistryImportPayload, context: ImportRunContext): Promise<RegistryImportResult> {
    const started = Date.now();
    const timings: Record<string, number> = {};
    let mark = Date.now();
    const lap = (name: string) => {
      timings[name] = (Date.now() - mark) / 1000;
      mark = Date.now();
    };
    const committed = context.checkpoint?.committed;
    // the merge of an earlier attempt committed: only the steps after the commit are left
    if (committed) return this.afterCommit(payload, context, committed, started, timings, lap);
    const files = await this.sources(payload);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    if (process.env['REGISTRY_IMPORT_TRACE']) traceQueries(runner);
    let result: RegistryImportResult;
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL work_mem = '256MB'`);
      await runner.query(`SET LOCAL maintenance_work_mem = '512MB'`);
      for (const source of files) await this.copyIn(runner, source);
      lap('copy');
      await context.updateProgress(0.25);
      await this.stage(runner, payload, files);
      lap('stage');
      await context.updateProgress(0.4);
      if (await context.isCancelled()) throw new JobCancelledError();
      await this.validate(runner, payload);
      lap('validate');
      await context.updateProgress(0.55);
      const [{ errors, bad }] = await runner.query(`SELECT (SELECT count(*)::int FROM err) AS errors, (SELECT count(*)::int FROM bad) AS bad`);
      const [{ hh, mm }] = await runner.query(`SELECT (SELECT count(*)::int FROM stg_h) AS hh, (SELECT count(*)::int FROM stg_m) AS mm`);
      result = {
        layout: payload.layout,
        mode: payload.mode,
        validateOnly: payload.validateOnly,
        householdRows: hh,
        memberRows: mm,
        householdsCreated: 0,
        householdsUpdated: 0,
        householdsRejected: bad,
        individualsCreated: 0,
        individualsUpdated: 0,
        errorCount: errors,
        errors: [],
        duplicateCandidates: null,
        seconds: 0,
        timings,
      };
      const writes = !payload.validateOnly && (errors === 0 || payload.mode === 'VALID_ONLY');
      if (writes) {
        Object.assign(result, await this.merge(runner, payload, context.jobId));
        lap('merge');
      }
      await runner.query(`INSERT INTO registry.import_row_error (job_id, file, row_no, household_key, field, code, args) SELECT $1, file, line, hh_key, field, code, args FROM err`, [context.jobId]);
      result.errors = (
        await runner.query(`SELECT file, line, hh_key AS "householdKey", field, code, args FROM err ORDER BY file, line, field, code LIMIT ${MAX_ERRORS_IN_RESULT}`)
      ) as ImportRowError[];
      if (await context.isCancelled()) throw new JobCancelledError();
      if (writes) {
        // entity_id = the batch: every household it created (household.import_job_id) shows this entry in its history
        await this.audit.record(runner.manager, {
          action: 'IMPORT',
          entityType: 'Household',
          entityId: context.jobId,
          details: {
            jobId: context.jobId,
            files: files.map((f) => f.name),
            mode: payload.mode,
            householdsCreated: result.householdsCreated,
            householdsUpdated: result.householdsUpdated,
            householdsRejected: result.householdsRejected,
            individualsCreated: result.individualsCreated,
            individualsUpdated: result.individualsUpdated,
          },
        });
      }
      // the import's outcome commits with it: a re-run after a crash past this point does not merge again
      await context.saveCheckpoint?.({ committed: result }, runner.manager);
      await runner.commitTransaction();
      lap('commit');
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
    return this.afterCommit(payload, context, result, started, timings, lap);
  }

  /**
   * Index upkeep and the duplicate check of the batch, once the merge committed. A failure here is a
   * warning in the result, never a failed import: the households are in the registry.
   */
  private async afterCommit(
    payload: RegistryImportPayload,
    context: ImportRunContext,
    committed: RegistryImportResult,
    started: number,
    timings: Record<string, number>,
    lap: (name: string) => void,
  ): Promise<RegistryImportResult> {
    const result: RegistryImportResult = { ...committed, timings: { ...committed.timings, ...timings }, warnings: [...(committed.warnings ?? [])] };
    const writes = !payload.validateOnly && (result.errorCount === 0 || payload.mode === 'VALID_ONLY');
    await context.updateProgress(0.85).catch(() => undefined);
    if (writes) {
      try {
        // the GIN pending lists merged and fresh statistics, as the tables' owner (the application's role may not)
        await this.dataSource.query(`SELECT registry.bulk_upkeep()`);
      } catch (error) {
        this.logger.warn({ err: error, jobId: context.jobId }, 'index upkeep after a registry import failed');
      }
      lap('indexes');
      if (payload.checkDuplicates && this.duplicates && result.individualsCreated + result.individualsUpdated > 0) {
        try {
          // candidates are inserted ON CONFLICT DO NOTHING: running it again after a crash adds nothing twice
          result.duplicateCandidates = (await this.duplicates.detectForBatch(context.jobId)).candidates;
        } catch (error) {
          this.logger.warn({ err: error, jobId: context.jobId }, 'duplicate check after a registry import failed');
          result.duplicateCandidates = null;
          result.warnings!.push('duplicateCheckFailed');
        }
        lap('duplicates');
      }
    }
    // the steps after the commit (indexes, duplicates) are timed too
    result.timings = { ...committed.timings, ...timings };
    result.seconds = (Date.now() - started) / 1000;
    return result;
  }

  /** Streams a file into `raw_<file>` (one text column per header column) with COPY. */
  private async copyIn(runner: QueryRunner, source: SourceFile): Promise<void> {
    const columns = source.headers.map((_, i) => `c${i + 1}`);
    await runner.query(`CREATE TEMP TABLE raw_${source.file} (row_no int GENERATED ALWAYS AS IDENTITY, ${columns.map((c) => `${c} text`).join(', ')}) ON COMMIT DROP`);
    const client = (runner as unknown as { databaseConnection: { query(stream: unknown): NodeJS.WritableStream } }).databaseConnection;
    const copy = client.query(copyFrom(`COPY raw_${source.file} (${columns.join(', ')}) FROM STDIN WITH (${copyOptionsOf(source.format, source.read)})`));
    try {
      await pipeline(csvStreamOf(source.path, source.format, source.read), copy as unknown as NodeJS.WritableStream);
    } catch (error) {
      if (error instanceof XlsxError) throw new ImportSetupError(error.code, { ...error.args, file: source.file });
      const pg = error as { message?: string; where?: string; code?: string };
      const line = /line (\d+)/.exec(pg.where ?? '')?.[1];
      const message = pg.message ?? '';
      // the common ways a CSV file breaks, each in the user's words; anything else with PostgreSQL's own
      const code = /unterminated CSV quoted field/i.test(message)
        ? 'unterminatedQuote'
        : /extra data after last expected column/i.test(message)
          ? 'tooManyFields'
          : /missing data for column/i.test(message)
            ? 'tooFewFields'
            : pg.code === '22021' || /invalid byte sequence/i.test(message)
              ? 'badEncoding'
              : 'unreadableRow';
      throw new ImportSetupError(code, {
        file: source.file,
        line: line ? Number(line) : null,
        ...(code === 'unreadableRow' ? { detail: message.slice(0, 200) } : {}),
        ...(code === 'badEncoding' ? { encoding: source.read.encoding === 'WINDOWS1252' ? 'Windows-1252' : 'UTF-8' } : {}),
      });
    }
  }

  /** Typed staging tables: one row per household (stg_h) and per member (stg_m), with existing records resolved. */
  private async stage(runner: QueryRunner, payload: RegistryImportPayload, files: SourceFile[]): Promise<void> {
    const memberSource = files.find((f) => f.file === 'members')!;
    const householdSource = files.find((f) => f.file === 'households') ?? memberSource;
    const transforms = payload.transforms ?? {};
    await loadTransformTables(runner, transforms);
    const columnsOf = (source: SourceFile) =>
      new StageColumns((field) => (source.mapping[field] ? source.headers.indexOf(source.mapping[field]) + 1 : null), transforms, `raw_${source.file}`);
    const memberColumns = columnsOf(memberSource);
    const householdColumns = columnsOf(householdSource);
    const cell = (source: SourceFile, field: string) => (source === memberSource ? memberColumns : householdColumns).cell(field);
    const pivot = transforms.yearPivot ?? defaultYearPivot();
    // extra fields: `extra.<p>` in each file of TWO_FILES; in ONE_FILE `extra.household.<p>` for the household
    const extras = (source: SourceFile, target: 'household' | 'member') =>
      Object.keys(source.mapping).filter((f) => f.startsWith(EXTRA_PREFIX) && (payload.layout === 'TWO_FILES' || (target === 'household') === f.startsWith(`${EXTRA_PREFIX}household.`)));
    const memberFields = IMPORT_FIELDS.filter((f) => fileOfField(f, payload.layout) === 'members');
    const memberExtras = [...extras(memberSource, 'member'), ...(payload.layout === 'ONE_FILE' ? extras(memberSource, 'household') : [])];
    const householdFields = IMPORT_FIELDS.filter((f) => f.target === 'household');
    const householdExtras = extras(householdSource, 'household');
    // the external id, or a stable one made from the household key and the position in the household
    const generatedIds = !memberSource.mapping['externalId'];
    const householdKey = cell(memberSource, 'householdKey');
    const oneFileRepresentative = generatedIds && payload.layout === 'ONE_FILE';
    if (generatedIds) {
      // a member's place in its household without sorting the file: per household its first and last rows, its size
      // and (one file) its head's row, by one hash aggregate; where a household's rows follow each other, as in
      // every export seen, the place is the distance from its first row; households scattered through the file
      // are numbered by a window over their rows only (the window over every row sorted the whole file: 3.2 s of
      // the agency file's 10 s first statement at 1,000,000 rows)
      const headRow = oneFileRepresentative ? `, min(r.row_no) FILTER (WHERE upper(${cell(memberSource, 'relationship')}) = 'HEAD') AS head_row` : '';
      const householdRows = `
        CREATE TEMP TABLE t_hh_rows ON COMMIT DROP AS
        SELECT ${householdKey} AS key, min(r.row_no) AS first_row, max(r.row_no) AS last_row, count(*) AS n${headRow}
          FROM raw_members r ${memberColumns.joins.join(' ')}
         WHERE ${householdKey} IS NOT NULL
         GROUP BY 1`;
      await memberColumns.prepare(runner);
      await runner.query(householdRows);
      await runner.query(`ANALYZE t_hh_rows`);
      await runner.query(`
        CREATE TEMP TABLE t_hh_seq ON COMMIT DROP AS
        SELECT r.row_no, row_number() OVER (PARTITION BY hr.key ORDER BY r.row_no) AS seq
          FROM raw_members r JOIN t_hh_rows hr ON hr.key = ${householdKey}
         WHERE hr.last_row - hr.first_row + 1 <> hr.n`);
      await runner.query(`ANALYZE t_hh_seq`);
    }
    const externalId = generatedIds ? `${householdKey} || '/' || coalesce(sq.seq, r.row_no - hr.first_row + 1)` : cell(memberSource, 'externalId');
    // one file: the row that carries its household's values is its head's (else its first)
    const representative = oneFileRepresentative ? `, ${householdKey} IS NOT NULL AND r.row_no = coalesce(hr.head_row, hr.first_row) AS hh_rep` : '';
    const srcM = `
      CREATE TEMP TABLE src_m ON COMMIT DROP AS
      SELECT r.row_no + 1 AS line, ${externalId} AS ext_id${representative},
             ${[...memberFields.map((f) => `${cell(memberSource, f.name)} AS ${col(f.name)}`), ...memberExtras.map((f) => `${cell(memberSource, f)} AS ${col(f)}`)].join(',\n             ')}
        FROM raw_members r ${memberColumns.joins.join(' ')}
        ${generatedIds ? `LEFT JOIN t_hh_rows hr ON hr.key = ${householdKey} LEFT JOIN t_hh_seq sq ON sq.row_no = r.row_no` : ''}`;
    await memberColumns.prepare(runner);
    await runner.query(srcM);
    await runner.query(`DROP TABLE raw_members`);
    // names repeat a lot: normalise each distinct spelling once
    await runner.query(`
      CREATE TEMP TABLE t_name ON COMMIT DROP AS
      SELECT n.raw, registry.name_norm(n.raw) COLLATE "C" AS norm
        FROM (SELECT "f_givenName" AS raw FROM src_m UNION SELECT "f_familyName" FROM src_m) n WHERE n.raw IS NOT NULL`);
    // without statistics the planner took the dictionary for 880 rows and sorted the million staged rows for a merge
    // join (agency file: 5.0 s for the next statement, 3.4 s with them)
    await runner.query(`ANALYZE t_name`);
    await loadDistinctDates(runner, 't_birth_date', 'src_m', '"f_birthDate"', transforms.dates?.['birthDate'], pivot);
    await runner.query(`
      CREATE TEMP TABLE stg_m ON COMMIT DROP AS
      SELECT s.*, coalesce(i.id, core.uuid_v7_bulk()) AS individual_id, i.id AS existing_id, i.area_path AS existing_path,
             gn.norm AS given_norm, fn.norm AS family_norm,
             bd.d AS "d_birthDate",
             upper(s."f_documentType") AS doc_type, d.individual_id AS doc_owner_id,
             -- a re-imported person holds their own document: only another holder's place is looked up
             CASE WHEN d.individual_id = i.id THEN i.area_path ELSE (SELECT o.area_path FROM registry.individual o WHERE o.id = d.individual_id) END AS doc_owner_path
        FROM src_m s
        LEFT JOIN t_name gn ON gn.raw = s."f_givenName"
        LEFT JOIN t_name fn ON fn.raw = s."f_familyName"
        LEFT JOIN t_birth_date bd ON bd.raw = s."f_birthDate"
        LEFT JOIN registry.individual i ON i.external_id = s.ext_id
        LEFT JOIN registry.individual_document d ON d.number = s."f_documentNumber" AND d.type = upper(s."f_documentType")`);
    await runner.query(`DROP TABLE src_m`);

    if (payload.layout === 'TWO_FILES') {
      const srcH = `
        CREATE TEMP TABLE src_h ON COMMIT DROP AS
        SELECT r.row_no + 1 AS line, ${cell(householdSource, 'householdKey')} AS hh_key,
               ${[...householdFields.map((f) => `${cell(householdSource, f.name)} AS ${col(f.name)}`), ...householdExtras.map((f) => `${cell(householdSource, f)} AS ${col(f)}`)].join(', ')}
          FROM raw_households r ${householdColumns.joins.join(' ')}`;
      await householdColumns.prepare(runner);
      await runner.query(srcH);
      await runner.query(`DROP TABLE raw_households`);
    } else {
      // each household's values come from its head's row (else its first row)
      const householdColumnsSql = [...householdFields.map((f) => `m.${col(f.name)}`), ...householdExtras.map((f) => `m.${col(f)}`)].join(', ');
      await runner.query(
        representative
          ? `CREATE TEMP TABLE src_h ON COMMIT DROP AS SELECT m.line, m."f_householdKey" AS hh_key, ${householdColumnsSql} FROM stg_m m WHERE m.hh_rep`
          : `
        CREATE TEMP TABLE src_h ON COMMIT DROP AS
        SELECT DISTINCT ON (m."f_householdKey") m.line, m."f_householdKey" AS hh_key, ${householdColumnsSql}
          FROM stg_m m
         WHERE m."f_householdKey" IS NOT NULL
         ORDER BY m."f_householdKey", upper(m."f_relationship") = 'HEAD' DESC, m.line`,
      );
    }
    const householdMapping = payload.layout === 'TWO_FILES' ? (payload.mapping.households ?? {}) : payload.mapping.members;
    const areaLevels = AREA_LEVEL_FIELDS.filter((f) => householdMapping[f]);
    if (areaLevels.length) await resolveAreaNames(runner, [...areaLevels]);
    const codes: { code: string }[] = await runner.query(`SELECT DISTINCT "f_areaCode" AS code FROM src_h WHERE "f_areaCode" IS NOT NULL`);
    const areas = await this.areas.lookupCodes(codes.map((c) => c.code), runner.manager);
    await runner.query(`CREATE TEMP TABLE t_area (code text PRIMARY KEY, id uuid, path text) ON COMMIT DROP`);
    if (areas.length) await runner.query(`INSERT INTO t_area (code, id, path) SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[])`, [areas.map((a) => a.code), areas.map((a) => a.id), areas.map((a) => a.path)]);
    await loadDistinctDates(runner, 't_registration_date', 'src_h', '"f_registrationDate"', transforms.dates?.['registrationDate'], pivot);
    await runner.query(`
      CREATE TEMP TABLE stg_h ON COMMIT DROP AS
      SELECT s.*, coalesce(h.id, core.uuid_v7_bulk()) AS household_id, h.id AS existing_id, h.area_path AS existing_path,
             ${areaLevels.length ? 'coalesce(a.id, an.id)' : 'a.id'} AS area_id, ${areaLevels.length ? 'coalesce(a.path, an.path)' : 'a.path'} AS area_path,
             ${areaLevels.length ? `CASE WHEN a.id IS NULL AND an.id IS NULL AND s."f_areaCode" IS NULL THEN coalesce(an.error, 'areaNamesIncomplete') END` : 'NULL::text'} AS area_name_error, ${areaLevels.length ? 'an.names' : 'NULL::text'} AS area_names,
             rd.d AS "d_registrationDate"
        FROM src_h s
        LEFT JOIN t_registration_date rd ON rd.raw = s."f_registrationDate"
        LEFT JOIN registry.household h ON h.external_id = s.hh_key
        LEFT JOIN t_area a ON a.code = s."f_areaCode"
        ${areaLevels.length ? `LEFT JOIN t_area_name an ON an.key = ${areaNameKey('s', [...areaLevels])}` : ''}`);
    await runner.query(`DROP TABLE src_h`);
    await runner.query(`CREATE INDEX ON stg_h (hh_key)`);
    await runner.query(`ANALYZE stg_h`);
    await runner.query(`ANALYZE stg_m`);
  }

  /** Every check, set-based: errors land in `err`, households with any error in `bad`. */
  private async validate(runner: QueryRunner, payload: RegistryImportPayload): Promise<void> {
    await runner.query(`CREATE TEMP TABLE err (file text, line int, hh_key text, field text, code text, args jsonb) ON COMMIT DROP`);
    const insertChecks = async (table: 'stg_m' | 'stg_h', file: ImportFile, hhKey: string, fields: string[]) => {
      const checks = fields.flatMap((f) => checksOf(f, 's'));
      if (!checks.length) return;
      // most rows are valid: one pass finds the rows with any failure, only those are expanded per check
      await runner.query(`
        INSERT INTO err (file, line, hh_key, field, code, args)
        SELECT ${lit(file)}, s.line, ${hhKey}, e.field, e.code, e.args
          FROM (SELECT * FROM ${table} s WHERE ${checks.map((c) => `(${c.failing})`).join('\n OR ')}) s
          CROSS JOIN LATERAL (VALUES ${checks.map((c) => `(CASE WHEN ${c.failing} THEN ${lit(c.field)} END, ${lit(c.code)}, ${c.args})`).join(',\n ')}) AS e(field, code, args)
         WHERE e.field IS NOT NULL`);
    };
    const memberFile: ImportFile = 'members';
    const householdFile: ImportFile = payload.layout === 'TWO_FILES' ? 'households' : 'members';
    const householdMapping = payload.layout === 'TWO_FILES' ? (payload.mapping.households ?? {}) : payload.mapping.members;
    const memberFieldNames = IMPORT_FIELDS.filter((f) => f.target === 'member' && payload.mapping.members[f.name]).map((f) => f.name);
    const householdFieldNames = IMPORT_FIELDS.filter((f) => f.target === 'household' && householdMapping[f.name]).map((f) => f.name);
    await insertChecks('stg_m', memberFile, 's."f_householdKey"', memberFieldNames);
    await insertChecks('stg_h', householdFile, 's.hh_key', householdFieldNames);
    const scope = RequestContext.actor()?.areaPaths ?? null;
    const outside = (path: string) => (scope ? `NOT (${path} LIKE ANY($1::text[]))` : 'false');
    const scopeParams = scope ? [scope.map((p) => likePrefix(p))] : [];
    const householdChecks = `
      INSERT INTO err (file, line, hh_key, field, code, args)
      SELECT ${lit(householdFile)}, s.line, s.hh_key, c.field, c.code, c.args
        FROM stg_h s
        CROSS JOIN LATERAL (VALUES
          (CASE WHEN s.hh_key IS NULL AND ${lit(householdFile)} = 'households' THEN 'householdKey' END, 'required', '{}'::jsonb),
          (CASE WHEN s."f_areaCode" IS NOT NULL AND s.area_id IS NULL THEN 'areaCode' END, 'unknownArea', jsonb_build_object('value', left(s."f_areaCode", 60))),
          (CASE WHEN s.area_name_error IS NOT NULL THEN 'areaLevel1' END, s.area_name_error, jsonb_build_object('value', left(s.area_names, 200))),
          (CASE WHEN s.area_path IS NOT NULL AND ${outside('s.area_path')} THEN 'areaCode' END, 'areaOutsideScope', jsonb_build_object('value', coalesce(s."f_areaCode", s.area_names))),
          (CASE WHEN s.existing_path IS NOT NULL AND ${outside('s.existing_path')} THEN 'householdKey' END, 'householdKeyUnavailable', jsonb_build_object('value', s.hh_key))
        ) AS c(field, code, args)
       WHERE c.field IS NOT NULL`;
    await runner.query(householdChecks, scopeParams);
    if (payload.layout === 'TWO_FILES') {
      await runner.query(`
        INSERT INTO err (file, line, hh_key, field, code, args)
        SELECT 'households', s.line, s.hh_key, 'householdKey', 'duplicateHouseholdKey', jsonb_build_object('value', s.hh_key, 'first', s.first_line)
          FROM (SELECT line, hh_key, min(line) OVER (PARTITION BY hh_key) AS first_line FROM stg_h WHERE hh_key IS NOT NULL) s
         WHERE s.line <> s.first_line`);
      await runner.query(`
        INSERT INTO err (file, line, hh_key, field, code, args)
        SELECT 'members', m.line, m."f_householdKey", 'householdKey', 'unknownHousehold', jsonb_build_object('value', m."f_householdKey")
          FROM stg_m m
         WHERE m."f_householdKey" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stg_h h WHERE h.hh_key = m."f_householdKey")`);
    }
    // household codes: unique in the file and against other households
    await runner.query(`
      INSERT INTO err (file, line, hh_key, field, code, args)
      SELECT ${lit(householdFile)}, s.line, s.hh_key, 'code', CASE WHEN ${outside('h.area_path')} THEN 'codeUnavailable' ELSE 'codeTaken' END, jsonb_build_object('value', s."f_code")
        FROM stg_h s JOIN registry.household h ON h.code = s."f_code"
       WHERE h.external_id IS DISTINCT FROM s.hh_key
      UNION ALL
      SELECT ${lit(householdFile)}, s.line, s.hh_key, 'code', 'codeRepeated', jsonb_build_object('value', s."f_code", 'first', s.first_line)
        FROM (SELECT line, hh_key, "f_code", min(line) OVER (PARTITION BY "f_code") AS first_line FROM stg_h WHERE "f_code" IS NOT NULL) s
       WHERE s.line <> s.first_line`,
      scopeParams,
    );
    // people: external ids, documents, scope of existing records; repeats are found by hashing, not sorting
    // repeated external ids and documents in one scan (two hash tables of one grouping-sets aggregate)
    await runner.query(`
      CREATE TEMP TABLE repeated ON COMMIT DROP AS
      SELECT GROUPING(ext_id) = 0 AS by_ext, ext_id, doc_type, "f_documentNumber" AS number, min(line) AS first_line
        FROM stg_m
       GROUP BY GROUPING SETS ((ext_id), (doc_type, "f_documentNumber"))
      HAVING count(*) > 1 AND CASE WHEN GROUPING(ext_id) = 0 THEN ext_id IS NOT NULL ELSE "f_documentNumber" IS NOT NULL END`);
    await runner.query(`CREATE TEMP TABLE repeated_ext ON COMMIT DROP AS SELECT ext_id, first_line FROM repeated WHERE by_ext`);
    await runner.query(`CREATE TEMP TABLE repeated_doc ON COMMIT DROP AS SELECT doc_type, number, first_line FROM repeated WHERE NOT by_ext`);
    await runner.query(
      `
      INSERT INTO err (file, line, hh_key, field, code, args)
      SELECT 'members', s.line, s."f_householdKey", c.field, c.code, c.args
        FROM (SELECT m.*, x.first_line AS first_ext, d.first_line AS first_doc
                FROM stg_m m
                LEFT JOIN repeated_ext x ON x.ext_id = m.ext_id
                LEFT JOIN repeated_doc d ON d.doc_type = m.doc_type AND d.number = m."f_documentNumber"
               WHERE x.ext_id IS NOT NULL OR d.number IS NOT NULL OR (m.existing_path IS NOT NULL AND ${outside('m.existing_path')})
                  OR (m.doc_owner_id IS NOT NULL AND m.doc_owner_id IS DISTINCT FROM m.existing_id)
                  OR (m."f_documentNumber" IS NULL) <> (m."f_documentType" IS NULL)) s
        CROSS JOIN LATERAL (VALUES
          (CASE WHEN s.first_ext IS NOT NULL AND s.line <> s.first_ext THEN 'externalId' END, 'duplicateExternalId', jsonb_build_object('value', s.ext_id, 'first', s.first_ext)),
          (CASE WHEN s.existing_path IS NOT NULL AND ${outside('s.existing_path')} THEN 'externalId' END, 'externalIdUnavailable', jsonb_build_object('value', s.ext_id)),
          (CASE WHEN (s."f_documentNumber" IS NULL) <> (s."f_documentType" IS NULL) THEN 'documentNumber' END, 'documentIncomplete', '{}'::jsonb),
          (CASE WHEN s.first_doc IS NOT NULL AND s.line <> s.first_doc THEN 'documentNumber' END, 'documentRepeated', jsonb_build_object('value', s."f_documentNumber", 'first', s.first_doc)),
          (CASE WHEN s.doc_owner_id IS NOT NULL AND s.doc_owner_id IS DISTINCT FROM s.existing_id THEN 'documentNumber' END,
            CASE WHEN ${outside('s.doc_owner_path')} THEN 'documentUnavailable' ELSE 'documentTaken' END, jsonb_build_object('value', s."f_documentNumber"))
        ) AS c(field, code, args)
       WHERE c.field IS NOT NULL`,
      scopeParams,
    );
    // exactly one head and at most one recipient of each role, counting members already registered who are not in the file
    await runner.query(`
      INSERT INTO err (file, line, hh_key, field, code, args)
      SELECT ${lit(householdFile)}, h.line, h.hh_key, 'relationship', c.code, c.args
        FROM stg_h h
        LEFT JOIN (SELECT m."f_householdKey" AS hh_key,
                     count(*) FILTER (WHERE upper(m."f_relationship") = 'HEAD') AS heads,
                     count(*) FILTER (WHERE upper(m."f_recipientRole") = 'PRIMARY') AS primaries,
                     count(*) FILTER (WHERE upper(m."f_recipientRole") = 'ALTERNATE') AS alternates
                FROM stg_m m GROUP BY m."f_householdKey") f ON f.hh_key = h.hh_key
        -- registered members who are not in the file, counted set-based (hash joins, not one probe per household);
        -- only people with a role that is counted matter
        LEFT JOIN (SELECT i.household_id,
                     count(*) FILTER (WHERE i.relationship = 'HEAD') AS heads,
                     count(*) FILTER (WHERE i.recipient_role = 'PRIMARY') AS primaries,
                     count(*) FILTER (WHERE i.recipient_role = 'ALTERNATE') AS alternates
                FROM registry.individual i
               WHERE (i.relationship = 'HEAD' OR i.recipient_role IN ('PRIMARY', 'ALTERNATE'))
                 AND i.household_id IN (SELECT existing_id FROM stg_h WHERE existing_id IS NOT NULL)
                 AND NOT EXISTS (SELECT 1 FROM stg_m m WHERE m.existing_id = i.id)
               GROUP BY i.household_id) e ON e.household_id = h.existing_id
        CROSS JOIN LATERAL (VALUES
          (CASE WHEN coalesce(f.heads, 0) + coalesce(e.heads, 0) = 0 THEN 'noHead' END, '{}'::jsonb),
          (CASE WHEN coalesce(f.heads, 0) + coalesce(e.heads, 0) > 1 THEN 'severalHeads' END, jsonb_build_object('count', coalesce(f.heads, 0) + coalesce(e.heads, 0))),
          (CASE WHEN coalesce(f.primaries, 0) + coalesce(e.primaries, 0) > 1 THEN 'severalRecipients' END, jsonb_build_object('role', 'PRIMARY')),
          (CASE WHEN coalesce(f.alternates, 0) + coalesce(e.alternates, 0) > 1 THEN 'severalRecipients' END, jsonb_build_object('role', 'ALTERNATE'))
        ) AS c(code, args)
       WHERE c.code IS NOT NULL`);
    await this.validateExtra(runner, payload);
    await runner.query(`CREATE TEMP TABLE bad ON COMMIT DROP AS SELECT DISTINCT hh_key FROM err WHERE hh_key IS NOT NULL`);
    // a member row without a usable household key cannot be attached to anything: its household is unknown
    await runner.query(`ANALYZE bad`);
  }

  /** Deployment-defined fields go through the JSON Schema, in batches (only when such columns are mapped). */
  private async validateExtra(runner: QueryRunner, payload: RegistryImportPayload): Promise<void> {
    const targets: { table: 'stg_m' | 'stg_h'; file: ImportFile; entity: 'HOUSEHOLD' | 'INDIVIDUAL'; key: string }[] = [
      { table: 'stg_m', file: 'members', entity: 'INDIVIDUAL', key: 's."f_householdKey"' },
      { table: 'stg_h', file: payload.layout === 'TWO_FILES' ? 'households' : 'members', entity: 'HOUSEHOLD', key: 's.hh_key' },
    ];
    for (const target of targets) {
      const expression = await this.extraJson(runner, target.table, target.entity);
      if (!expression) continue;
      const validate = await this.extraFields.validator(target.entity, runner.manager);
      let after = 0;
      for (;;) {
        const rows: { line: number; hh_key: string | null; extra: Record<string, unknown> }[] = await runner.query(
          `SELECT s.line, ${target.key} AS hh_key, ${expression} AS extra FROM ${target.table} s WHERE s.line > $1 ORDER BY s.line LIMIT 5000`,
          [after],
        );
        if (!rows.length) break;
        const errors = rows.flatMap((row) =>
          validate(row.extra) ? [] : describeErrors(validate.errors ?? [], 'extra').map((e) => ({ line: row.line, hh: row.hh_key, field: e.field, code: `extra.${e.key.split('.').pop()}`, args: e.args ?? {} })),
        );
        if (errors.length) {
          await runner.query(`INSERT INTO err (file, line, hh_key, field, code, args) SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`, [
            target.file,
            errors.map((e) => e.line),
            errors.map((e) => e.hh),
            errors.map((e) => e.field),
            errors.map((e) => e.code),
            errors.map((e) => JSON.stringify(e.args)),
          ]);
        }
        after = rows[rows.length - 1].line;
      }
    }
  }

  /** SQL building the jsonb of extra fields from the `x_<property>` columns, typed from the schema; null when none is mapped. */
  private async extraJson(runner: QueryRunner, table: 'stg_m' | 'stg_h', entity: 'HOUSEHOLD' | 'INDIVIDUAL'): Promise<string | null> {
    const columns: { name: string }[] = await runner.query(
      `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attname LIKE 'x\\_%' AND NOT attisdropped`,
      [table],
    );
    const own = columns.filter(({ name }) => table === 'stg_h' || !name.startsWith('x_household.'));
    if (!own.length) return null;
    const schema = await this.extraFields.schemaOf(entity, runner.manager);
    const properties = (schema.schema['properties'] ?? {}) as Record<string, { type?: string }>;
    const pairs = own.map(({ name }) => {
      const property = name.slice(2);
      const key = property.startsWith('household.') ? property.slice('household.'.length) : property;
      const v = `s."${name}"`;
      const type = properties[key]?.type ?? properties[property]?.type;
      const typed =
        type === 'number' || type === 'integer'
          ? `CASE WHEN ${v} ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN to_jsonb(${v}::numeric) ELSE to_jsonb(${v}) END`
          : type === 'boolean'
            ? `CASE lower(${v}) WHEN 'true' THEN 'true'::jsonb WHEN 'yes' THEN 'true'::jsonb WHEN '1' THEN 'true'::jsonb WHEN 'false' THEN 'false'::jsonb WHEN 'no' THEN 'false'::jsonb WHEN '0' THEN 'false'::jsonb ELSE to_jsonb(${v}) END`
            : `to_jsonb(${v})`;
      return `${lit(key)}, ${typed}`;
    });
    return `jsonb_strip_nulls(jsonb_build_object(${pairs.join(', ')}))`;
  }

  /** Writes the valid households and their members; returns the counts. */
  private async merge(runner: QueryRunner, payload: RegistryImportPayload, jobId: string): Promise<Partial<RegistryImportResult>> {
    const mappedHousehold = (name: string) =>
      payload.layout === 'TWO_FILES' ? Boolean(payload.mapping.households?.[name]) : Boolean(payload.mapping.members[name]);
    const mappedMember = (name: string) => Boolean(payload.mapping.members[name]);
    const householdExtra = (await this.extraJson(runner, 'stg_h', 'HOUSEHOLD')) ?? `'{}'::jsonb`;
    const memberExtra = (await this.extraJson(runner, 'stg_m', 'INDIVIDUAL')) ?? `'{}'::jsonb`;

    const dwelling: [string, string][] = [
      ['address', 'address'],
      ['latitude', 'latitude'],
      ['longitude', 'longitude'],
      ['rooms', 'rooms'],
      ['wall_material', 'wallMaterial'],
      ['roof_material', 'roofMaterial'],
      ['floor_material', 'floorMaterial'],
      ['water_source', 'waterSource'],
      ['sanitation', 'sanitation'],
      ['lighting', 'lighting'],
      ['cooking_fuel', 'cookingFuel'],
      ['assets', 'assets'],
    ];
    const hhUpdates: [string, string][] = [
      ['area_id', 's.area_id'],
      ['area_path', 's.area_path'],
      ...dwelling.filter(([, f]) => mappedHousehold(f)).map(([c, f]): [string, string] => [c, typedValue(f, 's')]),
      ...(mappedHousehold('code') ? [['code', 's."f_code"'] as [string, string]] : []),
      ...(householdExtra !== `'{}'::jsonb` ? [['extra', `h.extra || ${householdExtra}`] as [string, string]] : []),
    ];
    await runner.query(`CREATE TEMP TABLE ok_h ON COMMIT DROP AS SELECT s.* FROM stg_h s WHERE s.hh_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM bad b WHERE b.hh_key = s.hh_key)`);
    await runner.query(`ANALYZE ok_h`);
    // people of the valid households
    await runner.query(`
      CREATE TEMP TABLE ok_m ON COMMIT DROP AS
      SELECT m.*, h.household_id, h.area_path AS hh_area_path
        FROM stg_m m JOIN ok_h h ON h.hh_key = m."f_householdKey"`);
    await runner.query(`ANALYZE ok_m`);
    const rebuild = await this.dropIndexesForBulk(runner);
    const [{ created: householdsCreated }] = await runner.query(
      `WITH ins AS (
         INSERT INTO registry.household (id, code, external_id, area_id, area_path, ${dwelling.map(([c]) => c).join(', ')}, registration_date, registration_source, status, extra, import_job_id)
         SELECT s.household_id, coalesce(s."f_code", 'HH' || to_char(nextval('registry.household_code_seq'), 'FM0000000000')), s.hh_key, s.area_id, s.area_path,
                ${dwelling.map(([c, f]) => (mappedHousehold(f) ? typedValue(f, 's') : c === 'assets' ? `'{}'::text[]` : 'NULL')).join(', ')},
                coalesce(s."d_registrationDate", current_date), 'IMPORT', 'ACTIVE', ${householdExtra}, $1
           FROM ok_h s WHERE s.existing_id IS NULL
          -- new households are numbered in the file's order, whatever order the staging joins left them in
          ORDER BY s.line
         RETURNING 1)
       SELECT count(*)::int AS created FROM ins`,
      [jobId],
    );
    const [{ updated: householdsUpdated }] = await runner.query(
      `WITH upd AS (
         UPDATE registry.household h SET ${hhUpdates.map(([c, v]) => `${c} = ${v}`).join(', ')}, version = h.version + 1, updated_at = now()
           FROM ok_h s
          WHERE s.existing_id IS NOT NULL AND h.id = s.existing_id AND (${hhUpdates.map(([c]) => `h.${c}`).join(', ')}) IS DISTINCT FROM (${hhUpdates.map(([, v]) => v).join(', ')})
         RETURNING 1)
       SELECT count(*)::int AS updated FROM upd`,
    );

    await runner.query(`
      INSERT INTO registry.name_term (term, key)
      SELECT n.t, registry.name_key(n.t)
        FROM (SELECT DISTINCT v.t FROM ok_m CROSS JOIN LATERAL (VALUES (given_norm), (family_norm)) v(t) WHERE v.t IS NOT NULL) n
       -- the phonetic key is computed only for names the dictionary does not hold yet
       WHERE NOT EXISTS (SELECT 1 FROM registry.name_term x WHERE x.term = n.t)
      ON CONFLICT (term) DO NOTHING`);
    const person: [string, string][] = [
      ['given_name', 's."f_givenName"'],
      ['family_name', 's."f_familyName"'],
      ['given_norm', 's.given_norm'],
      ['family_norm', 's.family_norm'],
      ['given_key', 'gk.key'],
      ['family_key', 'fk.key'],
      ['sex', typedValue('sex', 's')],
      ['household_id', 's.household_id'],
      ['relationship', typedValue('relationship', 's')],
      ['recipient_role', mappedMember('recipientRole') ? typedValue('recipientRole', 's') : 'NULL'],
      ['area_path', 's.hh_area_path'],
      ...(['otherNames', 'birthDate', 'maritalStatus', 'disability', 'education', 'occupation', 'phones'] as const)
        .filter((f) => mappedMember(f))
        .map((f): [string, string] => [f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), typedValue(f, 's')]),
      ...(mappedMember('phones') ? [['phones_as_entered', phonesAsEnteredOf(`s.${col('phones')}`, typedValue('phones', 's'))] as [string, string]] : []),
      ...(memberExtra !== `'{}'::jsonb` ? [['extra', memberExtra] as [string, string]] : []),
    ];
    const joinKeys = `LEFT JOIN registry.name_term gk ON gk.term = s.given_norm LEFT JOIN registry.name_term fk ON fk.term = s.family_norm`;
    const [{ created: individualsCreated }] = await runner.query(
      `WITH ins AS (
         INSERT INTO registry.individual (id, external_id, ${person.map(([c]) => c).join(', ')}, import_job_id)
         SELECT s.individual_id, s.ext_id, ${person.map(([, v]) => v).join(', ')}, $1
           FROM ok_m s ${joinKeys}
          WHERE s.existing_id IS NULL
         RETURNING 1)
       SELECT count(*)::int AS created FROM ins`,
      [jobId],
    );
    const personUpdates = person.map(([c, v]): [string, string] => [c, c === 'extra' ? `i.extra || ${v}` : v]);
    // the phonetic keys follow the normalised names (name_term.key = name_key(term) wherever a key is written):
    // comparing the names spares two dictionary joins over every registered person of the file
    const compared = personUpdates.filter(([c]) => c !== 'given_key' && c !== 'family_key');
    // one pass over the registered people of the file finds those whose values differ (a re-import of
    // unchanged files finds none and writes nothing); those whose household, relationship or role
    // change also get a new membership period
    await runner.query(`
      CREATE TEMP TABLE changed ON COMMIT DROP AS
      SELECT i.id, (i.household_id, i.relationship, i.recipient_role) IS DISTINCT FROM (s.household_id, ${typedValue('relationship', 's')}, ${mappedMember('recipientRole') ? typedValue('recipientRole', 's') : 'NULL'}) AS moved
        FROM ok_m s JOIN registry.individual i ON i.id = s.existing_id
       -- said outright, the statistics show a first import has none: else a hash of every registered person (1.1-1.5 s at 1,000,000)
       WHERE s.existing_id IS NOT NULL AND (${compared.map(([c]) => `i.${c}`).join(', ')}) IS DISTINCT FROM (${compared.map(([, v]) => v).join(', ')})`);
    await runner.query(`ANALYZE changed`);
    const [{ updated: individualsUpdated }] = await runner.query(
      `WITH upd AS (
         UPDATE registry.individual i SET ${personUpdates.map(([c, v]) => `${c} = ${v}`).join(', ')}, status = CASE WHEN i.status = 'MERGED' THEN i.status ELSE 'ACTIVE' END, version = i.version + 1, updated_at = now(), import_job_id = $1
           FROM changed x JOIN ok_m s ON s.existing_id = x.id ${joinKeys}
          WHERE i.id = x.id
         RETURNING 1)
       SELECT count(*)::int AS updated FROM upd`,
      // changed people are checked for duplicates with the batch, like new ones
      [jobId],
    );
    await runner.query(`
      UPDATE registry.membership m SET ended_at = now(), end_reason = 'IMPORT', version = m.version + 1, updated_at = now()
        FROM changed x WHERE x.moved AND m.individual_id = x.id AND m.ended_at IS NULL`);
    await runner.query(`
      INSERT INTO registry.membership (id, household_id, individual_id, relationship, recipient_role, started_at)
      SELECT core.uuid_v7_bulk(), s.household_id, s.individual_id, ${typedValue('relationship', 's')}, ${mappedMember('recipientRole') ? typedValue('recipientRole', 's') : 'NULL'}, now()
        FROM ok_m s
       WHERE s.existing_id IS NULL OR s.existing_id IN (SELECT id FROM changed WHERE moved)`);
    if (mappedMember('documentNumber')) {
      // the checks left only numbers nobody holds and none twice in the file: a conflict here is a number registered
      // meanwhile by another transaction, and it fails the attempt (whose retry reports it per row) rather than
      // registering the person without their document, as ON CONFLICT DO NOTHING did (which also cost 1 s in 4)
      await runner.query(`
        INSERT INTO registry.individual_document (id, individual_id, type, number)
        SELECT core.uuid_v7_bulk(), s.individual_id, s.doc_type, s."f_documentNumber" FROM ok_m s
         WHERE s."f_documentNumber" IS NOT NULL AND s.doc_owner_id IS NULL
         ORDER BY s."f_documentNumber", s.doc_type`);
    }
    await restoreBulkIndexes(runner, rebuild);
    return { householdsCreated, householdsUpdated, individualsCreated, individualsUpdated };
  }

  /** A batch larger than what the registry already holds (a first migration, typically): see `dropIndexesForBulk`. */
  private async dropIndexesForBulk(runner: QueryRunner): Promise<string[]> {
    const [{ incoming }] = (await runner.query(`SELECT count(*)::int AS incoming FROM ok_m WHERE existing_id IS NULL`)) as { incoming: number }[];
    return dropIndexesForBulk(runner, ['individual', 'household', 'membership', 'individual_document'], {
      rows: incoming,
      threshold: Number(process.env['REGISTRY_BULK_INDEX_THRESHOLD'] ?? BULK_INDEX_THRESHOLD),
      ratio: Number(process.env['REGISTRY_BULK_INDEX_RATIO'] ?? 1),
    });
  }
}
