import { randomUUID } from 'node:crypto';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { startTestApi, type TestApi } from '@coremis/core/testing';

/**
 * Every HTTP route of the API with every module on, as an outsider calls it: no token, a forged token, a signed-looking
 * token of another system, and a signed-in user holding no permission. Whatever the route, the answer is a refusal
 * (4xx with a JSON body) or, for the few public routes, what they answer anyone; never a success on someone else's
 * data, never a server error. The route list is read from the running server, so a new route is probed the day it lands.
 */

interface Route {
  method: string;
  path: string;
}

/** Routes anyone may call, with what they may answer a stranger; everything else must refuse the callers below. */
const PUBLIC: Record<string, (status: number, text: string) => boolean> = {
  // liveness and readiness probes
  'GET /health/live': (status) => status === 200,
  'GET /health/ready': (status) => status === 200,
  // the USSD gateway's callback is public like the gateway; its protocol wants 200 and a session that ENDs, and a
  // stranger's session ends at once without a word about any programme or person
  'POST /api/intake/ussd/:programCode': (status, text) => status === 200 && /^END (Invalid request|This service is not available)\.$/.test(text),
};

/** Refusals and input errors an outsider may get; 2xx and 5xx are not among them. */
const REFUSED = new Set([400, 401, 403, 404, 405, 409, 413, 415, 422, 429]);

jest.setTimeout(180_000);

/** A route answering every method (`@All`) is probed with the ones clients send. */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function routesOf(app: TestApi['app']): Route[] {
  const instance = app.getHttpAdapter().getInstance() as { _router?: { stack: unknown[] }; router?: { stack: unknown[] } };
  const stack = (instance.router ?? instance._router)?.stack ?? [];
  const routes: Route[] = [];
  for (const layer of stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && METHODS.includes(method.toUpperCase())) routes.push({ method: method.toUpperCase(), path: layer.route.path });
  }
  return routes;
}

describe('the HTTP surface, probed from outside', () => {
  let api: TestApi;
  let routes: Route[];
  let plainToken: string;

  beforeAll(async () => {
    api = await startTestApi(MODULE_CATALOGUE, { DEMO_DATA: 'false' });
    expect((await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code: 'probe_nothing', name: 'nothing', permissions: [] } })).errors).toBeUndefined();
    await api.createUser('probe-plain', 'Probe-plain#2026-ok', 'probe_nothing', null);
    plainToken = (await api.login('probe-plain', 'Probe-plain#2026-ok')).accessToken;
    routes = routesOf(api.app).filter((r) => r.path !== '/graphql');
  });

  afterAll(() => api?.stop());

  const call = async (route: Route, authorization: string | null, query = '') => {
    // every path parameter gets an id nobody has; a body of the kind uploads and callbacks take
    const path = route.path.replace(/:[A-Za-z0-9_]+/g, () => randomUUID()) + query;
    const body = route.method === 'GET' || route.method === 'HEAD' ? undefined : '{"id":"x","amount":1}';
    const response = await fetch(`${api.url}${path}`, {
      method: route.method,
      headers: { 'content-type': 'application/json', 'accept-language': 'fr', ...(authorization ? { authorization } : {}) },
      body,
    });
    const text = await response.text();
    return { status: response.status, text };
  };

  it('finds the routes of every module', () => {
    const prefixes = new Set(routes.map((r) => r.path.split('/').slice(0, 3).join('/')));
    for (const prefix of ['/api/registry', '/api/geo', '/api/grm', '/api/payment', '/api/intake', '/api/targeting', '/api/exports']) expect(prefixes).toContain(prefix);
    expect(routes.length).toBeGreaterThan(20);
  });

  const callers: [string, () => string | null][] = [
    ['no token', () => null],
    ['a forged token', () => 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsInBlcm1pc3Npb25zIjpbIioiXX0.Zm9yZ2Vk'],
    ['a token with no signature', () => `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"admin"}').toString('base64url')}.`],
    ['a user holding no permission', () => `Bearer ${plainToken}`],
  ];

  for (const [who, authorization] of callers) {
    it(`refuses ${who} on every non-public route, never with a server error`, async () => {
      const answered: string[] = [];
      for (const route of routes) {
        const key = `${route.method} ${route.path}`;
        const { status, text } = await call(route, authorization());
        const publicAnswer = PUBLIC[key];
        if (publicAnswer) {
          if (!publicAnswer(status, text)) answered.push(`${key} (public) → ${status} ${text.slice(0, 120)}`);
          continue;
        }
        if (!REFUSED.has(status)) answered.push(`${key} → ${status} ${text.slice(0, 120)}`);
        else if (status !== 404 || text.startsWith('{')) expect(() => JSON.parse(text)).not.toThrow();
      }
      expect(answered).toEqual([]);
    });
  }

  it("answers an administrator's malformed calls (every query parameter repeated, unknown ids, a junk body) without a server error", async () => {
    // Express gives a repeated parameter as an array: code that expects a string must not fail on it
    const repeated = `?${['name', 'format', 'kind', 'lang', 'key', 'first', 'after', 'status'].map((p) => `${p}=a&${p}=b`).join('&')}`;
    const failed: string[] = [];
    for (const route of routes) {
      const { status, text } = await call(route, `Bearer ${api.adminToken}`, repeated);
      if (status >= 500) failed.push(`${route.method} ${route.path} → ${status} ${text.slice(0, 120)}`);
    }
    expect(failed).toEqual([]);
  });
});
