import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What an audit row says, apart from its position in the chain. */
export interface AuditFields {
  userId: string | null;
  username: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  changes: JsonValue;
  details: JsonValue;
  requestId: string | null;
  ip: string | null;
}

/** The columns of one audit row that the hash covers (everything except `prev_hash`, which prefixes it, and `hash`). */
export interface AuditRowContent extends AuditFields {
  id: string;
  /** UTC, microseconds: `2024-11-25T10:00:00.123456Z`, exactly as PostgreSQL formats it back. */
  occurredAt: string;
}

const MAX_DEPTH = 32;
// PostgreSQL text and jsonb refuse NUL and unpaired surrogates; one of those would abort the audited transaction.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(value: string): string {
  return value.replace(UNSTORABLE, '\uFFFD');
}

/**
 * Turns an entity value into the JSON that is both hashed and stored, so that reading it back from
 * jsonb gives the same canonical form: dates as ISO strings, bigints and non-finite numbers as
 * strings, binary as base64, functions and undefined dropped (undefined in arrays becomes null).
 */
export function toJsonValue(value: unknown, depth = 0, seen = new WeakSet<object>()): JsonValue | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return storableText(value);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (typeof value !== 'object') return String(value);
  if (seen.has(value) || depth >= MAX_DEPTH) return '[Circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => toJsonValue(v, depth + 1, seen) ?? null);
    const toJSON = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof toJSON === 'function') return toJsonValue(toJSON.call(value), depth + 1, seen);
    const entries: [string, JsonValue][] = [];
    for (const [key, v] of Object.entries(value)) {
      const json = toJsonValue(v, depth + 1, seen);
      if (json !== undefined) entries.push([storableText(key), json]);
    }
    // fromEntries defines own properties, so a "__proto__" key stays data
    return Object.fromEntries(entries);
  } finally {
    seen.delete(value);
  }
}

/**
 * `sha256(prev_hash + canonical JSON of the row's content)`, hex (the same canonical JSON as approval payloads:
 * for the JSON values `toJsonValue` produces it is the text the chain has always hashed). The first row has no previous hash ('').
 */
export function auditRowHash(prevHash: string | null, row: AuditRowContent): string {
  const content: JsonValue = {
    id: row.id,
    occurredAt: row.occurredAt,
    userId: row.userId,
    username: row.username,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    changes: row.changes,
    details: row.details,
    requestId: row.requestId,
    ip: row.ip,
  };
  return createHash('sha256')
    .update(prevHash ?? '')
    .update(canonicalJson(content))
    .digest('hex');
}
