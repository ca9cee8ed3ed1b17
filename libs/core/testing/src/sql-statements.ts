import { Client } from 'pg';

/**
 * Records the text of every statement any pg client of this process sends (the pool's, TypeORM's query runners'),
 * for a test that counts a page's statements; `stop()` restores the driver. The statements still run.
 */
export function recordSqlStatements(): { statements: string[]; stop: () => void } {
  const query = Client.prototype.query;
  const statements: string[] = [];
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    if (text) statements.push(text);
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  return { statements, stop: () => void (Client.prototype.query = query) };
}
