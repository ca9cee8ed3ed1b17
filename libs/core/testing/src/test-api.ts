import { type ApiHandle, type CoreMisModuleDefinition, JobService, startApi } from '@coremis/core';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApi extends ApiHandle {
  database: TestDatabase;
  /** POSTs a GraphQL operation; `lang` sets the x-lang header. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: { lang?: string; headers?: Record<string, string> }): Promise<GraphqlResponse<T>>;
  /** Waits until every in-process job dispatched so far has finished. */
  drainJobs(): Promise<void>;
  stop(): Promise<void>;
}

export interface GraphqlResponse<T> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> & { code?: string; fieldErrors?: { field: string; message: string }[] } }[];
}

/** Boots the real API (migrations, GraphQL, jobs) on a fresh database and a free port. */
export async function startTestApi(catalogue: readonly CoreMisModuleDefinition[], env: Record<string, string | undefined> = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  try {
    const handle = await startApi({
      catalogue,
      port: 0,
      log: () => undefined,
      env: { NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATABASE_URL: database.url, WEB_DIST: '/nonexistent', HOST: '127.0.0.1', ...env },
    });
    return {
      ...handle,
      database,
      graphql: (query, variables, options) => postGraphql(handle.url, query, variables, options),
      drainJobs: () => handle.app.get(JobService).drain(),
      stop: async () => {
        await handle.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

export async function postGraphql<T>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { lang?: string; headers?: Record<string, string> } = {},
): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.lang ? { 'x-lang': options.lang } : {}), ...(options.headers ?? {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphqlResponse<T>;
  return { ...body, status: response.status };
}

/** Polls until `check` returns a value (not undefined) or the timeout passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
