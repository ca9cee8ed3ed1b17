import { gql } from 'apollo-angular';

export type ImportLayout = 'ONE_FILE' | 'TWO_FILES';
export type ImportMode = 'ALL_OR_NOTHING' | 'VALID_ONLY';
/** The role of an uploaded file in the import. */
export type ImportFileRole = 'members' | 'households';
export type JobStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** `{ field: column }` per file; extra fields as `extra.<property>` (`extra.household.<property>` in one file). */
export type FileMapping = Readonly<Record<string, string>>;

export interface ImportMapping {
  readonly members: FileMapping;
  readonly households?: FileMapping;
}

/** The answer of `POST /api/registry/imports/uploads`. */
export interface ImportUpload {
  readonly id: string;
  readonly name: string;
  readonly format: string;
  readonly size: number;
}

export interface ImportField {
  readonly name: string;
  /** In the interface language. */
  readonly label: string;
  readonly target: 'household' | 'member';
  readonly required: boolean;
  readonly choices: readonly string[] | null;
}

export interface ImportFilePreview {
  readonly uploadId: string;
  readonly name: string;
  readonly format: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly suggestedMapping: Record<string, string>;
}

export interface ImportTemplate {
  readonly id: string;
  readonly name: string;
  readonly layout: ImportLayout;
  readonly mapping: ImportMapping;
  readonly updatedAt: string;
}

export interface FieldSchema {
  readonly entity: string;
  readonly schema: { readonly properties?: Record<string, { readonly title?: string; readonly description?: string }> };
}

export interface Job {
  readonly id: string;
  readonly status: JobStatus;
  readonly progress: number;
  readonly errorMessage: string | null;
}

export interface ImportRowError {
  readonly file: ImportFileRole;
  readonly line: number;
  readonly householdKey: string | null;
  readonly field: string | null;
  readonly code: string;
  /** In the interface language. */
  readonly message: string;
}

export interface RegistryImportReport {
  readonly jobId: string;
  readonly status: JobStatus;
  /** From 0 to 1. */
  readonly progress: number;
  /** Why the files could not be read at all: nothing was checked or written. */
  readonly setupError: string | null;
  readonly layout: ImportLayout;
  readonly mode: ImportMode;
  readonly validateOnly: boolean;
  readonly householdRows: number;
  readonly memberRows: number;
  readonly householdsCreated: number;
  readonly householdsUpdated: number;
  readonly householdsRejected: number;
  readonly individualsCreated: number;
  readonly individualsUpdated: number;
  readonly errorCount: number;
  /** The first errors only; the full list is in the downloadable report. */
  readonly errors: readonly ImportRowError[];
  readonly duplicateCandidates: number | null;
  /** Steps after the merge that did not succeed (translated); the imported households stand. */
  readonly warnings?: readonly string[];
  readonly errorReportUrl: string;
  readonly seconds: number | null;
}

export interface StartRegistryImportInput {
  readonly layout: ImportLayout;
  readonly membersUploadId: string;
  readonly householdsUploadId: string | null;
  readonly mapping: ImportMapping;
  readonly mode: ImportMode;
  readonly validateOnly: boolean;
  readonly checkDuplicates: boolean;
}

const JOB_FIELDS = gql`
  fragment RegistryImportJobFields on Job {
    id
    status
    progress
    errorMessage
  }
`;

export const IMPORT_FIELDS_QUERY = gql<{ importFields: ImportField[] }, Record<string, never>>`
  query RegistryImportFields {
    importFields {
      name
      label
      target
      required
      choices
    }
  }
`;

export const IMPORT_FILE_PREVIEW_QUERY = gql<
  { importFilePreview: ImportFilePreview | null },
  { uploadId: string; layout: ImportLayout; file: ImportFileRole }
>`
  query RegistryImportFilePreview($uploadId: ID!, $layout: ImportLayout!, $file: String!) {
    importFilePreview(uploadId: $uploadId, layout: $layout, file: $file) {
      uploadId
      name
      format
      headers
      rows
      suggestedMapping
    }
  }
`;

export const FIELD_SCHEMA_QUERY = gql<{ fieldSchema: FieldSchema }, { entity: 'HOUSEHOLD' | 'INDIVIDUAL' }>`
  query RegistryImportFieldSchema($entity: String!) {
    fieldSchema(entity: $entity) {
      entity
      schema
    }
  }
`;

const TEMPLATE_FIELDS = gql`
  fragment RegistryImportTemplateFields on ImportTemplate {
    id
    name
    layout
    mapping
    updatedAt
  }
`;

export const IMPORT_TEMPLATES_QUERY = gql<{ importTemplates: ImportTemplate[] }, Record<string, never>>`
  query RegistryImportTemplates {
    importTemplates {
      ...RegistryImportTemplateFields
    }
  }
  ${TEMPLATE_FIELDS}
`;

export const SAVE_IMPORT_TEMPLATE_MUTATION = gql<
  { saveImportTemplate: ImportTemplate },
  { input: { name: string; layout: ImportLayout; mapping: ImportMapping } }
>`
  mutation SaveRegistryImportTemplate($input: SaveImportTemplateInput!) {
    saveImportTemplate(input: $input) {
      ...RegistryImportTemplateFields
    }
  }
  ${TEMPLATE_FIELDS}
`;

export const DELETE_IMPORT_TEMPLATE_MUTATION = gql<{ deleteImportTemplate: boolean }, { id: string }>`
  mutation DeleteRegistryImportTemplate($id: ID!) {
    deleteImportTemplate(id: $id)
  }
`;

export const START_REGISTRY_IMPORT_MUTATION = gql<{ startRegistryImport: Job }, { input: StartRegistryImportInput }>`
  mutation StartRegistryImport($input: StartRegistryImportInput!) {
    startRegistryImport(input: $input) {
      ...RegistryImportJobFields
    }
  }
  ${JOB_FIELDS}
`;

export const CANCEL_JOB_MUTATION = gql<{ cancelJob: Job }, { id: string }>`
  mutation CancelRegistryImport($id: ID!) {
    cancelJob(id: $id) {
      ...RegistryImportJobFields
    }
  }
  ${JOB_FIELDS}
`;

export const REGISTRY_IMPORT_REPORT_QUERY = gql<{ registryImportReport: RegistryImportReport | null }, { jobId: string }>`
  query RegistryImportReport($jobId: ID!) {
    registryImportReport(jobId: $jobId) {
      jobId
      status
      progress
      setupError
      layout
      mode
      validateOnly
      householdRows
      memberRows
      householdsCreated
      householdsUpdated
      householdsRejected
      individualsCreated
      individualsUpdated
      errorCount
      errors {
        file
        line
        householdKey
        field
        code
        message
      }
      duplicateCandidates
      warnings
      errorReportUrl
      seconds
    }
  }
`;
