import { createHash, type Hash } from 'node:crypto';
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
  const head = await lockChain(db, entries.length);
  return insertChained(db, entries, head);
}

interface ChainHead {
  prevHash: string | null;
  occurredAt: string;
  ids: string[];
}

/** The audit log's id sequence, looked up once per statement: looked up per row it cost 4.4 s per 1,000,000 entries. */
const AUDIT_SEQUENCE = `(SELECT pg_get_serial_sequence('core.audit_log', 'id'))::regclass`;

async function lockChain(db: SqlRunner, ids: number): Promise<ChainHead> {
  const [lock] = (await db.query(`SELECT pg_advisory_xact_lock($1::bigint) AS locked, current_setting('transaction_isolation') AS isolation`, [
    AUDIT_CHAIN_LOCK,
  ])) as { isolation: string }[];
  if (lock.isolation !== 'read committed') {
    throw new Error(`Audited writes need READ COMMITTED transactions (this one is ${lock.isolation}): the audit chain could fork otherwise`);
  }
  const [head] = (await db.query(
    `SELECT (SELECT hash FROM core.audit_log ORDER BY id DESC LIMIT 1) AS prev_hash,
            to_char(clock_timestamp() AT TIME ZONE 'UTC', ${UTC_MICROS}) AS occurred_at,
            ARRAY(SELECT nextval(${AUDIT_SEQUENCE}) FROM generate_series(1, $1::int))::text[] AS ids`,
    [ids],
  )) as { prev_hash: string | null; occurred_at: string; ids: string[] }[];
  return { prevHash: head.prev_hash, occurredAt: head.occurred_at, ids: [...head.ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)) };
}

async function insertChained(db: SqlRunner, entries: readonly PreparedAuditEntry[], head: ChainHead): Promise<string[]> {
  const ids = head.ids;
  let prevHash = head.prevHash;
  const rows = entries.map((entry, i) => {
    const content = { ...entry, id: ids[i], occurredAt: head.occurredAt };
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

/**
 * What a sealed row's hash covers: its content as PostgreSQL renders it (jsonb text is deterministic), so that the
 * database hashes a batch set-based and the verifier recomputes the same text from the stored columns.
 */
const sealedContentSql = (a: string) =>
  `jsonb_build_array('sealed', ${a}.id::text, to_char(${a}.occurred_at AT TIME ZONE 'UTC', ${UTC_MICROS}), ${a}.user_id::text, ${a}.username, ${a}.action,
                     ${a}.entity_type, ${a}.entity_id, ${a}.changes, ${a}.details, ${a}.request_id, ${a}.ip)::text`;

/** Where a seal entry keeps what it seals (in its hashed `details`). */
export const AUDIT_BATCH_KEY = 'auditBatch';

export interface AuditBatchSeal {
  count: number;
  firstId: string;
  lastId: string;
  /** sha256 of the sealed rows' hashes concatenated in id order, hex. */
  digest: string;
}

/** The rows of a set-based audit batch: SQL selecting `action, entity_type, entity_id, changes, details, area_path`. */
export interface AuditBatchSource {
  sql: string;
  params?: unknown[];
}

/**
 * Appends one entry per row of `source` (one statement, hashed inside PostgreSQL: a million rows never pass through
 * the API) and then `seal`, a chained entry whose details name the batch's first and last id, its size and the digest
 * of the batch's hashes. The batch rows are not chained one by one: each is hashed alone and marked `sealed`, and
 * the chain covers them through their seal, so a sealed row changed, removed or added breaks the verification at
 * its seal. Who, the request and the time are the seal's. Inside the caller's READ COMMITTED transaction.
 */
export async function appendSealedAuditRows(db: SqlRunner, source: AuditBatchSource, seal: PreparedAuditEntry): Promise<{ sealId: string; count: number }> {
  const head = await lockChain(db, 0);
  const params = [...(source.params ?? [])];
  const p = (value: unknown) => `$${params.push(value)}`;
  const [batch] = (await db.query(
    `WITH src AS (
       SELECT nextval(${AUDIT_SEQUENCE}) AS id, ${p(head.occurredAt)}::timestamptz AS occurred_at, ${p(seal.userId)}::uuid AS user_id,
              ${p(seal.username)}::text AS username, s.action::varchar AS action, s.entity_type::varchar AS entity_type, s.entity_id::text AS entity_id,
              s.changes::jsonb AS changes, s.details::jsonb AS details, ${p(seal.requestId)}::text AS request_id, ${p(seal.ip)}::text AS ip, s.area_path::text AS area_path
         FROM (${source.sql}) s),
     ins AS (
       INSERT INTO core.audit_log (id, occurred_at, user_id, username, action, entity_type, entity_id, changes, details, request_id, ip, prev_hash, hash, area_path, sealed)
       OVERRIDING SYSTEM VALUE
       SELECT r.id, r.occurred_at, r.user_id, r.username, r.action, r.entity_type, r.entity_id, r.changes, r.details, r.request_id, r.ip, NULL,
              encode(sha256(convert_to(${sealedContentSql('r')}, 'UTF8')), 'hex'), r.area_path, true
         FROM src r
       RETURNING id, hash)
     SELECT count(*)::int AS count, min(id)::text AS first_id, max(id)::text AS last_id,
            encode(sha256(convert_to(coalesce(string_agg(hash, '' ORDER BY id), ''), 'UTF8')), 'hex') AS digest
       FROM ins`,
    params,
  )) as { count: number; first_id: string | null; last_id: string | null; digest: string }[];
  const sealed: AuditBatchSeal | null = batch.count ? { count: batch.count, firstId: batch.first_id!, lastId: batch.last_id!, digest: batch.digest } : null;
  const details = { ...((seal.details as Record<string, JsonValue> | null) ?? {}), ...(sealed ? { [AUDIT_BATCH_KEY]: sealed as unknown as JsonValue } : {}) };
  const [{ id }] = (await db.query(`SELECT nextval(pg_get_serial_sequence('core.audit_log', 'id'))::text AS id`)) as { id: string }[];
  await insertChained(db, [{ ...seal, details }], { prevHash: head.prevHash, occurredAt: head.occurredAt, ids: [id] });
  return { sealId: id, count: batch.count };
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
  sealed: boolean;
  sealed_content: string | null;
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

/** A chained row seals exactly the sealed rows read before it (none when it names no batch). */
function sealMatches(details: JsonValue, batch: { count: number; firstId: string; lastId: string; digest: Hash } | null): boolean {
  const seal = details && typeof details === 'object' && !Array.isArray(details) ? (details[AUDIT_BATCH_KEY] as Partial<AuditBatchSeal> | undefined) : undefined;
  if (!seal) return !batch;
  return !!batch && seal.count === batch.count && seal.firstId === batch.firstId && seal.lastId === batch.lastId && seal.digest === batch.digest.copy().digest('hex');
}

async function verifyChainOnly(
  db: SqlRunner,
  options: { batchSize?: number; onProgress?: (checked: number) => void },
): Promise<Omit<AuditVerificationResult, 'anchorsChecked' | 'failedAnchorId'>> {
  const batchSize = options.batchSize ?? DEFAULT_VERIFY_BATCH;
  let checked = 0;
  let lastId: string | null = null;
  let lastHash: string | null = null;
  let cursor = '0';
  // the sealed rows read since the last chained row, waiting for their seal
  let batch: { count: number; firstId: string; lastId: string; digest: Hash } | null = null;
  const broken = (row: StoredRow) => ({ ok: false, checked, firstBrokenId: row.id, lastId: row.id, lastHash: row.hash });
  for (;;) {
    const rows = (await db.query(
      `SELECT a.id::text AS id, to_char(a.occurred_at AT TIME ZONE 'UTC', ${UTC_MICROS}) AS occurred_at, a.user_id::text AS user_id, a.username, a.action,
              a.entity_type, a.entity_id, a.changes, a.details, a.request_id, a.ip, a.prev_hash, a.hash, a.sealed,
              CASE WHEN a.sealed THEN ${sealedContentSql('a')} END AS sealed_content
         FROM core.audit_log a WHERE a.id > $1::bigint ORDER BY a.id LIMIT $2`,
      [cursor, batchSize],
    )) as StoredRow[];
    for (const row of rows) {
      checked++;
      if (row.sealed) {
        if (row.prev_hash !== null || row.hash !== createHash('sha256').update(row.sealed_content ?? '', 'utf8').digest('hex')) return broken(row);
        batch ??= { count: 0, firstId: row.id, lastId: row.id, digest: createHash('sha256') };
        batch.count++;
        batch.lastId = row.id;
        batch.digest.update(row.hash, 'utf8');
        continue;
      }
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
      if (row.prev_hash !== lastHash || row.hash !== expected || !sealMatches(row.details, batch)) return broken(row);
      batch = null;
      lastId = row.id;
      lastHash = row.hash;
    }
    options.onProgress?.(checked);
    if (rows.length < batchSize) {
      // sealed rows after the last seal: nothing in the chain vouches for them
      if (batch) return { ok: false, checked, firstBrokenId: batch.firstId, lastId, lastHash };
      return { ok: true, checked, firstBrokenId: null, lastId, lastHash };
    }
    cursor = rows[rows.length - 1].id;
  }
}
