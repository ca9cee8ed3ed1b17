import { Client } from 'pg';
import { coreDefinition, RESPONSE_CACHE_HEADER } from '@coremis/core';
import { eventually, sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { registryDefinition } from './registry.definition';

// The API's response cache (docs/read-path.md) on the registry's pages, attacked as a client would:
// another caller's scope, another language, writes through the API, through SQL and in a transaction
// still open while the page is read, a revoked session, a role that loses its permission, and the
// notification connection killed under it.
const PASSWORD = 'Cache-scope#2026-ok';
const LIST = '{ households(first: 100) { edges { node { id code address area { code } } } } }';

describe('response cache', () => {
  let api: TestApi;
  let northToken: string;
  let northArea: { id: string; path: string };
  let lastContentType: string | null = null;

  const ask = async (query: string, token: string, lang = 'en', headers: Record<string, string> = {}) => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-lang': lang, ...headers },
      body: JSON.stringify({ query }),
    });
    lastContentType = response.headers.get('content-type');
    const body = (await response.json()) as { data?: { households: { edges: { node: { id: string; code: string; address: string | null; area: { code: string } } }[] } }; errors?: { extensions?: { code?: string } }[] };
    return { cache: response.headers.get(RESPONSE_CACHE_HEADER), body, nodes: body.data?.households?.edges.map((e) => e.node) ?? [] };
  };

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition], { DEMO_DATA: 'true' });
    [northArea] = await sql<{ id: string; path: string }>(api.databaseUrl, `SELECT id, path FROM geo.admin_area WHERE code = 'DL-01'`);
    const role = await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code: 'cache_north', name: 'North', permissions: ['geo.areas.view', 'registry.view'] } });
    expect(role.errors).toBeUndefined();
    await api.createUser('cache-north', PASSWORD, 'cache_north', [northArea.id]);
    northToken = (await api.login('cache-north', PASSWORD)).accessToken;
  }, 240_000);

  afterAll(() => api?.stop());

  it('answers the same page again from the cache, and only the same caller in the same language', async () => {
    const first = await ask(LIST, api.adminToken);
    expect(first.cache).toBe('MISS');
    const missType = lastContentType;
    const second = await ask(LIST, api.adminToken);
    expect(second.cache).toBe('HIT');
    expect(second.body).toEqual(first.body);
    expect(lastContentType).toBe(missType);
    // a client that prefers application/graphql-response+json gets GraphQL's own answer in that type
    const other = await ask(LIST, api.adminToken, 'en', { accept: 'application/graphql-response+json' });
    expect(other.cache).not.toBe('HIT');
    expect(lastContentType).toContain('application/graphql-response+json');
    expect(other.body).toEqual(first.body);
    expect(first.nodes.some((h) => !h.area.code.startsWith('DL-01'))).toBe(true);

    // the restricted officer asks the very same document: never the administrator's answer
    const north = await ask(LIST, northToken);
    expect(north.cache).toBe('MISS');
    expect(north.nodes.length).toBeGreaterThan(0);
    expect(north.nodes.every((h) => h.area.code.startsWith('DL-01'))).toBe(true);
    expect((await ask(LIST, northToken)).cache).toBe('HIT');
    expect((await ask(LIST, api.adminToken)).nodes).toEqual(first.nodes);

    // area names are translated: another language is another entry
    const names = '{ adminAreas(first: 5) { edges { node { code name } } } }';
    await ask(names, api.adminToken, 'en');
    expect((await ask(names, api.adminToken, 'fr')).cache).toBe('MISS');

    // operations not marked cacheable are never answered from it
    const me = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminToken}` }, body: JSON.stringify({ query: '{ me { username } }' }) });
    expect(me.headers.get(RESPONSE_CACHE_HEADER)).toBeNull();
  });

  it('sees a change made through the API, through SQL, and by a transaction that was open while the page was read', async () => {
    const before = await ask(LIST, api.adminToken);
    const target = before.nodes[0];
    const [{ version }] = await sql<{ version: number }>(api.databaseUrl, `SELECT version FROM registry.household WHERE id = $1`, [target.id]);
    const update = await api.graphql('mutation($input: UpdateHouseholdInput!) { updateHousehold(input: $input) { id address } }', { input: { id: target.id, version, address: 'Changed through the API' } });
    expect(update.errors).toBeUndefined();
    const afterMutation = await ask(LIST, api.adminToken);
    expect(afterMutation.cache).toBe('MISS');
    expect(afterMutation.nodes.find((h) => h.id === target.id)?.address).toBe('Changed through the API');
    expect((await ask(LIST, api.adminToken)).cache).toBe('HIT');

    // another process (a worker, another API replica) writes and commits before the next request
    await sql(api.databaseUrl, `UPDATE registry.household SET address = 'Changed by SQL' WHERE id = $1`, [target.id]);
    const afterSql = await ask(LIST, api.adminToken);
    expect(afterSql.cache).toBe('MISS');
    expect(afterSql.nodes.find((h) => h.id === target.id)?.address).toBe('Changed by SQL');

    // a transaction still open while the page is read (and stored) commits afterwards
    const writer = new Client({ connectionString: api.databaseUrl });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`UPDATE registry.household SET address = 'Changed in a long transaction' WHERE id = $1`, [target.id]);
      const during = await ask(LIST, api.adminToken);
      expect(during.nodes.find((h) => h.id === target.id)?.address).toBe('Changed by SQL');
      expect((await ask(LIST, api.adminToken)).cache).toBe('HIT');
      await writer.query('COMMIT');
    } finally {
      await writer.end();
    }
    await eventually(async () => ((await ask(LIST, api.adminToken)).nodes.find((h) => h.id === target.id)?.address === 'Changed in a long transaction' ? true : undefined), 5000, 50);
  });

  it('refuses a revoked session and a caller whose role lost the permission, even for a cached page', async () => {
    const { accessToken } = await api.login('cache-north', PASSWORD);
    await ask(LIST, accessToken);
    expect((await ask(LIST, accessToken)).cache).toBe('HIT');
    const out = await api.graphql('mutation { logout }', {}, { token: accessToken });
    expect(out.errors).toBeUndefined();
    const revoked = await ask(LIST, accessToken);
    expect(revoked.cache).toBeNull();
    expect(revoked.body.data).toBeFalsy();
    expect(revoked.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    await ask(LIST, northToken);
    expect((await ask(LIST, northToken)).cache).toBe('HIT');
    await sql(api.databaseUrl, `UPDATE core.role SET permissions = array_remove(permissions, 'registry.view') WHERE code = 'cache_north'`);
    try {
      const denied = await ask(LIST, northToken);
      expect(denied.body.data).toBeFalsy();
      expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await sql(api.databaseUrl, `UPDATE core.role SET permissions = array_append(permissions, 'registry.view') WHERE code = 'cache_north'`);
    }
  });

  it('serves nothing while the change notifications are lost, and again once they are back', async () => {
    await ask(LIST, api.adminToken);
    expect((await ask(LIST, api.adminToken)).cache).toBe('HIT');
    const killed = await sql<{ ok: boolean }>(api.databaseUrl, `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'coremis-data-change' AND datname = current_database()`);
    expect(killed.length).toBe(1);
    // the loss is noticed when the socket closes; from then on nothing is read from or written to the cache
    await eventually(async () => ((await ask(LIST, api.adminToken)).cache === null ? true : undefined), 5000, 5);
    await eventually(async () => ((await ask(LIST, api.adminToken)).cache === 'HIT' ? true : undefined), 15000, 100);
  });
});
