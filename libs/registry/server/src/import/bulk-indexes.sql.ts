import type { QueryRunner } from 'typeorm';

export type RegistryBulkTable = 'household' | 'individual' | 'membership' | 'individual_document';

export interface BulkIndexPolicy {
  /** Rows the batch writes (new rows, or rows an update rewrites). */
  rows: number;
  /** Fewer rows than this keep the indexes. */
  threshold: number;
  /** ...and so do fewer than this share of the first table's rows. */
  ratio: number;
  /** How long to wait for the tables' locks before keeping the indexes (readers are not held up behind a queued drop). */
  lockTimeoutMs?: number;
}

/**
 * A batch that writes a large share of a registry table (a first migration, an update of every person) is faster
 * without the table's secondary indexes, rebuilt once before the commit (sorted builds instead of one entry per row
 * and per index). Dropping an index locks its table until the commit, so readers wait for the batch: reserved to
 * batches above the policy's size and share, and given up (indexes kept, maintained row by row) when the lock is not
 * granted within `lockTimeoutMs`. The drop and the rebuild run as the tables' owner through `registry.bulk_indexes_drop`
 * and `registry.bulk_index_restore` (migrations 1797100000000 and 1797200000000); a deferred check refuses a commit
 * without the rebuild. Must run inside the batch's transaction; returns the names to pass to `restoreBulkIndexes`.
 */
export async function dropIndexesForBulk(runner: QueryRunner, tables: RegistryBulkTable[], policy: BulkIndexPolicy): Promise<string[]> {
  if (!tables.length || policy.rows < policy.threshold) return [];
  const [{ existing }] = (await runner.query(`SELECT greatest(reltuples, 0)::bigint AS existing FROM pg_class WHERE oid = $1::regclass`, [`registry.${tables[0]}`])) as {
    existing: string;
  }[];
  if (policy.rows < Number(existing) * policy.ratio) return [];
  const [{ previous }] = (await runner.query(`SELECT current_setting('lock_timeout') AS previous`)) as { previous: string }[];
  await runner.query(`SAVEPOINT bulk_indexes`);
  try {
    await runner.query(`SELECT set_config('lock_timeout', $1, true)`, [`${policy.lockTimeoutMs ?? Number(process.env['REGISTRY_BULK_INDEX_LOCK_TIMEOUT_MS'] ?? 5000)}ms`]);
    const dropped = (await runner.query(`SELECT registry.bulk_indexes_drop($1::text[]) AS name`, [tables])) as { name: string }[];
    await runner.query(`RELEASE SAVEPOINT bulk_indexes`);
    await runner.query(`SELECT set_config('lock_timeout', $1, true)`, [previous]);
    if (dropped.length) await runner.query(`SELECT set_config('maintenance_work_mem', '512MB', true)`);
    return dropped.map((d) => d.name);
  } catch (error) {
    if ((error as { code?: string }).code !== '55P03') throw error;
    // a long reader holds the table: keep the indexes rather than queue every other reader behind the drop
    await runner.query(`ROLLBACK TO SAVEPOINT bulk_indexes`);
    await runner.query(`RELEASE SAVEPOINT bulk_indexes`);
    return [];
  }
}

/** Columns the registry's own triggers rewrite when these change (the search forms of the names). */
const DERIVED: Record<string, string[]> = {
  given_name: ['given_norm', 'given_key'],
  family_name: ['family_norm', 'family_key'],
};

/**
 * Whether an `UPDATE` of these columns of a registry table can stay on each row's page (a heap-only tuple update, no
 * index entry written): none of the table's indexes names them or what the table's triggers derive from them (in its
 * key, an expression or its condition), and the table keeps room on its pages (`fillfactor` at most 50, migration
 * 1797600000000). Such an update gains nothing from dropping the indexes: it would only rebuild them.
 */
export async function updateStaysOnPage(runner: QueryRunner, table: RegistryBulkTable, columns: readonly string[]): Promise<boolean> {
  const written = new Set(columns.flatMap((c) => [c, ...(DERIVED[c] ?? [])]));
  const [{ fillfactor }] = (await runner.query(
    `SELECT coalesce((SELECT substr(o, 12)::int FROM unnest(reloptions) o WHERE o LIKE 'fillfactor=%'), 100) AS fillfactor FROM pg_class WHERE oid = $1::regclass`,
    [`registry.${table}`],
  )) as { fillfactor: number }[];
  if (fillfactor > 50) return false;
  // an index's definition names its key columns, its expressions and its condition
  const indexes = (await runner.query(`SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index WHERE indrelid = $1::regclass`, [`registry.${table}`])) as { definition: string }[];
  return !indexes.some((index) => [...written].some((column) => new RegExp(`\\b${column}\\b`).test(index.definition)));
}

/** Rebuilds what `dropIndexesForBulk` dropped, in the same transaction. */
export async function restoreBulkIndexes(runner: QueryRunner, names: readonly string[]): Promise<void> {
  for (const name of names) await runner.query(`SELECT registry.bulk_index_restore($1)`, [name]);
}
