import { gql } from 'apollo-angular';
import type {
  AdminAreaImportReportQuery,
  AdminAreaImportReportQueryVariables,
  ImportAdminAreasMutation,
  ImportAdminAreasMutationVariables,
  ImportJobQuery,
  ImportJobFieldsFragment,
  ImportJobQueryVariables,
  JobStatus,
} from './generated/graphql';

export type { ImportAdminAreasInput, JobStatus } from './generated/graphql';

export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** `progress` goes from 0 to 1. */
export type Job = ImportJobFieldsFragment;
/** `errors` lists the first problems only (`errorCount` counts them all), already in the request language. */
export type AdminAreaImportReport = NonNullable<AdminAreaImportReportQuery['adminAreaImportReport']>;
export type ImportLineError = AdminAreaImportReport['errors'][number];

/** The server's record of an uploaded CSV file. */
export interface AreaImportUpload {
  readonly id: string;
  readonly name: string;
  readonly size: number;
}

const JOB_FIELDS = gql`
  fragment ImportJobFields on Job {
    id
    status
    progress
    errorMessage
  }
`;

export const IMPORT_ADMIN_AREAS_MUTATION = gql<ImportAdminAreasMutation, ImportAdminAreasMutationVariables>`
  mutation ImportAdminAreas($input: ImportAdminAreasInput!) {
    importAdminAreas(input: $input) {
      ...ImportJobFields
    }
  }
  ${JOB_FIELDS}
`;

export const IMPORT_JOB_QUERY = gql<ImportJobQuery, ImportJobQueryVariables>`
  query ImportJob($id: ID!) {
    job(id: $id) {
      ...ImportJobFields
    }
  }
  ${JOB_FIELDS}
`;

export const ADMIN_AREA_IMPORT_REPORT_QUERY = gql<AdminAreaImportReportQuery, AdminAreaImportReportQueryVariables>`
  query AdminAreaImportReport($jobId: ID!) {
    adminAreaImportReport(jobId: $jobId) {
      jobId
      status
      totalRows
      created
      updated
      validateOnly
      errorCount
      errors {
        line
        column
        code
        message
      }
    }
  }
`;
