import { sign } from 'jsonwebtoken';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { sql, startTestApi, TEST_REDIS_URL, type TestApi } from '@coremis/core/testing';

/**
 * An outsider's probes of the REST routes of grievances (attachments, bulk-update uploads) and of the public
 * complaint form: each test fails if the hole it looks for is there.
 */
const JWT_SECRET = 'rest-probe-jwt-secret-0123456789-abcdef';
const PASSWORD = 'Rest-probe#2026-ok';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const CREATE = `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`;
const SUBMIT = `mutation($input: PublicComplaintInput!) { submitPublicComplaint(input: $input) { reference secret } }`;
const FOLLOW = `query($reference: String!, $secret: String!) { followGrmTicket(reference: $reference, secret: $secret) { reference status } }`;
const RANDOM_ID = '7d0c1f7e-3b7a-4c55-9a51-6f1c2b9e0d42';
const MALFORMED_IDS = ['abc', '1%20OR%201%3D1', '..%2F..%2Fetc%2Fpasswd', `${RANDOM_ID}x`, 'x'.repeat(2000), '%00', "'%3B--"];

jest.setTimeout(180_000);

describe('REST probes: grievance attachments, bulk-update uploads, the public form', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let northTicket: string;
  let southTicket: string;
  let southAttachment: string;
  let categoryId: string;
  let north: string;
  let receipt: { reference: string; secret: string };

  const bearer = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  const post = (path: string, body: Buffer | string, token: string | null, headers: Record<string, string> = {}) =>
    fetch(`${api.url}${path}`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'content-type': 'application/octet-stream', ...bearer(token), ...headers } });
  const get = (path: string, token: string | null) => fetch(`${api.url}${path}`, { headers: bearer(token) });
  const attachments = async () => (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM grm.ticket_attachment'))[0].n;
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string; sid: string };
  const submit = (description: string) => api.graphql<{ submitPublicComplaint: { reference: string; secret: string } }>(SUBMIT, { input: { categoryId, areaId: north, description } }, { token: null });

  beforeAll(async () => {
    api = await startTestApi(
      MODULE_CATALOGUE.filter((m) => ['core', 'geo', 'registry', 'grm'].includes(m.key)),
      { DEMO_DATA: 'true', JWT_SECRET, REDIS_URL: TEST_REDIS_URL },
    );
    const areas = await sql<{ id: string; code: string }>(api.databaseUrl, `SELECT id, code FROM geo.admin_area WHERE code IN ('DL-01', 'DL-02')`);
    north = areas.find((a) => a.code === 'DL-01')!.id;
    const south = areas.find((a) => a.code === 'DL-02')!.id;
    categoryId = (await api.graphql<{ saveGrmCategory: { id: string } }>('mutation($input: SaveCategoryInput!) { saveGrmCategory(input: $input) { id } }', { input: { code: 'PROBE', name: 'Probe' } })).data!.saveGrmCategory.id;
    const ticket = async (areaId: string) => (await api.graphql<{ createTicket: { id: string } }>(CREATE, { input: { channel: 'HOTLINE', reporterKind: 'ANONYMOUS', description: 'Probe', categoryId, areaId } })).data!.createTicket.id;
    [northTicket, southTicket] = [await ticket(north), await ticket(south)];
    const roles: Record<string, string[]> = { probe_manager: ['grm.view', 'grm.manage'], probe_viewer: ['grm.view'], probe_nobody: ['registry.view'], probe_bulk: ['grm.bulkUpdates.manage'] };
    for (const [code, permissions] of Object.entries(roles)) {
      expect((await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } })).errors).toBeUndefined();
    }
    const users: [string, string, string[] | null][] = [['north', 'probe_manager', [north]], ['viewer', 'probe_viewer', null], ['nobody', 'probe_nobody', null], ['bulk', 'probe_bulk', null]];
    for (const [username, role, areaIds] of users) {
      await api.createUser(`probe-${username}`, PASSWORD, role, areaIds);
      tokens[username] = (await api.login(`probe-${username}`, PASSWORD)).accessToken;
    }
    const saved = await post(`/api/grm/tickets/${southTicket}/attachments?name=south.png`, PNG, api.adminToken);
    expect(saved.status).toBe(201);
    southAttachment = ((await saved.json()) as { id: string }).id;
  });

  afterAll(() => api?.stop());

  describe('who may call', () => {
    const routes = () => [
      { method: 'POST', path: `/api/grm/tickets/${northTicket}/attachments?name=a.png` },
      { method: 'GET', path: `/api/grm/attachments/${southAttachment}` },
      { method: 'POST', path: '/api/grm/bulk-updates/uploads?name=a.csv' },
    ];
    const call = (route: { method: string; path: string }, headers: Record<string, string>) =>
      fetch(`${api.url}${route.path}`, { method: route.method, headers: { 'content-type': 'application/octet-stream', ...headers }, ...(route.method === 'POST' ? { body: new Uint8Array(PNG) } : {}) });

    it('answers 401 without a token and with forged, expired, foreign or revoked tokens, storing nothing', async () => {
      const { sub, sid } = claimsOf(tokens['north']);
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub, sid, typ: 'access', iss: 'coremis' })).toString('base64url')}.`;
      const login = await api.login('probe-north', PASSWORD);
      expect((await api.graphql('mutation { logout }', {}, { token: login.accessToken })).errors).toBeUndefined();
      const forged = {
        otherSignature: sign({ sub, sid, typ: 'access' }, 'another-secret-of-at-least-32-characters!', { issuer: 'coremis', expiresIn: 600 }),
        algNone: none,
        expired: sign({ sub, sid, typ: 'access', exp: Math.floor(Date.now() / 1000) - 60 }, JWT_SECRET, { issuer: 'coremis' }),
        otherIssuer: sign({ sub, sid, typ: 'access' }, JWT_SECRET, { issuer: 'someone-else', expiresIn: 600 }),
        challenge: sign({ sub, typ: 'two-factor' }, JWT_SECRET, { issuer: 'coremis', expiresIn: 600 }),
        unknownSession: sign({ sub, sid: RANDOM_ID, typ: 'access' }, JWT_SECRET, { issuer: 'coremis', expiresIn: 600 }),
        tamperedPayload: `${tokens['north'].split('.')[0]}.${Buffer.from(JSON.stringify({ ...claimsOf(tokens['north']), sub: claimsOf(api.adminToken).sub })).toString('base64url')}.${tokens['north'].split('.')[2]}`,
        revoked: login.accessToken,
        garbage: 'not-a-token',
      };
      const before = await attachments();
      for (const route of routes()) {
        const anonymous = await call(route, {});
        expect([route.path, anonymous.status]).toEqual([route.path, 401]);
        expect(((await anonymous.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
        for (const [kind, token] of Object.entries(forged)) {
          const res = await call(route, { authorization: `Bearer ${token}` });
          expect([route.path, kind, res.status]).toEqual([route.path, kind, 401]);
        }
      }
      expect(await attachments()).toBe(before);
    });

    it('answers 403 to a signed-in user without the route’s permission', async () => {
      expect((await post(`/api/grm/tickets/${northTicket}/attachments?name=a.png`, PNG, tokens['viewer'])).status).toBe(403);
      expect((await get(`/api/grm/attachments/${southAttachment}`, tokens['nobody'])).status).toBe(403);
      expect((await post('/api/grm/bulk-updates/uploads?name=a.csv', 'id,rooms\n1,2\n', tokens['viewer'])).status).toBe(403);
      expect((await post('/api/grm/bulk-updates/uploads?name=a.csv', 'id,rooms\n1,2\n', tokens['bulk'])).status).toBe(201);
    });
  });

  describe('records of another area, unknown and malformed ids', () => {
    it('hides another area’s ticket and attachment exactly as an unknown id', async () => {
      const foreignDownload = await get(`/api/grm/attachments/${southAttachment}`, tokens['north']);
      const unknownDownload = await get(`/api/grm/attachments/${RANDOM_ID}`, tokens['north']);
      expect([foreignDownload.status, unknownDownload.status]).toEqual([404, 404]);
      expect(await foreignDownload.json()).toEqual(await unknownDownload.json());
      const foreignUpload = await post(`/api/grm/tickets/${southTicket}/attachments?name=a.png`, PNG, tokens['north']);
      const unknownUpload = await post(`/api/grm/tickets/${RANDOM_ID}/attachments?name=a.png`, PNG, tokens['north']);
      expect([foreignUpload.status, unknownUpload.status]).toEqual([404, 404]);
      expect(await foreignUpload.json()).toEqual(await unknownUpload.json());
      // an attachment id is not a ticket id, and the other way round
      expect((await get(`/api/grm/attachments/${southTicket}`, api.adminToken)).status).toBe(404);
      expect((await post(`/api/grm/tickets/${southAttachment}/attachments?name=a.png`, PNG, api.adminToken)).status).toBe(404);
    });

    it('answers malformed ids with a 4xx, never a server error', async () => {
      for (const id of MALFORMED_IDS) {
        const download = await get(`/api/grm/attachments/${id}`, api.adminToken);
        expect([id, download.status >= 400 && download.status < 500]).toEqual([id, true]);
        const upload = await post(`/api/grm/tickets/${id}/attachments?name=a.png`, PNG, api.adminToken);
        expect([id, upload.status >= 400 && upload.status < 500]).toEqual([id, true]);
        const reporter = await post(`/api/grm/public/tickets/${id}/attachments?name=a.png`, PNG, null, { 'x-ticket-secret': 'AAAAAAAA' });
        expect([id, reporter.status]).toEqual([id, 404]);
      }
      // a malformed id is the caller's mistake, told in the caller's language (not Nest's English "Validation failed")
      const french = await fetch(`${api.url}/api/grm/attachments/pas-un-uuid`, { headers: { ...bearer(api.adminToken), 'accept-language': 'fr' } });
      expect(french.status).toBe(400);
      expect(await french.json()).toMatchObject({ statusCode: 400, code: 'BAD_USER_INPUT', message: 'L’identifiant « pas-un-uuid » n’est pas valide.' });
    });
  });

  describe('files', () => {
    it('recognises files by their bytes, not by their name or Content-Type', async () => {
      const path = `/api/grm/tickets/${northTicket}/attachments`;
      const disguised: [string, Buffer][] = [
        ['page.png', Buffer.from('<html><script>alert(document.cookie)</script></html>')],
        ['image.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
        ['scan.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])],
        ['archive.pdf', Buffer.from('504b0304140000000000', 'hex')],
        ['photo.jpg', Buffer.from('GIF89a\x01\x00\x01\x00')],
      ];
      const before = await attachments();
      for (const [name, body] of disguised) {
        const res = await post(`${path}?name=${encodeURIComponent(name)}`, body, tokens['north'], { 'content-type': 'image/png' });
        expect([name, res.status]).toEqual([name, 415]);
      }
      const large = await post(`${path}?name=big.png`, Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), tokens['north']);
      expect(large.status).toBe(413);
      expect(await attachments()).toBe(before);
      // the bulk update's file is text or a workbook: a photo named .csv is refused
      expect((await post('/api/grm/bulk-updates/uploads?name=rows.csv', PNG, tokens['bulk'])).status).toBe(415);
    });

    it('keeps path separators and control characters out of stored names and the download header', async () => {
      const names = ['../../../etc/passwd', '..\\..\\windows\\win.ini', 'a.png\r\nSet-Cookie: stolen=1', 'a.png"; filename*=UTF-8\'\'evil.html', 'é\u0000\u202e.png'];
      for (const name of names) {
        const res = await post(`/api/grm/tickets/${northTicket}/attachments?name=${encodeURIComponent(name)}`, PNG, api.adminToken);
        expect([name, res.status]).toEqual([name, 201]);
        const saved = (await res.json()) as { id: string; name: string };
        expect(saved.name).not.toMatch(/[/\\\r\n]/);
        expect(saved.name.includes(String.fromCharCode(0))).toBe(false);
        const download = await get(`/api/grm/attachments/${saved.id}`, api.adminToken);
        expect(download.status).toBe(200);
        expect(download.headers.get('set-cookie')).toBeNull();
        expect(download.headers.get('content-disposition')).toMatch(/^inline; filename="[A-Za-z0-9._-]+"$/);
        await sql(api.databaseUrl, 'DELETE FROM grm.ticket_attachment WHERE id = $1', [saved.id]);
      }
    });

    it('answers a repeated or odd ?name= with a 4xx or a safe stored name, never a server error', async () => {
      const queries = ['name=a.png&name=b.png', 'name[]=a.png', 'name[x]=a.png', `name=${'n'.repeat(5000)}.png`, 'name=..%2F..%2Fetc&name=passwd', 'name=a%0D%0ASet-Cookie%3A%20x%3D1&name=.png'];
      const receipt = (await submit('Probe: names')).data!.submitPublicComplaint;
      for (const query of queries) {
        const staff = await post(`/api/grm/tickets/${northTicket}/attachments?${query}`, PNG, api.adminToken);
        const reporter = await post(`/api/grm/public/tickets/${receipt.reference}/attachments?${query}`, PNG, null, { 'x-ticket-secret': receipt.secret });
        for (const res of [staff, reporter]) {
          expect([query, res.status < 500]).toEqual([query, true]);
          if (res.status !== 201) continue;
          const saved = (await res.json()) as { id: string; name: string };
          expect([query, saved.name]).toEqual([query, expect.not.stringMatching(/[/\\\r\n]/)]);
          await sql(api.databaseUrl, 'DELETE FROM grm.ticket_attachment WHERE id = $1', [saved.id]);
        }
        const bulk = await post(`/api/grm/bulk-updates/uploads?${query}`, 'id,rooms\n1,2\n', tokens['bulk']);
        expect([query, bulk.status < 500]).toEqual([query, true]);
        const registry = await post(`/api/registry/imports/uploads?${query}`, 'id,rooms\n1,2\n', api.adminToken);
        expect([query, registry.status < 500]).toEqual([query, true]);
      }
    });
  });

  describe('the public form', () => {
    it('gives no hint whether a reference exists: wrong secret and unknown reference look the same', async () => {
      receipt = (await submit('Probe: follow')).data!.submitPublicComplaint;
      const wrong = receipt.secret === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA';
      const wrongSecret = await api.graphql(FOLLOW, { reference: receipt.reference, secret: wrong }, { token: null });
      const unknown = await api.graphql(FOLLOW, { reference: 'GRM-ZZZZ-ZZ', secret: wrong }, { token: null });
      expect(wrongSecret).toEqual(unknown);
      expect(wrongSecret.data).toEqual({ followGrmTicket: null });
      const path = (reference: string) => `/api/grm/public/tickets/${reference}/attachments?name=a.png`;
      const wrongUpload = await post(path(receipt.reference), PNG, null, { 'x-ticket-secret': wrong });
      const unknownUpload = await post(path('GRM-ZZZZ-ZZ'), PNG, null, { 'x-ticket-secret': wrong });
      expect([wrongUpload.status, unknownUpload.status]).toEqual([404, 404]);
      const [wrongBody, unknownBody] = [await wrongUpload.json(), await unknownUpload.json()];
      expect(wrongBody).toEqual(unknownBody);
      // the REST error shape of every route
      expect(wrongBody).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', key: 'grm.errors.notFound' });
      // the secret travels in a header, never in the address
      const inAddress = await post(`${path(receipt.reference)}&secret=${receipt.secret}`, PNG, null);
      expect(inAddress.status).toBe(404);
      // refused before the service is asked, in the same words and shape
      expect(await inAddress.json()).toEqual(wrongBody);
    });

    // the limits of the public form per address and hour (submissions, follow-ups, reporters' attachments)
    const FORM_LIMIT = 10;
    const FOLLOW_LIMIT = 60;
    const ATTACHMENT_LIMIT = 20;
    const publicTickets = async () => (await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM grm.ticket WHERE channel = 'PUBLIC_FORM'`))[0].n;
    const refusedCode = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

    it('limits a burst of 100 submissions from one address, aliases and forged X-Forwarded-For included', async () => {
      const aliases = Array.from({ length: 12 }, (_, i) => `s${i}: submitPublicComplaint(input: $input) { reference }`).join(' ');
      await api.graphql(`mutation($input: PublicComplaintInput!) { ${aliases} }`, { input: { categoryId, areaId: north, description: 'Probe: aliases' } }, { token: null });
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          api.graphql(SUBMIT, { input: { categoryId, areaId: north, description: `Probe: burst ${i}` } }, { token: null, lang: 'pt', headers: { 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `198.51.100.${i}` } }),
        ),
      );
      expect(await publicTickets()).toBeLessThanOrEqual(FORM_LIMIT);
      const refused = results.filter((r) => refusedCode(r) === 'TOO_MANY_REQUESTS');
      expect(refused.length).toBeGreaterThanOrEqual(100 - FORM_LIMIT);
      expect(refused.length + results.filter((r) => !r.errors).length).toBe(100);
      expect(refused[0].errors![0].message).not.toMatch(/grm\.errors/);
    });

    it('limits guessing a secret on follow-ups, then refuses even the right one from that address', async () => {
      const guesses = await Promise.all(Array.from({ length: FOLLOW_LIMIT + 10 }, (_, i) => api.graphql(FOLLOW, { reference: receipt.reference, secret: `GUESS${String(i).padStart(3, '0')}` }, { token: null })));
      expect(guesses.filter((r) => refusedCode(r) === 'TOO_MANY_REQUESTS').length).toBeGreaterThanOrEqual(10);
      expect(guesses.every((r) => refusedCode(r) === 'TOO_MANY_REQUESTS' || (r.data as { followGrmTicket: unknown }).followGrmTicket === null)).toBe(true);
      expect(refusedCode(await api.graphql(FOLLOW, receipt, { token: null }))).toBe('TOO_MANY_REQUESTS');
    });

    it('answers 429 to a burst of reporter uploads with wrong secrets, storing nothing', async () => {
      const before = await attachments();
      // a wrong secret is refused before the body is read: an oversized upload gets 404, not 413
      const oversized = await post(`/api/grm/public/tickets/${receipt.reference}/attachments?name=a.png`, Buffer.alloc(6 * 1024 * 1024, 1), null, { 'x-ticket-secret': 'WRONGSECRET' });
      expect(oversized.status).toBe(404);
      const statuses: number[] = [];
      for (let i = 0; i < ATTACHMENT_LIMIT + 5; i++) statuses.push((await post(`/api/grm/public/tickets/${receipt.reference}/attachments?name=a.png`, PNG, null, { 'x-ticket-secret': `WRONG${i}` })).status);
      expect(statuses.filter((s) => s !== 404 && s !== 429)).toEqual([]);
      expect(statuses.at(-1)).toBe(429);
      const last = await post(`/api/grm/public/tickets/${receipt.reference}/attachments?name=a.png`, PNG, null, { 'x-ticket-secret': 'WRONG', 'accept-language': 'fr' });
      expect(last.status).toBe(429);
      expect(await last.json()).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
      // when to try again, in whole seconds (RFC 9110)
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await attachments()).toBe(before);
    });
  });
});
