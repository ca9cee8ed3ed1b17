import { gql } from 'apollo-angular';

export type DuplicateStatus = 'PENDING' | 'POSTPONED' | 'DUPLICATE' | 'NOT_DUPLICATE';
export type DuplicateDecision = 'DUPLICATE' | 'NOT_DUPLICATE' | 'POSTPONED';
export type JobStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

export interface DuplicatePerson {
  readonly id: string;
  readonly externalId: string | null;
  readonly givenName: string;
  readonly familyName: string;
  readonly otherNames: string | null;
  readonly sex: 'F' | 'M';
  /** YYYY-MM-DD */
  readonly birthDate: string | null;
  readonly birthDateEstimated: boolean;
  readonly age: number | null;
  readonly phones: readonly string[];
  readonly documents: readonly { readonly id: string; readonly type: string; readonly number: string }[];
  readonly maritalStatus: string | null;
  readonly disability: string | null;
  readonly education: string | null;
  readonly occupation: string | null;
  readonly status: string;
  readonly mergedIntoId: string | null;
  readonly photoUrl: string | null;
  readonly relationship: string | null;
  readonly recipientRole: string | null;
  readonly extra: Readonly<Record<string, unknown>> | null;
  readonly createdAt: string;
  readonly household: {
    readonly id: string;
    readonly code: string;
    readonly area: { readonly id: string; readonly code: string; readonly name: string };
  } | null;
}

export interface DuplicateCandidate {
  readonly id: string;
  readonly score: number;
  /** document, phone, name, birthDate, sex, area */
  readonly matched: readonly string[];
  readonly status: DuplicateStatus;
  /** RUN or IMPORT */
  readonly source: string;
  readonly version: number;
  readonly createdAt: string;
  readonly decidedAt: string | null;
  /** Null when the person is outside the reviewer's areas. */
  readonly individualA: DuplicatePerson | null;
  readonly individualB: DuplicatePerson | null;
}

export interface DuplicateCandidatePage {
  readonly candidates: readonly DuplicateCandidate[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface DuplicateSettings {
  readonly threshold: number;
  readonly reviewBelow: number | null;
}

export interface Job {
  readonly id: string;
  readonly status: JobStatus;
  readonly progress: number;
  readonly errorMessage: string | null;
  readonly result: Readonly<Record<string, unknown>> | null;
}

const PERSON_FIELDS = gql`
  fragment DuplicatePersonFields on Individual {
    id
    externalId
    givenName
    familyName
    otherNames
    sex
    birthDate
    birthDateEstimated
    age
    phones
    documents {
      id
      type
      number
    }
    maritalStatus
    disability
    education
    occupation
    status
    mergedIntoId
    photoUrl
    relationship
    recipientRole
    extra
    createdAt
    household {
      id
      code
      area {
        id
        code
        name
      }
    }
  }
`;

const CANDIDATE_FIELDS = gql`
  fragment DuplicateCandidateFields on DuplicateCandidate {
    id
    score
    matched
    status
    source
    version
    createdAt
    decidedAt
    individualA {
      ...DuplicatePersonFields
    }
    individualB {
      ...DuplicatePersonFields
    }
  }
  ${PERSON_FIELDS}
`;

export const DUPLICATE_CANDIDATES_QUERY = gql<
  {
    duplicateCandidates: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: DuplicateCandidate }[];
    };
  },
  { first: number; after: string | null; status: DuplicateStatus }
>`
  query DuplicateCandidates($first: Int!, $after: String, $status: DuplicateStatus!) {
    duplicateCandidates(first: $first, after: $after, status: $status) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...DuplicateCandidateFields
        }
      }
    }
  }
  ${CANDIDATE_FIELDS}
`;

export const DUPLICATE_SETTINGS_QUERY = gql<{ duplicateSettings: DuplicateSettings }, Record<string, never>>`
  query DuplicateSettings {
    duplicateSettings {
      threshold
      reviewBelow
    }
  }
`;

export const DECIDE_DUPLICATE_MUTATION = gql<
  { decideDuplicate: DuplicateCandidate },
  { input: { candidateId: string; decision: DuplicateDecision; survivorId: string | null; version: number } }
>`
  mutation DecideDuplicate($input: DecideDuplicateInput!) {
    decideDuplicate(input: $input) {
      ...DuplicateCandidateFields
    }
  }
  ${CANDIDATE_FIELDS}
`;

const JOB_FIELDS = gql`
  fragment DuplicateJobFields on Job {
    id
    status
    progress
    errorMessage
    result
  }
`;

export const RUN_DUPLICATE_DETECTION_MUTATION = gql<{ runDuplicateDetection: Job }, Record<string, never>>`
  mutation RunDuplicateDetection {
    runDuplicateDetection {
      ...DuplicateJobFields
    }
  }
  ${JOB_FIELDS}
`;

export const DUPLICATE_JOB_QUERY = gql<{ job: Job | null }, { id: string }>`
  query DuplicateDetectionJob($id: ID!) {
    job(id: $id) {
      ...DuplicateJobFields
    }
  }
  ${JOB_FIELDS}
`;

export const CANCEL_DUPLICATE_JOB_MUTATION = gql<{ cancelJob: Job }, { id: string }>`
  mutation CancelDuplicateDetection($id: ID!) {
    cancelJob(id: $id) {
      ...DuplicateJobFields
    }
  }
  ${JOB_FIELDS}
`;
