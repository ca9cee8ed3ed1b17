import { createHmac } from 'node:crypto';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { ADMINISTRATOR_ROLE } from '@coremis/core';
import { startTestApi, type TestApi } from '@coremis/core/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Limits of the GraphQL transport: HTTP statuses, costly operations, body sizes, page-size cost, lazy counts. */
describe('GraphQL transport limits', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(MODULE_CATALOGUE, { ENABLED_MODULES: 'all', COSTLY_OPERATION_COOLDOWN_SECONDS: '60' });
  });

  afterAll(() => api?.stop());

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions: { code: string } }[] } };
  };
  const asAdmin = () => ({ authorization: `Bearer ${api.adminToken}` });

  describe('client errors answer 400, never 500', () => {
    const cases: [string, unknown][] = [
      ['a syntax error', { query: '{ enabledModules { key ' }],
      ['an unknown field', { query: '{ nope }' }],
      ['a variable of the wrong type', { query: 'query($id: ID!) { job(id: $id) { id } }', variables: { id: { not: 'an id' } } }],
      ['a missing variable', { query: 'query($id: ID!) { job(id: $id) { id } }' }],
      ['a page size beyond 32 bits', { query: 'query($n: Int!) { users(first: $n) { totalCount } }', variables: { n: 2 ** 31 } }],
      ['a query nested too deeply', { query: `{ __schema { types { fields { type { ${'ofType { '.repeat(14)}name${' }'.repeat(14)} } } } } }` }],
      ['a query too costly', { query: `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: users(first: 500) { edges { node { id username } } }`).join(' ')} }` }],
      ['a NUL byte in a variable', { query: 'query($s: String) { users(search: $s) { totalCount } }', variables: { s: 'a\u0000b' } }],
      ['a lone surrogate in a variable', { query: 'query($s: String) { users(search: $s) { totalCount } }', variables: { s: 'a\ud800' } }],
      ['a NUL byte in the query text', { query: '{ users(search: "a\\u0000b") { totalCount } }' }],
      ['two costly operations', { query: '{ a: verifyAuditTrail { ok } b: verifyAuditTrail { ok } }' }],
      ['a batch', [{ query: '{ enabledModules { key } }' }]],
    ];
    it.each(cases)('%s', async (_name, body) => {
      const { status, body: answer } = await post(body, asAdmin());
      expect(status).toBe(400);
      expect(answer.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(answer.errors![0].message).not.toMatch(/^core\./);
    });

    it('a persisted query is not supported (200, as Apollo answers it so that clients fall back to the full query)', async () => {
      const { status, body } = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }, { ...asAdmin(), 'x-lang': 'pt' });
      expect(status).toBe(200);
      expect(body.errors![0].extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
      expect(body.errors![0].message).toBe('Este servidor não aceita consultas persistidas. Envie a consulta completa.');
    });

    it('an application error stays a 200 with the error in the body', async () => {
      const { status, body } = await post({ query: '{ job(id: "42") { id } }' }, asAdmin());
      expect(status).toBe(200);
      expect(body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('costly operations', () => {
    it('cannot be multiplied by aliases, fragments or combined with another one', async () => {
      for (const query of [
        '{ a: verifyAuditTrail { ok } b: verifyAuditTrail { ok } }',
        '{ ...F ...G } fragment F on Query { verifyAuditTrail { ok } } fragment G on Query { again: verifyAuditTrail { ok } }',
        '{ verifyAuditTrail { ok } registryIntegrity { danglingDocuments } }',
      ]) {
        const { status, body } = await post({ query }, { ...asAdmin(), 'x-lang': 'fr' });
        expect(status).toBe(400);
        expect(body.errors![0].message).toMatch(/^Ces contrôles parcourent toutes les données : lancez-en un seul à la fois/);
      }
    });

    it('run once per cooldown per user, answering a translated TOO_MANY_REQUESTS', async () => {
      const first = await post({ query: '{ registryIntegrity { danglingDocuments } }' }, asAdmin());
      expect(first.body.errors).toBeUndefined();
      const again = await post({ query: '{ registryIntegrity { danglingDocuments } }' }, { ...asAdmin(), 'x-lang': 'fr' });
      expect(again.body.errors![0].extensions.code).toBe('TOO_MANY_REQUESTS');
      expect(again.body.errors![0].message).toMatch(/^Cette opération vient d’être lancée\. Réessayez dans (59|60) secondes\.$/);
      // another operation, and another user, have their own slots
      expect((await post({ query: '{ verifyAuditTrail { ok } }' }, asAdmin())).body.errors).toBeUndefined();
      await api.createUser('second-admin', 'Second-admin#2026!', ADMINISTRATOR_ROLE);
      const { accessToken } = await api.login('second-admin', 'Second-admin#2026!');
      expect((await post({ query: '{ registryIntegrity { danglingDocuments } }' }, { authorization: `Bearer ${accessToken}` })).body.errors).toBeUndefined();
    });
  });

  describe('body limits', () => {
    const pad = (kb: number) => ({ query: '{ enabledModules { key } }', variables: { pad: 'x'.repeat(kb * 1024) } });

    it('anonymous bodies are limited to a few KB, with a translated 413', async () => {
      expect((await post(pad(4))).status).toBe(200);
      const tooLarge = await post(pad(9), { 'x-lang': 'fr' });
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.errors![0].message).toBe('Les données envoyées sont trop volumineuses. Découpez-les en parties plus petites.');
    });

    it('a forged or foreign token does not lift the anonymous limit', async () => {
      const [header, payload] = api.adminToken.split('.');
      const forged = `${header}.${payload}.${createHmac('sha256', 'not-the-secret').update(`${header}.${payload}`).digest('base64url')}`;
      expect((await post(pad(9), { authorization: `Bearer ${forged}` })).status).toBe(413);
      expect((await post(pad(9), { authorization: 'Bearer x' })).status).toBe(413);
    });

    it('signed-in bodies may reach GRAPHQL_MAX_BODY_KB, not more', async () => {
      expect((await post(pad(512), asAdmin())).status).toBe(200);
      expect((await post(pad(1100), asAdmin())).status).toBe(413);
    });
  });

  describe('complexity multiplies by the page size', () => {
    const households = (first: number) => `{ households(first: ${first}) { edges { node { id code members { id givenName documents { type number } } } } } }`;

    it('prices a page of households with their members and documents honestly', async () => {
      expect((await post({ query: households(50) }, asAdmin())).body.errors).toBeUndefined();
      const { status, body } = await post({ query: households(500) }, asAdmin());
      expect(status).toBe(400);
      expect(body.errors![0].message).toBe('The request asks for too much data at once. Ask for fewer items per page.');
      // the default page size counts when `first` is left out
      expect((await post({ query: `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: users { edges { node { id username displayName } } }`).join(' ')} }` }, asAdmin())).status).toBe(400);
    });
  });

  describe('totalCount', () => {
    async function statements(query: string): Promise<string[]> {
      const dataSource = api.app.get<DataSource>(getDataSourceToken());
      const seen: string[] = [];
      const logger = dataSource.logger;
      const original = logger.logQuery.bind(logger);
      logger.logQuery = (sql, parameters, runner) => {
        seen.push(sql);
        return original(sql, parameters, runner);
      };
      try {
        const { body } = await post({ query }, asAdmin());
        expect(body.errors).toBeUndefined();
      } finally {
        logger.logQuery = original;
      }
      return seen;
    }
    const counts = (sql: string[]) => sql.filter((s) => /count\s*\(/i.test(s) && !/core\.session|FROM\s+core\."?user_session/i.test(s));

    it.each([
      ['users', '{ users(first: 5) { edges { node { id } } pageInfo { hasNextPage } } }', '{ users(first: 5) { totalCount edges { node { id } } } }'],
      ['adminAreas', '{ adminAreas(first: 5) { edges { node { id } } } }', '{ adminAreas(first: 5) { totalCount } }'],
      ['households', '{ households(first: 5) { edges { node { id } } } }', '{ households(first: 5) { totalCount } }'],
      ['individuals', '{ individuals(first: 5) { edges { node { id } } } }', '{ individuals(first: 5) { totalCount } }'],
      ['auditLog', '{ auditLog(first: 5) { edges { node { id } } } }', '{ auditLog(first: 5) { totalCount } }'],
      ['duplicateCandidates', '{ duplicateCandidates(first: 5) { edges { node { id } } } }', '{ duplicateCandidates(first: 5) { totalCount } }'],
    ])('%s counts only when totalCount is asked for', async (_name, without, withCount) => {
      const base = counts(await statements(without));
      expect(base).toEqual([]);
      expect(counts(await statements(withCount))).toHaveLength(1);
    });
  });
});
