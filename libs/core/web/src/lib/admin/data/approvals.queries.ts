import { gql } from 'apollo-angular';
import type {
  ApprovableOperationsQuery,
  ApprovableOperationsQueryVariables,
  ApprovalFlowsQuery,
  ApprovalFlowsQueryVariables,
  ApprovalInboxQuery,
  ApprovalInboxQueryVariables,
  ApproveOperationMutation,
  ApproveOperationMutationVariables,
  CancelPendingOperationMutation,
  CancelPendingOperationMutationVariables,
  MyPendingOperationsQuery,
  MyPendingOperationsQueryVariables,
  PendingOperationFieldsFragment,
  PendingOperationStatus,
  RejectOperationMutation,
  RejectOperationMutationVariables,
  SaveApprovalFlowMutation,
  SaveApprovalFlowMutationVariables,
} from '../../data/generated/graphql';

export type { ApprovalPolicy, PendingOperationStatus, SaveApprovalFlowInput } from '../../data/generated/graphql';

export const PENDING_OPERATION_STATUSES: readonly PendingOperationStatus[] = [
  'PENDING',
  'EXECUTING',
  'EXECUTED',
  'FAILED',
  'REJECTED',
  'CANCELLED',
];

/** `error`: why it failed (FAILED), in the interface language; `payload`: the stored request (JSON). */
export type PendingOperation = Omit<PendingOperationFieldsFragment, 'payload'> & {
  readonly payload: Readonly<Record<string, unknown>>;
};
export type ApprovalLevel = PendingOperationFieldsFragment['levels'][number];
export type ApprovalDecision = PendingOperationFieldsFragment['decisions'][number];
export type ApprovalFlow = ApprovalFlowsQuery['approvalFlows'][number];

const PENDING_OPERATION_FIELDS = gql`
  fragment PendingOperationFields on PendingOperation {
    id
    operation
    summary
    status
    currentLevel
    levels {
      roles
      policy
      required
    }
    decisions {
      id
      level
      decision
      comment
      decidedAt
      username
      roles
    }
    makerUsername
    createdAt
    updatedAt
    payload
    rejectReason
    error
  }
`;

export const APPROVAL_INBOX_QUERY = gql<ApprovalInboxQuery, ApprovalInboxQueryVariables>`
  query ApprovalInbox($first: Int!, $after: String) {
    approvalInbox(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...PendingOperationFields
        }
      }
    }
  }
  ${PENDING_OPERATION_FIELDS}
`;

export const MY_PENDING_OPERATIONS_QUERY = gql<MyPendingOperationsQuery, MyPendingOperationsQueryVariables>`
  query MyPendingOperations($first: Int!, $after: String, $status: PendingOperationStatus) {
    myPendingOperations(first: $first, after: $after, status: $status) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...PendingOperationFields
        }
      }
    }
  }
  ${PENDING_OPERATION_FIELDS}
`;

export const APPROVE_OPERATION_MUTATION = gql<ApproveOperationMutation, ApproveOperationMutationVariables>`
  mutation ApproveOperation($id: ID!, $comment: String) {
    approveOperation(id: $id, comment: $comment) {
      ...PendingOperationFields
    }
  }
  ${PENDING_OPERATION_FIELDS}
`;

export const REJECT_OPERATION_MUTATION = gql<RejectOperationMutation, RejectOperationMutationVariables>`
  mutation RejectOperation($id: ID!, $reason: String!) {
    rejectOperation(id: $id, reason: $reason) {
      ...PendingOperationFields
    }
  }
  ${PENDING_OPERATION_FIELDS}
`;

export const CANCEL_PENDING_OPERATION_MUTATION = gql<CancelPendingOperationMutation, CancelPendingOperationMutationVariables>`
  mutation CancelPendingOperation($id: ID!) {
    cancelPendingOperation(id: $id) {
      ...PendingOperationFields
    }
  }
  ${PENDING_OPERATION_FIELDS}
`;

export const APPROVAL_FLOWS_QUERY = gql<ApprovalFlowsQuery, ApprovalFlowsQueryVariables>`
  query ApprovalFlows {
    approvalFlows {
      id
      operation
      enabled
      levels {
        roles
        policy
        required
      }
      updatedAt
    }
  }
`;

export const APPROVABLE_OPERATIONS_QUERY = gql<ApprovableOperationsQuery, ApprovableOperationsQueryVariables>`
  query ApprovableOperations {
    approvableOperations
  }
`;

export const SAVE_APPROVAL_FLOW_MUTATION = gql<SaveApprovalFlowMutation, SaveApprovalFlowMutationVariables>`
  mutation SaveApprovalFlow($input: SaveApprovalFlowInput!) {
    saveApprovalFlow(input: $input) {
      id
      operation
      enabled
      levels {
        roles
        policy
        required
      }
      updatedAt
    }
  }
`;
