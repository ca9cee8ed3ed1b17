import type { RequestContextData } from '../context/request-context';
import { type AuditFields, storableText, toJsonValue } from './audit-hash';

/** Well-known actions; modules may record others (upper case, digits and `_`). */
export type AuditAction =
  | 'CREATE'
  | 'UPDATE'
  | 'DELETE'
  | 'SOFT_DELETE'
  | 'RESTORE'
  | 'IMPORT'
  | 'LOGIN'
  | 'LOGIN_FAILED'
  | 'LOGOUT'
  | 'ACCESS_DENIED'
  | 'APPROVE'
  | 'REJECT'
  | (string & {});

export interface FieldChange {
  before: unknown;
  after: unknown;
}

/** What a caller records; who, the request id and the client address default to the request context. */
export interface AuditEntryInput {
  action: AuditAction;
  entityType?: string | null;
  entityId?: string | null;
  /** Per changed field. */
  changes?: Record<string, FieldChange> | null;
  details?: Record<string, unknown> | null;
  userId?: string | null;
  username?: string | null;
  requestId?: string | null;
  ip?: string | null;
  /**
   * Area path of the record the entry is about: restricted auditors see only entries in their areas (entries
   * without one only unrestricted auditors see). Stored next to the hashed fields, not in the hash.
   */
  areaPath?: string | null;
}

/** An entry resolved against the request context and normalised to what is hashed and stored. */
export type PreparedAuditEntry = AuditFields & { areaPath: string | null };

/** One row of `core.audit_log` as read back. */
export interface AuditRecord extends AuditFields {
  id: string;
  occurredAt: Date;
}

export interface AuditEntityPeriod {
  entityId: string;
  from: Date;
  /** Null while the period is open. */
  to: Date | null;
}

export interface AuditSearchFilter {
  userId?: string | null;
  username?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  /** Any of these records (e.g. a household and its members, for a history page). */
  entityIds?: readonly string[] | null;
  /**
   * Records seen only during periods (e.g. a person while they belonged to a household), with a few
   * seconds' margin because a period's bounds and the audit rows of the same change are stamped
   * by different clocks. Combined with `entityIds` as "either".
   */
  entityPeriods?: readonly AuditEntityPeriod[] | null;
  action?: string | null;
  /** Inclusive. */
  from?: Date | null;
  /** Exclusive. */
  to?: Date | null;
  /**
   * The caller has already checked that the actor may see the records named by `entityId`/`entityIds`/`entityPeriods`
   * (a record's history page): their entries are shown whatever their area. Otherwise a restricted actor sees only
   * entries whose area path is within their areas.
   */
  recordsCheckedByCaller?: boolean;
}

export interface AuditVerificationResult {
  ok: boolean;
  checked: number;
  /** The first row whose hash or link to the previous row does not match. */
  firstBrokenId: string | null;
  /** The newest row checked and its hash: keep them outside the database to detect a rewritten chain or a cut tail. */
  lastId: string | null;
  lastHash: string | null;
  /** Anchors (exported chain heads) compared with the rows they name. */
  anchorsChecked: number;
  /** The first anchor whose row is gone or has another hash: the chain was cut or rewritten after it was exported. */
  failedAnchorId: string | null;
}

/** The head of the chain at one moment, exported outside the database (log line, file). */
export interface AuditAnchor {
  id: string;
  hash: string;
  occurredAt?: string;
  exportedAt?: string;
}

const ACTION = /^[A-Z][A-Z0-9_]{0,49}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resolves who acted (the entry's own user, else the request's actor), the request id and the
 * client address, and normalises every value to the JSON that is hashed and stored. Mistakes in
 * an entry are programming errors: they throw before anything is written.
 */
export function prepareAuditEntry(entry: AuditEntryInput, context: RequestContextData | undefined): PreparedAuditEntry {
  if (!ACTION.test(entry.action)) throw new Error(`Invalid audit action "${entry.action}": use upper case, digits and _ (at most 50)`);
  const actor = context?.actor ?? null;
  const explicitUser = entry.userId !== undefined || entry.username !== undefined;
  const userId = explicitUser ? (entry.userId ?? null) : (actor?.userId ?? null);
  if (userId !== null && !UUID.test(userId)) throw new Error(`Invalid audit user id "${userId}"`);
  const username = explicitUser ? (entry.username ?? (actor && userId && actor.userId === userId ? actor.username : null)) : (actor?.username ?? null);
  const entityType = entry.entityType ?? null;
  if (entityType !== null && entityType.length > 100) throw new Error(`Audit entity type too long: ${entityType}`);
  return {
    userId: userId?.toLowerCase() ?? null,
    username: text(username),
    action: entry.action,
    entityType: text(entityType),
    entityId: text(entry.entityId ?? null),
    changes: entry.changes ? (toJsonValue(entry.changes) ?? null) : null,
    details: entry.details ? (toJsonValue(entry.details) ?? null) : null,
    requestId: text(entry.requestId !== undefined ? entry.requestId : (context?.requestId ?? null)),
    ip: text(entry.ip !== undefined ? entry.ip : (context?.ip ?? null)),
    areaPath: entry.areaPath ? String(entry.areaPath) : null,
  };
}

function text(value: string | null): string | null {
  return value === null ? null : storableText(String(value));
}
