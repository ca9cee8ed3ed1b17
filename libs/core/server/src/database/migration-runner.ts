import { DataSource } from 'typeorm';
import type { CoreMisModuleDefinition } from '../modules/module-definition';

const MIGRATION_LOCK = 7_314_159;

/**
 * Runs each enabled module's migrations in dependency order. Every module owns a PostgreSQL schema
 * named after its key and keeps its own migrations table there, so a module's history never depends
 * on which other modules a deployment enables. An advisory lock lets several replicas start at once.
 */
export async function runMigrations(
  databaseUrl: string,
  modules: readonly CoreMisModuleDefinition[],
  log: (message: string) => void = () => undefined,
): Promise<string[]> {
  const admin = new DataSource({ type: 'postgres', url: databaseUrl });
  await admin.initialize();
  const executed: string[] = [];
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      for (const definition of modules) {
        await admin.query(`CREATE SCHEMA IF NOT EXISTS "${definition.key}"`);
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
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await admin.destroy();
  }
  return executed;
}
