import { gql } from 'apollo-angular';
import type {
  CancelDuplicateDetectionMutation,
  CancelDuplicateDetectionMutationVariables,
  DecideDuplicateMutation,
  DecideDuplicateMutationVariables,
  DuplicateCandidateFieldsFragment,
  DuplicateCandidatesQuery,
  DuplicateCandidatesQueryVariables,
  DuplicateDetectionJobQuery,
  DuplicateDetectionJobQueryVariables,
  DuplicateJobFieldsFragment,
  DuplicatePersonFieldsFragment,
  DuplicateModelQuery,
  DuplicateModelQueryVariables,
  DuplicateSettingsQuery,
  DuplicateSettingsQueryVariables,
  JobStatus,
  RunDuplicateDetectionMutation,
  RunDuplicateDetectionMutationVariables,
} from '../data/generated/graphql';

export type { DuplicateDecision, DuplicateStatus, JobStatus } from '../data/generated/graphql';

export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** `birthDate` YYYY-MM-DD. */
export type DuplicatePerson = DuplicatePersonFieldsFragment;

/**
 * `matched`: document, phone, name, birthDate, sex, area; `source`: RUN or IMPORT; a person is null when
 * outside the reviewer's areas.
 */
export type DuplicateCandidate = DuplicateCandidateFieldsFragment;

export interface DuplicateCandidatePage {
  readonly candidates: readonly DuplicateCandidate[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export type DuplicateSettings = DuplicateSettingsQuery['duplicateSettings'];
/** The Fellegi-Sunter model of the latest registry-wide detection; null before the first one. */
export type DuplicateModel = NonNullable<DuplicateModelQuery['duplicateModel']>;
export type Job = DuplicateJobFieldsFragment;

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
    matchWeight
    contributions {
      field
      level
      weight
    }
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

export const DUPLICATE_CANDIDATES_QUERY = gql<DuplicateCandidatesQuery, DuplicateCandidatesQueryVariables>`
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

export const DUPLICATE_SETTINGS_QUERY = gql<DuplicateSettingsQuery, DuplicateSettingsQueryVariables>`
  query DuplicateSettings {
    duplicateSettings {
      threshold
      reviewBelow
    }
  }
`;

export const DUPLICATE_MODEL_QUERY = gql<DuplicateModelQuery, DuplicateModelQueryVariables>`
  query DuplicateModel {
    duplicateModel {
      version
      createdAt
      pairs
      prior
      iterations
      suggestedThreshold
      fields {
        field
        levels {
          level
          m
          u
          weight
        }
      }
      expected {
        threshold
        precision
        recall
        pairs
      }
    }
  }
`;

export const DECIDE_DUPLICATE_MUTATION = gql<DecideDuplicateMutation, DecideDuplicateMutationVariables>`
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

export const RUN_DUPLICATE_DETECTION_MUTATION = gql<RunDuplicateDetectionMutation, RunDuplicateDetectionMutationVariables>`
  mutation RunDuplicateDetection {
    runDuplicateDetection {
      ...DuplicateJobFields
    }
  }
  ${JOB_FIELDS}
`;

export const DUPLICATE_JOB_QUERY = gql<DuplicateDetectionJobQuery, DuplicateDetectionJobQueryVariables>`
  query DuplicateDetectionJob($id: ID!) {
    job(id: $id) {
      ...DuplicateJobFields
    }
  }
  ${JOB_FIELDS}
`;

export const CANCEL_DUPLICATE_JOB_MUTATION = gql<CancelDuplicateDetectionMutation, CancelDuplicateDetectionMutationVariables>`
  mutation CancelDuplicateDetection($id: ID!) {
    cancelJob(id: $id) {
      ...DuplicateJobFields
    }
  }
  ${JOB_FIELDS}
`;
