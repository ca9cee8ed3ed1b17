import type { DataSource } from 'typeorm';

/** Channel of `core.signal_data_change()` (migration `1797000000000-core-data-change-signal`). */
export const DATA_CHANGE_CHANNEL = 'coremis_data_change';
const TRIGGER = 'coremis_data_change';

/**
 * Tables whose writes say nothing about what a page shows: sessions and refresh tokens (touched by
 * every signed-in request), the job table (progress every second), migration histories, and the
 * audit log (append-only under its own owner; an entity's audit entries are written in the same
 * transaction as the entity, whose table is watched).
 */
const UNWATCHED = new Set(['core.session', 'core.refresh_token', 'core.job', 'core.audit_log']);

/**
 * Puts the statement-level change trigger on every table of the enabled modules' schemas that lacks
 * it. Run after the migrations at every start, so a table created by any module's migration is
 * watched without that module knowing.
 */
export async function watchDataChanges(db: DataSource, schemas: readonly string[]): Promise<number> {
  const tables: { schema: string; name: string }[] = await db.query(
    `SELECT n.nspname AS schema, c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'migrations'
        AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = $2)`,
    [schemas, TRIGGER],
  );
  let added = 0;
  for (const { schema, name } of tables) {
    if (UNWATCHED.has(`${schema}.${name}`)) continue;
    await db.query(
      `CREATE TRIGGER ${TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${schema}"."${name.replace(/"/g, '""')}"
         FOR EACH STATEMENT EXECUTE FUNCTION core.signal_data_change()`,
    );
    added++;
  }
  return added;
}
