// Regenerates apps/api/schema.gql (every module enabled) from the code-first resolvers.
import 'reflect-metadata';
import { resolve } from 'node:path';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { startApi } from '@coremis/core';
import { createTestDatabase } from '@coremis/core/testing';

async function main(): Promise<void> {
  const database = await createTestDatabase('coremis_schema');
  try {
    const api = await startApi({
      catalogue: MODULE_CATALOGUE,
      port: 0,
      log: () => undefined,
      schemaFile: resolve(__dirname, '../../apps/api/schema.gql'),
      env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, ENABLED_MODULES: 'all', WEB_DIST: '/nonexistent' },
    });
    await api.close();
    process.stdout.write('apps/api/schema.gql written\n');
  } finally {
    await database.drop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
