import { inject, Injectable } from '@angular/core';
import { AuthorizedFilesService, GRAPHQL, resultData, UploadEvent } from '@coremis/core-web';
import { exhaustMap, firstValueFrom, map, Observable, takeWhile, timer } from 'rxjs';
import {
  CANCEL_JOB_MUTATION,
  DELETE_IMPORT_TEMPLATE_MUTATION,
  FIELD_SCHEMA_QUERY,
  FieldSchema,
  FINISHED_JOB_STATUSES,
  IMPORT_COLUMN_VALUES_QUERY,
  IMPORT_FIELDS_QUERY,
  ColumnValues,
  ReadOptions,
  IMPORT_FILE_PREVIEW_QUERY,
  IMPORT_TEMPLATES_QUERY,
  ImportField,
  ImportFilePreview,
  ImportFileRole,
  ImportLayout,
  ImportMapping,
  ImportTemplate,
  ImportUpload,
  Job,
  REGISTRY_IMPORT_REPORT_QUERY,
  RegistryImportReport,
  SAVE_IMPORT_TEMPLATE_MUTATION,
  START_REGISTRY_IMPORT_MUTATION,
  StartRegistryImportInput,
} from './registry-import.queries';

export const UPLOAD_PATH = '/api/registry/imports/uploads';
export const REPORT_POLL_INTERVAL_MS = 500;

/** The registry import on the server: uploads, file previews, mapping templates and import jobs. */
@Injectable({ providedIn: 'root' })
export class RegistryImportService {
  private readonly apollo = inject(GRAPHQL);
  private readonly files = inject(AuthorizedFilesService);

  /** Sends a CSV or XLSX file; the server keeps it for the import and answers with its id. */
  upload(file: File): Observable<UploadEvent<ImportUpload>> {
    return this.files.upload<ImportUpload>(`${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, file);
  }

  async fields(): Promise<ImportField[]> {
    return [...resultData(await firstValueFrom(this.apollo.query({ query: IMPORT_FIELDS_QUERY }))).importFields] as ImportField[];
  }

  async preview(uploadId: string, layout: ImportLayout, file: ImportFileRole, read: ReadOptions = {}): Promise<ImportFilePreview | null> {
    const result = await firstValueFrom(this.apollo.query({ query: IMPORT_FILE_PREVIEW_QUERY, variables: { uploadId, layout, file, read } }));
    return resultData(result).importFilePreview as ImportFilePreview | null;
  }

  /** Distinct values of columns of an uploaded file with their counts (the most frequent 200 of each). */
  async columnValues(uploadId: string, columns: readonly string[], read: ReadOptions = {}): Promise<ColumnValues[]> {
    const result = await firstValueFrom(this.apollo.query({ query: IMPORT_COLUMN_VALUES_QUERY, variables: { uploadId, columns: [...columns], read } }));
    return [...resultData(result).importColumnValues];
  }

  /** Names (and titles, when the schema gives them) of the extra fields of households or individuals. */
  async extraFields(entity: 'HOUSEHOLD' | 'INDIVIDUAL'): Promise<{ name: string; title: string; type: string | null; choices: string[] | null }[]> {
    const result = await firstValueFrom(this.apollo.query({ query: FIELD_SCHEMA_QUERY, variables: { entity } }));
    const schema = resultData(result).fieldSchema.schema as FieldSchema['schema'];
    const properties: NonNullable<FieldSchema['schema']['properties']> = schema.properties ?? {};
    return Object.entries(properties).map(([name, property]) => ({
      name,
      title: property?.title?.trim() || name,
      type: typeof property?.type === 'string' ? property.type : null,
      choices: Array.isArray(property?.enum) ? property.enum.map(String) : null,
    }));
  }

  async templates(): Promise<ImportTemplate[]> {
    return [...resultData(await firstValueFrom(this.apollo.query({ query: IMPORT_TEMPLATES_QUERY }))).importTemplates] as ImportTemplate[];
  }

  async saveTemplate(name: string, layout: ImportLayout, mapping: ImportMapping): Promise<ImportTemplate> {
    const result = await firstValueFrom(
      this.apollo.mutate({ mutation: SAVE_IMPORT_TEMPLATE_MUTATION, variables: { input: { name, layout, mapping } } }),
    );
    return resultData(result).saveImportTemplate as ImportTemplate;
  }

  async deleteTemplate(id: string): Promise<boolean> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: DELETE_IMPORT_TEMPLATE_MUTATION, variables: { id } })))
      .deleteImportTemplate;
  }

  async start(input: StartRegistryImportInput): Promise<Job> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: START_REGISTRY_IMPORT_MUTATION, variables: { input } })))
      .startRegistryImport;
  }

  async cancel(jobId: string): Promise<Job> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: CANCEL_JOB_MUTATION, variables: { id: jobId } }))).cancelJob;
  }

  async report(jobId: string): Promise<RegistryImportReport | null> {
    const result = await firstValueFrom(this.apollo.query({ query: REGISTRY_IMPORT_REPORT_QUERY, variables: { jobId } }));
    return resultData(result).registryImportReport as RegistryImportReport | null;
  }

  /** The import's report every 500 ms (progress, then outcome), completing after the first finished one. */
  watch(jobId: string): Observable<RegistryImportReport> {
    return timer(0, REPORT_POLL_INTERVAL_MS).pipe(
      exhaustMap(() => this.report(jobId)),
      map((report) => {
        if (!report) throw new Error(`Import ${jobId} not found`);
        return report;
      }),
      takeWhile((report) => !FINISHED_JOB_STATUSES.includes(report.status), true),
    );
  }
}
