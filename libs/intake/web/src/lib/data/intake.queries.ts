import { gql } from 'apollo-angular';
import type {
  AcceptIntakeSubmissionMutation,
  AcceptIntakeSubmissionMutationVariables,
  ApplyIntakeRuleMutation,
  ApplyIntakeRuleMutationVariables,
  CorrectIntakeSubmissionMutation,
  CorrectIntakeSubmissionMutationVariables,
  CreateIntakeConnectorMutation,
  CreateIntakeConnectorMutationVariables,
  IntakeConnectorFieldsFragment,
  IntakeConnectorQuery,
  IntakeConnectorQueryVariables,
  IntakeConnectorsQuery,
  IntakeConnectorsQueryVariables,
  IntakePullJobQuery,
  IntakePullJobQueryVariables,
  IntakeSubmissionDetailQuery,
  IntakeSubmissionDetailQueryVariables,
  IntakeSubmissionFieldsFragment,
  IntakeSubmissionsQuery,
  IntakeSubmissionsQueryVariables,
  PreviewIntakeMappingQuery,
  PreviewIntakeMappingQueryVariables,
  PreviewIntakeRuleQuery,
  PreviewIntakeRuleQueryVariables,
  PullIntakeConnectorMutation,
  PullIntakeConnectorMutationVariables,
  RejectIntakeSubmissionMutation,
  RejectIntakeSubmissionMutationVariables,
  SaveIntakeMappingMutation,
  SaveIntakeMappingMutationVariables,
  UpdateIntakeConnectorMutation,
  UpdateIntakeConnectorMutationVariables,
} from './generated/graphql';

export type IntakeConnector = IntakeConnectorFieldsFragment;
export type IntakeSubmission = IntakeSubmissionFieldsFragment;
export type IntakeSubmissionDetail = NonNullable<IntakeSubmissionDetailQuery['intakeSubmission']>;
export type MappingPreview = PreviewIntakeMappingQuery['previewIntakeMapping'];
export type RulePreview = PreviewIntakeRuleQuery['previewIntakeRule'];
export type PullJob = NonNullable<IntakePullJobQuery['job']>;
export type {
  CleaningRuleInput,
  CreateConnectorInput,
  FormMappingInput,
  IntakeCleaningRuleKind,
  IntakeConnectorKind,
  IntakeSubmissionStatus,
  SubmissionFilter,
  UpdateConnectorInput,
} from './generated/graphql';

const CONNECTOR_FIELDS = gql`
  fragment IntakeConnectorFields on IntakeConnector {
    id
    code
    name
    kind
    serverUrl
    formId
    projectId
    username
    areaId
    mapping
    pullIntervalMinutes
    watermark
    lastJobId
    hasSecret
    version
  }
`;

export const CONNECTORS_QUERY = gql<IntakeConnectorsQuery, IntakeConnectorsQueryVariables>`
  query IntakeConnectors($first: Int!, $after: String, $filter: ConnectorFilter) {
    intakeConnectors(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...IntakeConnectorFields
        }
      }
    }
  }
  ${CONNECTOR_FIELDS}
`;

export const CONNECTOR_QUERY = gql<IntakeConnectorQuery, IntakeConnectorQueryVariables>`
  query IntakeConnector($id: ID!) {
    intakeConnector(id: $id) {
      ...IntakeConnectorFields
    }
  }
  ${CONNECTOR_FIELDS}
`;

export const CREATE_CONNECTOR = gql<CreateIntakeConnectorMutation, CreateIntakeConnectorMutationVariables>`
  mutation CreateIntakeConnector($input: CreateConnectorInput!) {
    createIntakeConnector(input: $input) {
      ...IntakeConnectorFields
    }
  }
  ${CONNECTOR_FIELDS}
`;

export const UPDATE_CONNECTOR = gql<UpdateIntakeConnectorMutation, UpdateIntakeConnectorMutationVariables>`
  mutation UpdateIntakeConnector($input: UpdateConnectorInput!) {
    updateIntakeConnector(input: $input) {
      ...IntakeConnectorFields
    }
  }
  ${CONNECTOR_FIELDS}
`;

export const SAVE_MAPPING = gql<SaveIntakeMappingMutation, SaveIntakeMappingMutationVariables>`
  mutation SaveIntakeMapping($input: SaveMappingInput!) {
    saveIntakeMapping(input: $input) {
      ...IntakeConnectorFields
    }
  }
  ${CONNECTOR_FIELDS}
`;

export const PREVIEW_MAPPING = gql<PreviewIntakeMappingQuery, PreviewIntakeMappingQueryVariables>`
  query PreviewIntakeMapping($input: PreviewMappingInput!) {
    previewIntakeMapping(input: $input) {
      paths
      repeatPaths
      rows {
        instanceId
        submittedAt
        data
        issues
      }
    }
  }
`;

export const PULL_CONNECTOR = gql<PullIntakeConnectorMutation, PullIntakeConnectorMutationVariables>`
  mutation PullIntakeConnector($id: ID!) {
    pullIntakeConnector(id: $id) {
      id
    }
  }
`;

export const PULL_JOB = gql<IntakePullJobQuery, IntakePullJobQueryVariables>`
  query IntakePullJob($id: ID!) {
    job(id: $id) {
      id
      status
      progress
      result
      errorMessage
      attempts
      startedAt
      finishedAt
    }
  }
`;

const SUBMISSION_FIELDS = gql`
  fragment IntakeSubmissionFields on IntakeSubmission {
    id
    source
    uuid
    status
    submittedAt
    data
    issues
    householdId
    programCode
    phone
    rejectReason
    editedAfterAccept
    version
  }
`;

export const SUBMISSIONS_QUERY = gql<IntakeSubmissionsQuery, IntakeSubmissionsQueryVariables>`
  query IntakeSubmissions($first: Int!, $after: String, $filter: SubmissionFilter) {
    intakeSubmissions(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...IntakeSubmissionFields
        }
      }
    }
  }
  ${SUBMISSION_FIELDS}
`;

export const SUBMISSION_DETAIL = gql<IntakeSubmissionDetailQuery, IntakeSubmissionDetailQueryVariables>`
  query IntakeSubmissionDetail($id: ID!) {
    intakeSubmission(id: $id) {
      ...IntakeSubmissionFields
      corrections {
        id
        field
        oldValue
        newValue
        rule
        correctedBy
        createdAt
      }
      attachments {
        id
        name
        contentType
        size
      }
      likelyDuplicates {
        member
        individualId
        visible
        givenName
        familyName
        birthDate
        householdCode
        score
        matchWeight
        matched
        contributions {
          field
          level
          weight
        }
      }
    }
  }
  ${SUBMISSION_FIELDS}
`;

export const CORRECT_SUBMISSION = gql<CorrectIntakeSubmissionMutation, CorrectIntakeSubmissionMutationVariables>`
  mutation CorrectIntakeSubmission($input: CorrectSubmissionInput!) {
    correctIntakeSubmission(input: $input) {
      ...IntakeSubmissionFields
    }
  }
  ${SUBMISSION_FIELDS}
`;

export const ACCEPT_SUBMISSION = gql<AcceptIntakeSubmissionMutation, AcceptIntakeSubmissionMutationVariables>`
  mutation AcceptIntakeSubmission($input: DecideSubmissionInput!) {
    acceptIntakeSubmission(input: $input) {
      ...IntakeSubmissionFields
    }
  }
  ${SUBMISSION_FIELDS}
`;

export const REJECT_SUBMISSION = gql<RejectIntakeSubmissionMutation, RejectIntakeSubmissionMutationVariables>`
  mutation RejectIntakeSubmission($input: RejectSubmissionInput!) {
    rejectIntakeSubmission(input: $input) {
      ...IntakeSubmissionFields
    }
  }
  ${SUBMISSION_FIELDS}
`;

export const PREVIEW_RULE = gql<PreviewIntakeRuleQuery, PreviewIntakeRuleQueryVariables>`
  query PreviewIntakeRule($input: CleaningRuleInput!) {
    previewIntakeRule(input: $input) {
      submissions
      fields
      sample {
        submissionId
        field
        oldValue
        newValue
      }
    }
  }
`;

export const APPLY_RULE = gql<ApplyIntakeRuleMutation, ApplyIntakeRuleMutationVariables>`
  mutation ApplyIntakeRule($input: CleaningRuleInput!) {
    applyIntakeRule(input: $input) {
      submissions
      fields
    }
  }
`;
