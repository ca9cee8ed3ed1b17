import { gql } from 'apollo-angular';

export type JobStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

export interface Job {
  readonly id: string;
  readonly status: JobStatus;
  /** From 0 to 1. */
  readonly progress: number;
  readonly errorMessage: string | null;
}

export interface ImportLineError {
  readonly line: number;
  readonly column: string | null;
  readonly code: string;
  /** Already in the request language. */
  readonly message: string;
}

export interface AdminAreaImportReport {
  readonly jobId: string;
  readonly status: JobStatus;
  readonly totalRows: number;
  readonly created: number;
  readonly updated: number;
  /** True when the file was only checked: nothing was written. */
  readonly validateOnly: boolean;
  /** All problems found; `errors` lists the first ones only. */
  readonly errorCount: number;
  readonly errors: readonly ImportLineError[];
}

/** The server's record of an uploaded CSV file. */
export interface AreaImportUpload {
  readonly id: string;
  readonly name: string;
  readonly size: number;
}

export interface ImportAdminAreasInput {
  /** The CSV file, uploaded first (`AdminAreaImportService.upload`). */
  readonly uploadId: string;
  /** Only check the file and report its problems; write nothing. */
  readonly validateOnly?: boolean;
}

const JOB_FIELDS = gql`
  fragment ImportJobFields on Job {
    id
    status
    progress
    errorMessage
  }
`;

export const IMPORT_ADMIN_AREAS_MUTATION = gql<
  { importAdminAreas: Job },
  { input: ImportAdminAreasInput }
>`
  mutation ImportAdminAreas($input: ImportAdminAreasInput!) {
    importAdminAreas(input: $input) {
      ...ImportJobFields
    }
  }
  ${JOB_FIELDS}
`;

export const IMPORT_JOB_QUERY = gql<{ job: Job | null }, { id: string }>`
  query ImportJob($id: ID!) {
    job(id: $id) {
      ...ImportJobFields
    }
  }
  ${JOB_FIELDS}
`;

export const ADMIN_AREA_IMPORT_REPORT_QUERY = gql<
  { adminAreaImportReport: AdminAreaImportReport | null },
  { jobId: string }
>`
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
