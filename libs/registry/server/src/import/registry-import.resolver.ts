import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApprovableOperation, AppError, GraphQLJSON, invalidField, Job, JobService, RequestContext, RequirePermissions, Translator, UuidPipe } from '@coremis/core';
import type { DataSource } from 'typeorm';
import { ImportTemplate } from '../entities/import-template.entity';
import { ExtraFieldsService } from '../extra-fields.service';
import { previewFile } from './import-file-reader';
import { XlsxError } from './xlsx-reader';
import { IMPORT_FIELDS, type ImportFile, type ImportLayout, suggestMapping } from './import-fields';
import { mayReadImport } from './import-access';
import { ImportReportService } from './import-report.service';
import { ImportUploadService } from './import-upload.service';
import { ImportColumnValues, ImportField, ImportFilePreview, RegistryImportReport } from './registry-import.models';
import { ImportColumnValuesService } from './import-column-values.service';
import { readOptionsOf } from './import-read-options';
import { importOptionsOf } from './import-transforms';
import { ImportLayoutEnum, SaveImportTemplateInput, StartRegistryImportInput } from './registry-import.inputs';
import type { RegistryImportJobResult } from './registry-import.processor';
import { ImportSetupError, REGISTRY_IMPORT_QUEUE, type RegistryImportPayload, RegistryImportService } from './registry-import.service';

@Resolver()
export class RegistryImportResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uploads: ImportUploadService,
    private readonly imports: RegistryImportService,
    private readonly reports: ImportReportService,
    private readonly jobs: JobService,
    private readonly extraFields: ExtraFieldsService,
    private readonly translator: Translator,
    private readonly columnValues: ImportColumnValuesService,
  ) {}

  @Query(() => [ImportField], { description: 'Fields an import can fill, for the mapping step.' })
  @RequirePermissions('registry.import')
  async importFields(): Promise<ImportField[]> {
    const lang = this.translator.currentLanguage();
    // one area name column per level the deployment has below the root, named as it names them
    const levels: { depth: number; name: string }[] = await this.dataSource.query(
      `SELECT depth, coalesce(CASE $1 WHEN 'fr' THEN name_fr WHEN 'pt' THEN name_pt END, name_en) AS name FROM geo.admin_level WHERE depth > 0 ORDER BY depth`,
      [lang],
    );
    const levelName = new Map(levels.map((l) => [`areaLevel${l.depth}`, l.name]));
    return IMPORT_FIELDS.filter((f) => !f.name.startsWith('areaLevel') || levelName.has(f.name)).map((f) => ({
      name: f.name,
      label: levelName.has(f.name) ? this.translator.translate('registry.import.areaLevelField', lang, { level: levelName.get(f.name)! }) : this.reports.fieldLabel(f.name, lang),
      target: f.target,
      required: Boolean(f.required),
      choices: f.choices ? [...f.choices] : null,
      kind: f.kind,
    }));
  }

  @Query(() => ImportFilePreview, { nullable: true, description: 'Header, first rows and a suggested mapping of an uploaded file.' })
  @RequirePermissions('registry.import')
  async importFilePreview(
    @Args('uploadId', { type: () => ID }, UuidPipe) uploadId: string,
    @Args('layout', { type: () => ImportLayoutEnum }) layout: ImportLayout,
    @Args('file', { description: 'households or members' }) file: string,
    @Args('read', { type: () => GraphQLJSON, nullable: true, description: '{ separator, encoding, sheet }: overrides what is detected.' }) read?: unknown,
  ): Promise<ImportFilePreview | null> {
    if (file !== 'households' && file !== 'members') throw invalidField('file', 'registry.import.unknownFileRole');
    const options = readOptionsOf(read);
    if (!options) throw invalidField('read', 'registry.import.invalidImportOptions');
    const upload = await this.uploads.get(uploadId);
    if (!upload) return null;
    const preview = await previewFile(upload.storagePath, upload.format, 5, options).catch((error: unknown) => {
      throw error instanceof XlsxError ? new AppError('BAD_USER_INPUT', `registry.import.${error.code}`, error.args) : error;
    });
    const entity = file === 'households' ? 'HOUSEHOLD' : 'INDIVIDUAL';
    const properties = Object.keys(((await this.extraFields.schemaOf(entity)).schema['properties'] ?? {}) as object);
    // the deployment's admin levels below the root, by rank, in every language: "Province" finds areaLevel1
    const levels: { names: string[] }[] = await this.dataSource.query(
      `SELECT ARRAY[name_en, name_fr, name_pt, code] AS names FROM geo.admin_level WHERE depth > 0 ORDER BY depth`,
    );
    return {
      uploadId,
      name: upload.name,
      format: upload.format,
      headers: preview.headers,
      rows: preview.rows,
      suggestedMapping: suggestMapping(preview.headers, layout, file as ImportFile, properties, levels.map((l) => l.names.filter(Boolean))),
      separator: preview.separator,
      encoding: preview.encoding,
      detectedSeparator: preview.detectedSeparator,
      detectedEncoding: preview.detectedEncoding,
      sheets: preview.sheets,
      sheet: preview.sheet,
    };
  }

  @Query(() => [ImportColumnValues], { description: 'Distinct values of columns of an uploaded file with their counts, for recoding.' })
  @RequirePermissions('registry.import')
  async importColumnValues(
    @Args('uploadId', { type: () => ID }, UuidPipe) uploadId: string,
    @Args('columns', { type: () => [String] }) columns: string[],
    @Args('read', { type: () => GraphQLJSON, nullable: true }) read?: unknown,
  ): Promise<ImportColumnValues[]> {
    const options = readOptionsOf(read);
    if (!options || columns.length > 200 || columns.some((c) => c.length > 200)) throw invalidField('read', 'registry.import.invalidImportOptions');
    const upload = await this.uploads.get(uploadId);
    if (!upload) return [];
    return this.columnValues.valuesOf(upload, options, columns).catch((error: unknown) => {
      if (error instanceof XlsxError) throw new AppError('BAD_USER_INPUT', `registry.import.${error.code}`, error.args);
      const pg = error as { code?: string; message?: string };
      // the file cannot be read as asked (a wrong encoding or separator): the user changes the reading options
      if (pg.code?.startsWith('22')) throw new AppError('BAD_USER_INPUT', 'registry.import.valuesUnreadable', { detail: (pg.message ?? '').slice(0, 200) });
      throw error;
    });
  }

  @Mutation(() => Job, { description: 'Checks (and unless validateOnly, writes) an import in the background; follow it with registryImportReport.' })
  @RequirePermissions('registry.import')
  @ApprovableOperation('registry.import', { requiresApproval: (args) => !(args['input'] as StartRegistryImportInput).validateOnly })
  async startRegistryImport(@Args('input') input: StartRegistryImportInput): Promise<Job> {
    const payload: RegistryImportPayload = {
      layout: input.layout,
      membersUploadId: input.membersUploadId,
      householdsUploadId: input.householdsUploadId ?? null,
      mapping: { members: stringMap(input.mapping.members, 'mapping.members'), ...(input.mapping.households ? { households: stringMap(input.mapping.households, 'mapping.households') } : {}) },
      mode: input.mode,
      validateOnly: input.validateOnly,
      checkDuplicates: input.checkDuplicates,
    };
    const options = importOptionsOf(input.options);
    if (!options) throw invalidField('options', 'registry.import.invalidImportOptions');
    payload.read = options.read;
    payload.transforms = options.transforms;
    try {
      await this.imports.sources(payload);
    } catch (error) {
      if (error instanceof ImportSetupError) {
        const field = String(error.args['file'] ?? '') === 'households' ? 'householdsUploadId' : error.code === 'uploadNotFound' ? 'membersUploadId' : `mapping.${String(error.args['file'] ?? 'members')}`;
        throw new AppError('BAD_USER_INPUT', `registry.import.${error.code}`, this.argsOf(error.args), [{ field, key: `registry.import.${error.code}`, args: this.argsOf(error.args) }]);
      }
      throw error;
    }
    return this.jobs.enqueue(REGISTRY_IMPORT_QUEUE, input.validateOnly ? 'validate' : 'import', payload as unknown as Record<string, unknown>, { createdBy: RequestContext.actor()?.userId ?? null });
  }

  @Query(() => RegistryImportReport, { nullable: true, description: 'Progress and outcome of an import, errors in the language of the request.' })
  @RequirePermissions('registry.import')
  async registryImportReport(@Args('jobId', { type: () => ID }, UuidPipe) jobId: string): Promise<RegistryImportReport | null> {
    const job = await this.jobs.findById(jobId);
    if (!mayReadImport(job)) return null;
    const payload = job.payload as unknown as RegistryImportPayload;
    const result = (job.result ?? {}) as RegistryImportJobResult;
    const lang = this.translator.currentLanguage();
    return {
      jobId: job.id,
      status: job.status,
      progress: job.progress,
      setupError: result.setupError ? this.translator.translate(`registry.import.${result.setupError.code}`, lang, this.argsOf(result.setupError.args)) : null,
      layout: payload.layout,
      mode: payload.mode,
      validateOnly: payload.validateOnly,
      householdRows: result.householdRows ?? 0,
      memberRows: result.memberRows ?? 0,
      householdsCreated: result.householdsCreated ?? 0,
      householdsUpdated: result.householdsUpdated ?? 0,
      householdsRejected: result.householdsRejected ?? 0,
      individualsCreated: result.individualsCreated ?? 0,
      individualsUpdated: result.individualsUpdated ?? 0,
      errorCount: result.errorCount ?? 0,
      errors: (result.errors ?? []).map((e) => ({ ...e, field: e.field, message: this.reports.message(e, lang) })),
      duplicateCandidates: result.duplicateCandidates ?? null,
      warnings: (result.warnings ?? []).map((key) => this.translator.translate(`registry.import.warnings.${key}`, lang)),
      errorReportUrl: `/api/registry/imports/${job.id}/errors.csv?lang=${lang}`,
      seconds: result.seconds ?? 0,
    };
  }

  @Query(() => [ImportTemplate])
  @RequirePermissions('registry.import')
  importTemplates(): Promise<ImportTemplate[]> {
    return this.dataSource.getRepository(ImportTemplate).find({ order: { name: 'ASC' } });
  }

  @Mutation(() => ImportTemplate, { description: 'Saves a column mapping under a name (replacing a template of the same name).' })
  @RequirePermissions('registry.import')
  async saveImportTemplate(@Args('input') input: SaveImportTemplateInput): Promise<ImportTemplate> {
    return this.dataSource.transaction(async (em) => {
      const existing = await em.findOne(ImportTemplate, { where: { name: input.name.trim() }, lock: { mode: 'pessimistic_write' } });
      const template = existing ?? em.create(ImportTemplate, { name: input.name.trim(), createdBy: RequestContext.actor()?.userId ?? null });
      template.layout = input.layout;
      template.mapping = input.mapping;
      return em.save(template);
    });
  }

  @Mutation(() => Boolean)
  @RequirePermissions('registry.import')
  async deleteImportTemplate(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const template = await em.findOneBy(ImportTemplate, { id });
      if (!template) return false;
      await em.remove(template);
      return true;
    });
  }

  /** Field names in setup errors are shown with their label. */
  private argsOf(args: Record<string, unknown>): Record<string, unknown> {
    const lang = this.translator.currentLanguage();
    const out = { ...args };
    if (typeof out['field'] === 'string') out['field'] = this.reports.fieldLabel(out['field'], lang);
    if (typeof out['file'] === 'string') out['file'] = this.translator.translate(`registry.import.files.${out['file']}`, lang);
    return out;
  }
}

function stringMap(value: unknown, field: string): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalidField(field, 'registry.import.invalidMapping');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.some(([k, v]) => typeof v !== 'string' || !v || k.length > 100 || v.length > 200)) throw invalidField(field, 'registry.import.invalidMapping');
  return Object.fromEntries(entries) as Record<string, string>;
}

