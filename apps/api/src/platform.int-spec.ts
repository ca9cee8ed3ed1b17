import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { ConfigError, IdentitySeeder, startApi } from '@coremis/core';
import { createTestDatabase, sql, startTestApi, type TestApi } from '@coremis/core/testing';

// CI runs this file twice: TEST_ENABLED_MODULES=core (the minimal set) and =all.
const ENABLED = process.env.TEST_ENABLED_MODULES ?? 'all';
const expectedModules = ENABLED === 'all' ? MODULE_CATALOGUE.map((m) => m.key) : ['core', ...ENABLED.split(',').filter((k) => k !== 'core')];

describe(`platform with ENABLED_MODULES=${ENABLED}`, () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(MODULE_CATALOGUE, { ENABLED_MODULES: ENABLED });
  });

  afterAll(() => api?.stop());

  it('migrates every enabled module from an empty database, each in its own schema', async () => {
    const rows = await sql<{ schema: string; name: string }>(
      api.databaseUrl,
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_name = 'migrations' ORDER BY 1`,
    );
    expect(rows.map((r) => r.schema).sort()).toEqual([...expectedModules].sort());
    for (const key of expectedModules) {
      const definition = MODULE_CATALOGUE.find((m) => m.key === key)!;
      const ran = await sql<{ name: string }>(api.databaseUrl, `SELECT name FROM "${key}".migrations`);
      expect(ran.map((r) => r.name)).toEqual(definition.migrations.map((m) => (m as unknown as { name: string }).name));
    }
  });

  it('tells the web app which modules and menus are enabled, in dependency order', async () => {
    const result = await api.graphql<{ enabledModules: { key: string; menu: { path: string }[] }[] }>('{ enabledModules { key dependsOn menu { path labelKey icon } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.enabledModules.map((m) => m.key)).toEqual(expectedModules);
  });

  it('grants the demo roles the permissions each enabled module names for them, and none of a disabled module', async () => {
    // the demo seeding of this API's enabled modules (a second API in this process would replace the first one's token keys)
    await api.app.get(IdentitySeeder).seedDemo(MODULE_CATALOGUE.filter((m) => expectedModules.includes(m.key)));
    const roles = await sql<{ code: string; permissions: string[] }>(api.databaseUrl, `SELECT code, permissions FROM core.role WHERE code IN ('programme_officer', 'district_officer') ORDER BY code`);
    expect(roles.map((r) => r.code)).toEqual(['district_officer', 'programme_officer']);
    for (const role of roles) {
      const held = new Set(role.permissions);
      for (const definition of MODULE_CATALOGUE) {
        const named = definition.permissions.filter((p) => p.demoRoles?.includes(role.code as 'programme_officer'));
        const enabled = expectedModules.includes(definition.key);
        for (const permission of named) expect([role.code, permission.code, held.has(permission.code)]).toEqual([role.code, permission.code, enabled]);
      }
    }
    if (expectedModules.includes('payment')) expect(roles.find((r) => r.code === 'programme_officer')!.permissions).toContain('payment.approve');
  }, 60_000);

  it('answers liveness and readiness (database up, jobs in-process without Redis)', async () => {
    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${api.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'up', redis: 'not configured (jobs run in-process)' } });
  });

  it('echoes a request id and accepts the caller’s own', async () => {
    const response = await fetch(`${api.url}/health/live`, { headers: { 'x-request-id': 'trace-123' } });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    const generated = await fetch(`${api.url}/health/live`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  describe('bad input gets a clear translated error', () => {
    it('unreadable JSON', async () => {
      const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-lang': 'fr' }, body: '{"query": "{ enabledModules { key } "' });
      const body = await response.json();
      expect(response.status).toBe(400);
      expect(body.errors[0].message).toBe('La requête est illisible. Vérifiez les données envoyées.');
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('a GraphQL syntax error', async () => {
      const result = await api.graphql('{ enabledModules { key ', {}, { lang: 'pt' });
      expect(result.errors![0].message).toBe('Não foi possível ler o pedido. Verifique os dados enviados.');
      expect(result.errors![0].extensions!.detail).toMatch(/Syntax Error/);
    });

    it('a variable of the wrong type', async () => {
      const result = await api.graphql('query($id: ID!) { job(id: $id) { id } }', { id: { not: 'an id' } }, { lang: 'fr' });
      expect(result.errors![0].message).toBe('Certaines valeurs de la requête manquent ou ont un type incorrect.');
      expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    });

    it('an id that is not a UUID', async () => {
      const result = await api.graphql('{ job(id: "42") { id } }');
      expect(result.errors![0].message).toBe('The identifier "42" is not valid.');
    });

    it('a query nested too deeply', async () => {
      const deep = '{ enabledModules { ' + 'menu { '.repeat(1) + 'path } } }';
      expect((await api.graphql(deep)).errors).toBeUndefined();
      const tooDeep = `{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } } } } }`;
      const result = await api.graphql(tooDeep, {}, { lang: 'fr' });
      expect(result.errors![0].message).toBe('La requête demande trop de niveaux imbriqués (au plus 15).');
    });

    it('a body larger than the limit', async () => {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ enabledModules { key } }', variables: { pad: 'x'.repeat(26 * 1024 * 1024) } }),
      });
      expect(response.status).toBe(413);
      expect((await response.json()).errors[0].message).toBe('The data sent is too large. Split it into smaller parts.');
    });
  });

  // last: a second API in this process replaces the first one's passport strategy
  it('is idempotent: restarting on a migrated database runs no migration again', async () => {
    const before = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM core.migrations`);
    const again = await startApi({ catalogue: MODULE_CATALOGUE, port: 0, log: () => undefined, env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: api.databaseUrl, ENABLED_MODULES: ENABLED, WEB_DIST: '/nonexistent' } });
    await again.close();
    const counts = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM core.migrations`);
    expect(counts[0].n).toBe(before[0].n);
  });
});

describe('module selection at start-up', () => {
  it('an unknown module name stops start-up with a clear message', async () => {
    await expect(startApi({ catalogue: MODULE_CATALOGUE, env: { NODE_ENV: 'test', ENABLED_MODULES: 'geo,payrol', DATABASE_URL: 'postgres://unused@127.0.0.1:1/x' } })).rejects.toThrow(
      new ConfigError(`Unknown module(s) in ENABLED_MODULES: payrol. Available modules: ${MODULE_CATALOGUE.map((m) => m.key).join(', ')}`),
    );
  });

  it('a missing dependency stops start-up before touching the database', async () => {
    const database = await createTestDatabase();
    try {
      const catalogue = [...MODULE_CATALOGUE, { ...MODULE_CATALOGUE[1], key: 'needsgeo', dependsOn: ['core', 'geo'] }];
      await expect(startApi({ catalogue, env: { NODE_ENV: 'test', ENABLED_MODULES: 'needsgeo', DATABASE_URL: database.url } })).rejects.toThrow(/Missing module dependencies: "needsgeo" needs "geo"/);
      const schemas = await sql(database.url, `SELECT 1 FROM information_schema.schemata WHERE schema_name = 'core'`);
      expect(schemas).toHaveLength(0);
    } finally {
      await database.drop();
    }
  });

  it('invalid configuration stops start-up listing the problem', async () => {
    await expect(startApi({ catalogue: MODULE_CATALOGUE, env: { DATABASE_URL: 'mysql://nope' } })).rejects.toThrow(/DATABASE_URL must look like postgres/);
  });

  it('refuses demo data in production and the development secrets with a real database, before touching it', async () => {
    const database = 'postgres://unused@127.0.0.1:1/x';
    const secrets = { JWT_SECRET: 'j'.repeat(32), ENCRYPTION_KEY: 'k'.repeat(32) };
    await expect(startApi({ catalogue: MODULE_CATALOGUE, env: { NODE_ENV: 'production', DATABASE_URL: database, DEMO_DATA: 'true', ...secrets } })).rejects.toThrow(/DEMO_DATA: demo data \(with published passwords\) is refused when NODE_ENV=production/);
    await expect(startApi({ catalogue: MODULE_CATALOGUE, env: { DATABASE_URL: database } })).rejects.toThrow(/JWT_SECRET: the development value is refused with a real DATABASE_URL/);
  });
});

describe('checked-in GraphQL schema', () => {
  it('matches the code (regenerate with `npx nx run api:schema`)', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join, resolve } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'schema-')), 'schema.gql');
    const database = await createTestDatabase();
    try {
      const api = await startApi({ catalogue: MODULE_CATALOGUE, port: 0, log: () => undefined, schemaFile: file, env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, ENABLED_MODULES: 'all', WEB_DIST: '/nonexistent' } });
      await api.close();
      expect(readFileSync(file, 'utf8')).toEqual(readFileSync(resolve(__dirname, '../schema.gql'), 'utf8'));
    } finally {
      await database.drop();
    }
  });
});
