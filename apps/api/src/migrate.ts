import 'reflect-metadata';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { loadConfig, migrationTarget, requestedModules, resolveModules, runMigrations } from '@coremis/core';

/** Runs the enabled modules' migrations against DATABASE_URL (as DATABASE_MIGRATION_URL's role when set) and exits (for deployment pipelines). */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required to run migrations');
  const modules = resolveModules(MODULE_CATALOGUE, requestedModules(config));
  const migration = migrationTarget(config, config.DATABASE_URL);
  const ran = await runMigrations(migration.url, modules, (m) => process.stdout.write(`${m}\n`), migration.options);
  process.stdout.write(`${ran.length} migration(s) applied\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.message ?? error}\n`);
  process.exit(1);
});
