import { gql } from 'apollo-angular';
import type {
  CancelRegistryImportMutation,
  CancelRegistryImportMutationVariables,
  DeleteRegistryImportTemplateMutation,
  DeleteRegistryImportTemplateMutationVariables,
  ImportLayout,
  ImportMode,
  JobStatus,
  RegistryImportColumnValuesQuery,
  RegistryImportColumnValuesQueryVariables,
  RegistryImportFieldSchemaQuery,
  RegistryImportFieldSchemaQueryVariables,
  RegistryImportFieldsQuery,
  RegistryImportFieldsQueryVariables,
  RegistryImportFilePreviewQuery,
  RegistryImportFilePreviewQueryVariables,
  RegistryImportJobFieldsFragment,
  RegistryImportReportQuery,
  RegistryImportReportQueryVariables,
  RegistryImportTemplateFieldsFragment,
  RegistryImportTemplatesQuery,
  RegistryImportTemplatesQueryVariables,
  SaveRegistryImportTemplateMutation,
  SaveRegistryImportTemplateMutationVariables,
  StartRegistryImportMutation,
  StartRegistryImportMutationVariables,
} from '../data/generated/graphql';

export type { ImportLayout, ImportMode, JobStatus, StartRegistryImportInput } from '../data/generated/graphql';
/** The role of an uploaded file in the import. */
export type ImportFileRole = 'members' | 'households';

export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** `{ field: column }` per file; extra fields as `extra.<property>` (`extra.household.<property>` in one file). */
export type FileMapping = Readonly<Record<string, string>>;

// a type, not an interface: it stays assignable to the JSON object the schema declares
export type ImportMapping = {
  readonly members: FileMapping;
  readonly households?: FileMapping;
  /** Reading options and value transforms, kept with the mapping in a template. */
  readonly options?: ImportOptions;
};

export type ImportSeparator = ',' | ';' | '\t' | '|';
export type ImportEncoding = 'UTF8' | 'WINDOWS1252';
export type DateFormat = 'YMD' | 'DMY' | 'MDY';
export type NameOrder = 'FAMILY_FIRST' | 'GIVEN_FIRST';
export type ReadOptions = { readonly separator?: ImportSeparator; readonly encoding?: ImportEncoding; readonly sheet?: string };
/** What the server's StartRegistryImportInput.options takes (see ImportTransforms on the server). */
export type ImportOptions = {
  readonly read: Partial<Record<ImportFileRole, ReadOptions>>;
  readonly transforms: {
    readonly recode?: Readonly<Record<string, Readonly<Record<string, string>>>>;
    readonly fixed?: Readonly<Record<string, string>>;
    readonly dates?: Readonly<Record<string, DateFormat>>;
    readonly yearPivot?: number;
    readonly nameOrder?: NameOrder;
  };
};
export type ColumnValues = RegistryImportColumnValuesQuery['importColumnValues'][number];

/** The answer of `POST /api/registry/imports/uploads`. */
export interface ImportUpload {
  readonly id: string;
  readonly name: string;
  readonly format: string;
  readonly size: number;
}

// Fields the schema types as String or JSON are narrowed below to the values the import API documents.

/** `label` in the interface language. */
export type ImportField = Omit<RegistryImportFieldsQuery['importFields'][number], 'target'> & {
  readonly target: 'household' | 'member';
};

export type ImportFilePreview = Omit<NonNullable<RegistryImportFilePreviewQuery['importFilePreview']>, 'suggestedMapping'> & {
  readonly suggestedMapping: Readonly<Record<string, string>>;
};

export type ImportTemplate = Omit<RegistryImportTemplateFieldsFragment, 'layout' | 'mapping'> & {
  readonly layout: ImportLayout;
  readonly mapping: ImportMapping;
};

export interface FieldSchema {
  readonly entity: string;
  readonly schema: { readonly properties?: Record<string, { readonly title?: string; readonly description?: string; readonly type?: unknown; readonly enum?: unknown[] }> };
}

/** `progress` from 0 to 1. */
export type Job = RegistryImportJobFieldsFragment;

type ReportData = NonNullable<RegistryImportReportQuery['registryImportReport']>;

/** `message` in the interface language. */
export type ImportRowError = Omit<ReportData['errors'][number], 'file'> & { readonly file: ImportFileRole };

/**
 * `setupError`: why the files could not be read at all (nothing was checked or written); `errors`: the first
 * errors only, the full list is in the downloadable report.
 */
export type RegistryImportReport = Omit<ReportData, 'layout' | 'mode' | 'errors'> & {
  readonly layout: ImportLayout;
  readonly mode: ImportMode;
  readonly errors: readonly ImportRowError[];
};

const JOB_FIELDS = gql`
  fragment RegistryImportJobFields on Job {
    id
    status
    progress
    errorMessage
  }
`;

export const IMPORT_FIELDS_QUERY = gql<RegistryImportFieldsQuery, RegistryImportFieldsQueryVariables>`
  query RegistryImportFields {
    importFields {
      name
      label
      target
      required
      choices
      kind
    }
  }
`;

export const IMPORT_FILE_PREVIEW_QUERY = gql<RegistryImportFilePreviewQuery, RegistryImportFilePreviewQueryVariables>`
  query RegistryImportFilePreview($uploadId: ID!, $layout: ImportLayout!, $file: String!, $read: JSON) {
    importFilePreview(uploadId: $uploadId, layout: $layout, file: $file, read: $read) {
      uploadId
      name
      format
      headers
      rows
      suggestedMapping
      separator
      encoding
      detectedSeparator
      detectedEncoding
      sheets
      sheet
    }
  }
`;

export const IMPORT_COLUMN_VALUES_QUERY = gql<RegistryImportColumnValuesQuery, RegistryImportColumnValuesQueryVariables>`
  query RegistryImportColumnValues($uploadId: ID!, $columns: [String!]!, $read: JSON) {
    importColumnValues(uploadId: $uploadId, columns: $columns, read: $read) {
      column
      distinct
      values {
        value
        count
      }
    }
  }
`;

export const FIELD_SCHEMA_QUERY = gql<RegistryImportFieldSchemaQuery, RegistryImportFieldSchemaQueryVariables>`
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

export const IMPORT_TEMPLATES_QUERY = gql<RegistryImportTemplatesQuery, RegistryImportTemplatesQueryVariables>`
  query RegistryImportTemplates {
    importTemplates {
      ...RegistryImportTemplateFields
    }
  }
  ${TEMPLATE_FIELDS}
`;

export const SAVE_IMPORT_TEMPLATE_MUTATION = gql<SaveRegistryImportTemplateMutation, SaveRegistryImportTemplateMutationVariables>`
  mutation SaveRegistryImportTemplate($input: SaveImportTemplateInput!) {
    saveImportTemplate(input: $input) {
      ...RegistryImportTemplateFields
    }
  }
  ${TEMPLATE_FIELDS}
`;

export const DELETE_IMPORT_TEMPLATE_MUTATION = gql<DeleteRegistryImportTemplateMutation, DeleteRegistryImportTemplateMutationVariables>`
  mutation DeleteRegistryImportTemplate($id: ID!) {
    deleteImportTemplate(id: $id)
  }
`;

export const START_REGISTRY_IMPORT_MUTATION = gql<StartRegistryImportMutation, StartRegistryImportMutationVariables>`
  mutation StartRegistryImport($input: StartRegistryImportInput!) {
    startRegistryImport(input: $input) {
      ...RegistryImportJobFields
    }
  }
  ${JOB_FIELDS}
`;

export const CANCEL_JOB_MUTATION = gql<CancelRegistryImportMutation, CancelRegistryImportMutationVariables>`
  mutation CancelRegistryImport($id: ID!) {
    cancelJob(id: $id) {
      ...RegistryImportJobFields
    }
  }
  ${JOB_FIELDS}
`;

export const REGISTRY_IMPORT_REPORT_QUERY = gql<RegistryImportReportQuery, RegistryImportReportQueryVariables>`
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
