import { gql } from 'apollo-angular';
import { Connection } from './identity-admin.queries';

export type ApprovalPolicy = 'ANY' | 'ALL' | 'N';
export type PendingOperationStatus = 'PENDING' | 'EXECUTING' | 'EXECUTED' | 'FAILED' | 'REJECTED' | 'CANCELLED';
export const PENDING_OPERATION_STATUSES: readonly PendingOperationStatus[] = [
  'PENDING',
  'EXECUTING',
  'EXECUTED',
  'FAILED',
  'REJECTED',
  'CANCELLED',
];

export interface ApprovalLevel {
  /** Role codes. */
  readonly roles: readonly string[];
  readonly policy: ApprovalPolicy;
  readonly required: number | null;
}

export interface ApprovalDecision {
  readonly id: string;
  readonly level: number;
  readonly decision: 'APPROVE' | 'REJECT';
  readonly comment: string | null;
  readonly decidedAt: string;
  readonly username: string;
  readonly roles: readonly string[];
}

export interface PendingOperation {
  readonly id: string;
  readonly operation: string;
  readonly summary: string;
  readonly status: PendingOperationStatus;
  readonly currentLevel: number;
  readonly levels: readonly ApprovalLevel[];
  readonly decisions: readonly ApprovalDecision[];
  readonly makerUsername: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly rejectReason: string | null;
  /** Why it failed (FAILED), in the interface language. */
  readonly error: string | null;
}

export interface ApprovalFlow {
  readonly id: string;
  readonly operation: string;
  readonly enabled: boolean;
  readonly levels: readonly ApprovalLevel[];
  readonly updatedAt: string;
}

export interface SaveApprovalFlowInput {
  readonly operation: string;
  readonly enabled: boolean;
  readonly levels: readonly ApprovalLevel[];
}

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

export const APPROVAL_INBOX_QUERY = gql<{ approvalInbox: Connection<PendingOperation> }, { first: number; after: string | null }>`
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

export const MY_PENDING_OPERATIONS_QUERY = gql<
  { myPendingOperations: Connection<PendingOperation> },
  { first: number; after: string | null; status: PendingOperationStatus | null }
>`
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

export const APPROVE_OPERATION_MUTATION = gql<{ approveOperation: PendingOperation }, { id: string; comment: string | null }>`
  mutation ApproveOperation($id: ID!, $comment: String) {
    approveOperation(id: $id, comment: $comment) {
      ...PendingOperationFields
    }
  }
  ${PENDING_OPERATION_FIELDS}
`;

export const REJECT_OPERATION_MUTATION = gql<{ rejectOperation: PendingOperation }, { id: string; reason: string }>`
  mutation RejectOperation($id: ID!, $reason: String!) {
    rejectOperation(id: $id, reason: $reason) {
      ...PendingOperationFields
    }
  }
  ${PENDING_OPERATION_FIELDS}
`;

export const CANCEL_PENDING_OPERATION_MUTATION = gql<{ cancelPendingOperation: PendingOperation }, { id: string }>`
  mutation CancelPendingOperation($id: ID!) {
    cancelPendingOperation(id: $id) {
      ...PendingOperationFields
    }
  }
  ${PENDING_OPERATION_FIELDS}
`;

export const APPROVAL_FLOWS_QUERY = gql<{ approvalFlows: ApprovalFlow[] }, Record<string, never>>`
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

export const APPROVABLE_OPERATIONS_QUERY = gql<{ approvableOperations: string[] }, Record<string, never>>`
  query ApprovableOperations {
    approvableOperations
  }
`;

export const SAVE_APPROVAL_FLOW_MUTATION = gql<{ saveApprovalFlow: ApprovalFlow }, { input: SaveApprovalFlowInput }>`
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
