import { gql } from 'apollo-angular';
import type {
  AuditLogQuery,
  AuditLogQueryVariables,
  VerifyAuditTrailQuery,
  VerifyAuditTrailQueryVariables,
} from '../../data/generated/graphql';

export type { AuditLogFilter } from '../../data/generated/graphql';

export interface AuditChange {
  readonly before?: unknown;
  readonly after?: unknown;
}

/** The JSON fields typed as the server writes them: `changes` per changed field, `details` free-form. */
export type AuditEntry = Omit<AuditLogQuery['auditLog']['edges'][number]['node'], 'changes' | 'details'> & {
  readonly changes: Readonly<Record<string, AuditChange>> | null;
  readonly details: Readonly<Record<string, unknown>> | null;
};

export type AuditVerification = VerifyAuditTrailQuery['verifyAuditTrail'];

export const AUDIT_LOG_QUERY = gql<AuditLogQuery, AuditLogQueryVariables>`
  query AuditLog($filter: AuditLogFilter, $first: Int!, $after: String, $order: SortDirection) {
    auditLog(filter: $filter, first: $first, after: $after, order: $order) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          occurredAt
          userId
          username
          action
          entityType
          entityId
          changes
          details
          requestId
          ip
        }
      }
    }
  }
`;

export const VERIFY_AUDIT_TRAIL_QUERY = gql<VerifyAuditTrailQuery, VerifyAuditTrailQueryVariables>`
  query VerifyAuditTrail {
    verifyAuditTrail {
      ok
      checked
      firstBrokenId
      failedAnchorId
      lastId
    }
  }
`;
