import { ADMINISTRATOR_ROLE, type ApiHandle, type CoreMisModuleDefinition, IdentitySeeder, JobService, startApi } from '@coremis/core';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApi extends ApiHandle {
  database: TestDatabase;
  /** POSTs a GraphQL operation as the test administrator (or `token`; `token: null` = anonymous); `lang` sets x-lang. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: GraphqlOptions): Promise<GraphqlResponse<T>>;
  /** Creates a user with one role (and optional area restriction by ids), without a forced password change. */
  createUser(username: string, password: string, role: string, areaIds?: string[] | null): Promise<void>;
  /** Logs in with a password only; returns the access and refresh tokens. */
  login(username: string, password: string): Promise<{ accessToken: string; refreshToken: string }>;
  adminToken: string;
  /** Waits until every in-process job dispatched so far has finished. */
  drainJobs(): Promise<void>;
  stop(): Promise<void>;
}

export interface GraphqlOptions {
  lang?: string;
  headers?: Record<string, string>;
  token?: string | null;
}

export const TEST_ADMIN = { username: 'test-admin', password: 'Test-admin#2026!' };

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
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        DATABASE_URL: database.url,
        WEB_DIST: '/nonexistent',
        HOST: '127.0.0.1',
        // test files run in parallel on one Redis, all signing in from 127.0.0.1: each API counts on its own
        RATE_LIMIT_KEY_PREFIX: `${database.name}:rate:`,
        // tests call full scans (integrity, audit verification) repeatedly: no cooldown unless a test asks for one
        COSTLY_OPERATION_COOLDOWN_SECONDS: '0',
        ...env,
      },
    });
    const seeder = handle.app.get(IdentitySeeder);
    const createUser = (username: string, password: string, role: string, areaIds: string[] | null = null) =>
      seeder.createUser({ username, password, displayName: username, role }, false, areaIds);
    const login = async (username: string, password: string) => {
      const result = await postGraphql<{ login: { status: string; accessToken: string; refreshToken: string } }>(
        handle.url,
        'mutation($input: LoginInput!) { login(input: $input) { status accessToken refreshToken } }',
        { input: { username, password } },
      );
      if (result.data?.login.status !== 'AUTHENTICATED') throw new Error(`login of ${username} failed: ${JSON.stringify(result)}`);
      return { accessToken: result.data.login.accessToken, refreshToken: result.data.login.refreshToken };
    };
    await createUser(TEST_ADMIN.username, TEST_ADMIN.password, ADMINISTRATOR_ROLE);
    const adminToken = (await login(TEST_ADMIN.username, TEST_ADMIN.password)).accessToken;
    return {
      ...handle,
      database,
      adminToken,
      createUser,
      login,
      graphql: (query, variables, options = {}) => postGraphql(handle.url, query, variables, { ...options, token: options.token === undefined ? adminToken : options.token }),
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
  options: GraphqlOptions = {},
): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.lang ? { 'x-lang': options.lang } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.headers ?? {}),
    },
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
