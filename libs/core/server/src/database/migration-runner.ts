import { DataSource } from 'typeorm';
import { protectAuditLog } from '../audit/audit-protection';
import { CoreAuditOwner1764800100000 } from '../audit/migrations/1764800100000-core-audit-owner';
import type { CoreMisModuleDefinition } from '../modules/module-definition';
import { watchDataChanges } from './data-change-signal';

const MIGRATION_LOCK = 7_314_159;

export interface MigrationOptions {
  /**
   * The application's database role when migrations run as another (DATABASE_MIGRATION_URL): it is
   * granted the use of every module's tables, but only SELECT and INSERT on the audit log (and
   * SELECT on the migration history).
   */
  applicationRole?: string;
}

/** Where migrations run: DATABASE_MIGRATION_URL when set (then granting DATABASE_URL's role its rights), else the application's own URL. */
export function migrationTarget(config: { DATABASE_MIGRATION_URL?: string }, databaseUrl: string): { url: string; options: MigrationOptions } {
  if (!config.DATABASE_MIGRATION_URL) return { url: databaseUrl, options: {} };
  return { url: config.DATABASE_MIGRATION_URL, options: { applicationRole: databaseRoleOf(databaseUrl) } };
}

/** The user name of a postgres:// URL (the application role), or undefined when it names none. */
export function databaseRoleOf(url: string): string | undefined {
  const name = decodeURIComponent(new URL(url).username);
  return name || undefined;
}

async function grantApplicationRole(db: DataSource, modules: readonly CoreMisModuleDefinition[], role: string): Promise<void> {
  const [{ me }] = await db.query(`SELECT current_user AS me`);
  if (me === role) return;
  const quoted = `"${role.replace(/"/g, '""')}"`;
  for (const { key } of modules) {
    await db.query(`GRANT USAGE ON SCHEMA "${key}" TO ${quoted}`);
    // what the migrating role owns (all of it, for a superuser): the audit log's are protectAuditLog's
    const objects: { name: string; kind: 'table' | 'sequence'; table: string }[] = await db.query(
      `SELECT format('%I.%I', schemaname, tablename) AS name, 'table' AS kind, tablename AS table
         FROM pg_tables WHERE schemaname = $1 AND pg_has_role(current_user, tableowner, 'USAGE')
       UNION ALL
       SELECT format('%I.%I', schemaname, sequencename), 'sequence', NULL
         FROM pg_sequences WHERE schemaname = $1 AND pg_has_role(current_user, sequenceowner, 'USAGE')`,
      [key],
    );
    const auditSequence = key === 'core' ? ((await db.query(`SELECT pg_get_serial_sequence('core.audit_log', 'id') AS seq`)) as { seq: string | null }[])[0]?.seq : null;
    for (const { name, kind, table } of objects) {
      if (kind === 'sequence') {
        if (name === auditSequence) await db.query(`GRANT USAGE ON SEQUENCE ${name} TO ${quoted}`);
        else await db.query(`GRANT USAGE, SELECT, UPDATE ON SEQUENCE ${name} TO ${quoted}`);
      } else if (key === 'core' && table === 'audit_log') {
        await db.query(`GRANT SELECT, INSERT ON ${name} TO ${quoted}`); // append only
      } else {
        await db.query(`GRANT ${table === 'migrations' ? 'SELECT' : 'SELECT, INSERT, UPDATE, DELETE'} ON ${name} TO ${quoted}`); // migration history: read only
      }
    }
    // functions that run as their owner are revoked from PUBLIC by their migrations and granted to this role alone
    // (the audit log's own are protectAuditLog's: owned by its role, not the migrating one)
    const definers: { signature: string }[] = await db.query(
      `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = $1 AND p.prosecdef AND p.prorettype <> 'trigger'::regtype AND pg_has_role(current_user, p.proowner, 'USAGE')`,
      [key],
    );
    for (const { signature } of definers) await db.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${quoted}`);
  }
}

/**
 * Runs each enabled module's migrations in dependency order. Every module owns a PostgreSQL schema
 * named after its key and keeps its own migrations table there, so a module's history never depends
 * on which other modules a deployment enables. An advisory lock lets several replicas start at once.
 */
export async function runMigrations(
  databaseUrl: string,
  modules: readonly CoreMisModuleDefinition[],
  log: (message: string) => void = () => undefined,
  options: MigrationOptions = {},
): Promise<string[]> {
  const admin = new DataSource({ type: 'postgres', url: databaseUrl });
  await admin.initialize();
  const executed: string[] = [];
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      for (const definition of modules) {
        // checked first: a role without CREATE on the database may run migrations once they are all applied
        const [schema] = await admin.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [definition.key]);
        if (!schema) await admin.query(`CREATE SCHEMA IF NOT EXISTS "${definition.key}"`);
        if (!definition.migrations.length) continue;
        const moduleSource = new DataSource({
          type: 'postgres',
          url: databaseUrl,
          schema: definition.key,
          migrationsTableName: 'migrations',
          migrations: [...definition.migrations] as never,
          migrationsTransactionMode: 'each',
        });
        await moduleSource.initialize();
        try {
          const ran = await moduleSource.runMigrations();
          for (const m of ran) {
            executed.push(`${definition.key}:${m.name}`);
            log(`migrated ${definition.key}: ${m.name}`);
          }
        } finally {
          await moduleSource.destroy();
        }
      }
      if (modules.some((m) => m.key === 'core')) await watchDataChanges(admin, modules.map((m) => m.key));
      if (options.applicationRole) await grantApplicationRole(admin, modules, options.applicationRole);
      // again at every start (idempotent), unless its migration just did it: see protectAuditLog
      if (modules.some((m) => m.key === 'core') && !executed.includes(`core:${CoreAuditOwner1764800100000.name}`)) {
        await admin.transaction((em) => protectAuditLog(em, options.applicationRole));
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await admin.destroy();
  }
  return executed;
}
