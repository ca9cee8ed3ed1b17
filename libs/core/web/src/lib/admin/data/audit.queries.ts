import { gql } from 'apollo-angular';
import { Connection } from './identity-admin.queries';

export interface AuditChange {
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface AuditEntry {
  readonly id: string;
  readonly occurredAt: string;
  readonly userId: string | null;
  readonly username: string | null;
  readonly action: string;
  readonly entityType: string | null;
  readonly entityId: string | null;
  /** Per changed field: { before, after }. */
  readonly changes: Readonly<Record<string, AuditChange>> | null;
  readonly details: Readonly<Record<string, unknown>> | null;
  readonly requestId: string | null;
  readonly ip: string | null;
}

export interface AuditLogFilter {
  readonly username?: string;
  readonly action?: string;
  readonly entityType?: string;
  readonly entityId?: string;
  /** ISO instants; `to` excluded. */
  readonly from?: string;
  readonly to?: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBrokenId: string | null;
  /** An exported anchor whose row is gone or changed (the newest rows were cut). */
  readonly failedAnchorId: string | null;
  readonly lastId: string | null;
}

export const AUDIT_LOG_QUERY = gql<
  { auditLog: Connection<AuditEntry> },
  { filter: AuditLogFilter; first: number; after: string | null }
>`
  query AuditLog($filter: AuditLogFilter, $first: Int!, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
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

export const VERIFY_AUDIT_TRAIL_QUERY = gql<{ verifyAuditTrail: AuditVerification }, Record<string, never>>`
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
