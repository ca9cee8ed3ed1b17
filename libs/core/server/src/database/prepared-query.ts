import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a fixed statement that is executed very often (once per request) as a named prepared
 * statement on the connection pool: PostgreSQL then plans it once per connection instead of on every
 * call, and for a short statement with a few subqueries planning costs more than running it. The
 * statement's name is derived from its text, so two texts never share a name.
 */
export async function preparedQuery<T>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  if (dataSource.options.type !== 'postgres' || typeof pool?.query !== 'function') return dataSource.query(text, values);
  let name = names.get(text);
  if (!name) {
    name = `coremis_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return (await pool.query({ name, text, values })).rows as T[];
}

const names = new Map<string, string>();
