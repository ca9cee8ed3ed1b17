import type { AuditAnchor, AuditVerificationResult, PreparedAuditEntry } from './audit-entry';
import { auditRowHash, type JsonValue } from './audit-hash';

/** Anything that runs SQL: a DataSource, an EntityManager, a QueryRunner. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Key of the transaction-scoped advisory lock that orders the chain. Every audited transaction takes
 * it just before it commits and keeps it until COMMIT, so audited commits are serialised (only
 * their last moments: the lock is taken when the entries are flushed, see AuditService).
 */
export const AUDIT_CHAIN_LOCK = 7_314_160;

export const DEFAULT_VERIFY_BATCH = 10_000;

const UTC_MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * Appends entries to the chain inside the caller's transaction and returns their ids.
 *
 * The advisory lock is taken in its own statement so that the next statement, which reads the
 * last hash, gets a snapshot taken after the lock was granted (READ COMMITTED): it sees the row of
 * the transaction that held the lock before. Under REPEATABLE READ or SERIALIZABLE the snapshot is
 * older than the lock, two transactions would chain onto the same row, so those are refused.
 */
export async function appendAuditRows(db: SqlRunner, entries: readonly PreparedAuditEntry[]): Promise<string[]> {
  if (!entries.length) return [];
  const [lock] = (await db.query(`SELECT pg_advisory_xact_lock($1::bigint) AS locked, current_setting('transaction_isolation') AS isolation`, [
    AUDIT_CHAIN_LOCK,
  ])) as { isolation: string }[];
  if (lock.isolation !== 'read committed') {
    throw new Error(`Audited writes need READ COMMITTED transactions (this one is ${lock.isolation}): the audit chain could fork otherwise`);
  }
  const [head] = (await db.query(
    `SELECT (SELECT hash FROM core.audit_log ORDER BY id DESC LIMIT 1) AS prev_hash,
            to_char(clock_timestamp() AT TIME ZONE 'UTC', ${UTC_MICROS}) AS occurred_at,
            ARRAY(SELECT nextval(pg_get_serial_sequence('core.audit_log', 'id')) FROM generate_series(1, $1::int))::text[] AS ids`,
    [entries.length],
  )) as { prev_hash: string | null; occurred_at: string; ids: string[] }[];
  const ids = [...head.ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  let prevHash = head.prev_hash;
  const rows = entries.map((entry, i) => {
    const content = { ...entry, id: ids[i], occurredAt: head.occurred_at };
    const hash = auditRowHash(prevHash, content);
    const row = { ...content, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await db.query(
    `INSERT INTO core.audit_log (id, occurred_at, user_id, username, action, entity_type, entity_id, changes, details, request_id, ip, prev_hash, hash, area_path)
     OVERRIDING SYSTEM VALUE
     SELECT r."id", r."occurredAt", r."userId", r."username", r."action", r."entityType", r."entityId", r."changes", r."details", r."requestId", r."ip", r."prevHash", r."hash", r."areaPath"
       FROM jsonb_to_recordset($1::jsonb) AS r("id" bigint, "occurredAt" timestamptz, "userId" uuid, "username" text, "action" varchar, "entityType" varchar,
            "entityId" text, "changes" jsonb, "details" jsonb, "requestId" text, "ip" text, "prevHash" text, "hash" text, "areaPath" text)
      ORDER BY r."id"`,
    [JSON.stringify(rows)],
  );
  return ids;
}

interface StoredRow {
  id: string;
  occurred_at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  changes: JsonValue;
  details: JsonValue;
  request_id: string | null;
  ip: string | null;
  prev_hash: string | null;
  hash: string;
}

/**
 * Recomputes the whole chain in id order, in batches read by keyset (constant memory, any size).
 * A row is broken when its hash does not match its content or when it does not point at the hash
 * of the row before it (a row edited, inserted, deleted or moved). The first row has no previous hash.
 */
export async function verifyAuditChain(
  db: SqlRunner,
  options: { batchSize?: number; onProgress?: (checked: number) => void; anchors?: readonly AuditAnchor[] } = {},
): Promise<AuditVerificationResult> {
  const chain = await verifyChainOnly(db, options);
  const anchors = options.anchors ?? [];
  const failedAnchorId = anchors.length ? await firstFailedAnchor(db, anchors) : null;
  return { ...chain, ok: chain.ok && !failedAnchorId, anchorsChecked: anchors.length, failedAnchorId };
}

/**
 * An intact chain proves that no row was changed or removed in the middle, not that the newest rows
 * are still there: anchors exported earlier must each still name a row with the same hash.
 */
async function firstFailedAnchor(db: SqlRunner, anchors: readonly AuditAnchor[]): Promise<string | null> {
  const ids = anchors.map((a) => a.id);
  const rows = (await db.query(`SELECT id::text AS id, hash FROM core.audit_log WHERE id = ANY($1::bigint[])`, [ids])) as { id: string; hash: string }[];
  const stored = new Map(rows.map((r) => [r.id, r.hash]));
  const sorted = [...anchors].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  return sorted.find((a) => stored.get(a.id) !== a.hash)?.id ?? null;
}

/** Parses anchors: JSON lines (as AUDIT_ANCHOR_FILE holds them) or one JSON object or array; throws on anything else. */
export function parseAuditAnchors(text: string): AuditAnchor[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const values: unknown[] = trimmed.startsWith('[') ? (JSON.parse(trimmed) as unknown[]) : trimmed.split(/\r?\n/).filter((l) => l.trim()).map((l) => JSON.parse(l));
  return values.map((value, i) => {
    const a = value as Partial<AuditAnchor>;
    if (typeof a?.id !== 'string' || !/^[1-9]\d{0,18}$/.test(a.id) || typeof a.hash !== 'string' || !/^[0-9a-f]{64}$/.test(a.hash)) {
      throw new Error(`anchor ${i + 1}: expected {"id": "<row id>", "hash": "<64 hex digits>"}`);
    }
    return { id: a.id, hash: a.hash, occurredAt: a.occurredAt, exportedAt: a.exportedAt };
  });
}

async function verifyChainOnly(
  db: SqlRunner,
  options: { batchSize?: number; onProgress?: (checked: number) => void },
): Promise<Omit<AuditVerificationResult, 'anchorsChecked' | 'failedAnchorId'>> {
  const batchSize = options.batchSize ?? DEFAULT_VERIFY_BATCH;
  let checked = 0;
  let lastId: string | null = null;
  let lastHash: string | null = null;
  for (;;) {
    const rows = (await db.query(
      `SELECT id::text AS id, to_char(occurred_at AT TIME ZONE 'UTC', ${UTC_MICROS}) AS occurred_at, user_id::text AS user_id, username, action,
              entity_type, entity_id, changes, details, request_id, ip, prev_hash, hash
         FROM core.audit_log WHERE audit_log.id > $1::bigint ORDER BY audit_log.id LIMIT $2`,
      [lastId ?? '0', batchSize],
    )) as StoredRow[];
    for (const row of rows) {
      checked++;
      const expected = auditRowHash(row.prev_hash, {
        id: row.id,
        occurredAt: row.occurred_at,
        userId: row.user_id,
        username: row.username,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        changes: row.changes,
        details: row.details,
        requestId: row.request_id,
        ip: row.ip,
      });
      if (row.prev_hash !== lastHash || row.hash !== expected) {
        return { ok: false, checked, firstBrokenId: row.id, lastId: row.id, lastHash: row.hash };
      }
      lastId = row.id;
      lastHash = row.hash;
    }
    options.onProgress?.(checked);
    if (rows.length < batchSize) return { ok: true, checked, firstBrokenId: null, lastId, lastHash };
  }
}
