import { gql } from 'apollo-angular';
import type {
  ApplyDataChangeRequestMutation,
  ApplyDataChangeRequestMutationVariables,
  ChangeableFieldsQuery,
  ChangeableFieldsQueryVariables,
  CreateDataChangeRequestMutation,
  CreateDataChangeRequestMutationVariables,
  DataChangeRequestFieldsFragment,
  DataChangeRequestQuery,
  DataChangeRequestQueryVariables,
  DataChangeRequestsQuery,
  DataChangeRequestsQueryVariables,
  DataChangeTargetsQuery,
  DataChangeTargetsQueryVariables,
  RejectDataChangeRequestMutation,
  RejectDataChangeRequestMutationVariables,
} from './generated/graphql';

export type DataChangeRequest = DataChangeRequestFieldsFragment;
export type ChangeableField = ChangeableFieldsQuery['changeableFields'][number];
export type DataChangeTargets = NonNullable<DataChangeTargetsQuery['household']>;
export type { ChangeRecordType, DataChangeStatus, DataChangeRequestFilter, CreateDataChangeRequestInput } from './generated/graphql';

const FIELDS = gql`
  fragment DataChangeRequestFields on DataChangeRequest {
    id
    recordType
    recordId
    recordLabel
    householdId
    recordVersion
    status
    reason
    ticketId
    requestedBy
    staleFields
    decisionNote
    decidedAt
    createdAt
    pendingOperationId
    changes {
      field
      oldValue
      newValue
    }
    approval {
      status
      currentLevel
      levels
      rejectReason
    }
  }
`;

export const DATA_CHANGE_LIST_QUERY = gql<DataChangeRequestsQuery, DataChangeRequestsQueryVariables>`
  query DataChangeRequests($first: Int!, $after: String, $filter: DataChangeRequestFilter) {
    dataChangeRequests(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...DataChangeRequestFields
        }
      }
    }
  }
  ${FIELDS}
`;

export const DATA_CHANGE_QUERY = gql<DataChangeRequestQuery, DataChangeRequestQueryVariables>`
  query DataChangeRequest($id: ID!) {
    dataChangeRequest(id: $id) {
      ...DataChangeRequestFields
    }
  }
  ${FIELDS}
`;

export const CHANGEABLE_FIELDS_QUERY = gql<ChangeableFieldsQuery, ChangeableFieldsQueryVariables>`
  query ChangeableFields($recordType: ChangeRecordType!) {
    changeableFields(recordType: $recordType) {
      key
      type
      options
      extra
    }
  }
`;

/** The household and its members, the records a change may be requested on from the household page. */
export const DATA_CHANGE_TARGETS_QUERY = gql<DataChangeTargetsQuery, DataChangeTargetsQueryVariables>`
  query DataChangeTargets($id: ID!) {
    household(id: $id) {
      id
      code
      members {
        id
        givenName
        familyName
      }
    }
  }
`;

export const CREATE_DATA_CHANGE_MUTATION = gql<CreateDataChangeRequestMutation, CreateDataChangeRequestMutationVariables>`
  mutation CreateDataChangeRequest($input: CreateDataChangeRequestInput!) {
    createDataChangeRequest(input: $input) {
      ...DataChangeRequestFields
    }
  }
  ${FIELDS}
`;

export const APPLY_DATA_CHANGE_MUTATION = gql<ApplyDataChangeRequestMutation, ApplyDataChangeRequestMutationVariables>`
  mutation ApplyDataChangeRequest($id: ID!) {
    applyDataChangeRequest(id: $id) {
      ...DataChangeRequestFields
    }
  }
  ${FIELDS}
`;

export const REJECT_DATA_CHANGE_MUTATION = gql<RejectDataChangeRequestMutation, RejectDataChangeRequestMutationVariables>`
  mutation RejectDataChangeRequest($input: RejectDataChangeRequestInput!) {
    rejectDataChangeRequest(input: $input) {
      ...DataChangeRequestFields
    }
  }
  ${FIELDS}
`;
