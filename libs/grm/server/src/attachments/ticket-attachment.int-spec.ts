import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { registryDefinition } from '@coremis/registry';
import { grmDefinition } from '../grm.definition';
import { MAX_ATTACHMENTS_PER_TICKET, MAX_REPORTER_ATTACHMENTS } from './ticket-attachment.service';

const PASSWORD = 'Attach-user#2026!';
const CATEGORY = `mutation($input: SaveCategoryInput!) { saveGrmCategory(input: $input) { id } }`;
const CREATE = `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`;
const SUBMIT = `mutation($input: PublicComplaintInput!) { submitPublicComplaint(input: $input) { reference secret } }`;
const ATTACHMENTS = `query($id: ID!) { ticket(id: $id) { attachments { id name contentType size fromReporter } } }`;
// the smallest real PNG (1x1) and a PDF header: what a phone or a scanner sends
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe('ticket attachments', () => {
  let api: TestApi;
  let north: string;
  let northTicket: string;
  let southTicket: string;
  let fraudTicket: string;
  const tokens: Record<string, string> = {};

  const areaId = async (code: string) =>
    (await api.graphql<{ adminAreas: { edges: { node: { id: string; code: string } }[] } }>('query($s: String) { adminAreas(first: 5, filter: { search: $s }) { edges { node { id code } } } }', { s: code })).data!.adminAreas.edges.find((e) => e.node.code === code)!.node.id;
  const ticket = async (categoryId: string, areaId: string) => (await api.graphql<{ createTicket: { id: string } }>(CREATE, { input: { channel: 'HOTLINE', reporterKind: 'ANONYMOUS', description: 'Not paid', categoryId, areaId } })).data!.createTicket.id;
  const upload = (path: string, body: Buffer, options: { token?: string | null; lang?: string; headers?: Record<string, string>; name?: string } = {}) =>
    fetch(`${api.url}${path}?name=${encodeURIComponent(options.name ?? 'receipt.png')}`, {
      method: 'POST',
      body: new Uint8Array(body),
      headers: { 'content-type': 'application/octet-stream', 'x-lang': options.lang ?? 'en', ...(options.token === null ? {} : { authorization: `Bearer ${options.token ?? api.adminToken}` }), ...options.headers },
    });
  const stored = async () => (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM grm.ticket_attachment'))[0].n;

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, grmDefinition], { DEMO_DATA: 'true' });
    north = await areaId('DL-01');
    const south = await areaId('DL-02');
    const general = (await api.graphql<{ saveGrmCategory: { id: string } }>(CATEGORY, { input: { code: 'PAYMENT', name: 'Payment not received' } })).data!.saveGrmCategory.id;
    const fraud = (await api.graphql<{ saveGrmCategory: { id: string } }>(CATEGORY, { input: { code: 'FRAUD', name: 'Fraud', sensitive: true } })).data!.saveGrmCategory.id;
    [northTicket, southTicket, fraudTicket] = [await ticket(general, north), await ticket(general, south), await ticket(fraud, north)];
    await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code: 'att_manager', name: 'att_manager', permissions: ['grm.view', 'grm.manage'] } });
    await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code: 'att_viewer', name: 'att_viewer', permissions: ['grm.view'] } });
    await api.createUser('att_north', PASSWORD, 'att_manager', [north]);
    await api.createUser('att_viewer', PASSWORD, 'att_viewer', null);
    tokens.north = (await api.login('att_north', PASSWORD)).accessToken;
    tokens.viewer = (await api.login('att_viewer', PASSWORD)).accessToken;
  });

  afterAll(() => api?.stop());

  it('stores a photo sent by staff, lists it on the ticket and sends the same bytes back, audited', async () => {
    const res = await upload(`/api/grm/tickets/${northTicket}/attachments`, PNG, { token: tokens.north });
    expect(res.status).toBe(201);
    const saved = (await res.json()) as { id: string; name: string; contentType: string; size: number };
    expect(saved).toMatchObject({ name: 'receipt.png', contentType: 'image/png', size: PNG.length });
    const listed = await api.graphql<{ ticket: { attachments: { id: string; fromReporter: boolean }[] } }>(ATTACHMENTS, { id: northTicket }, { token: tokens.viewer });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.ticket.attachments.map((a) => [a.id, a.fromReporter])).toEqual([[saved.id, false]]);
    const download = await fetch(`${api.url}/api/grm/attachments/${saved.id}`, { headers: { authorization: `Bearer ${tokens.viewer}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    const audit = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM core.audit_log WHERE entity_type = 'TicketAttachment' AND entity_id = $1`, [saved.id]);
    expect(audit[0].n).toBe(1);
  });

  it('refuses what is not a photo or a PDF, too large or empty, in the reader\'s language, storing nothing', async () => {
    const before = await stored();
    const html = await upload(`/api/grm/tickets/${northTicket}/attachments`, Buffer.from('<html><script>alert(1)</script></html>'), { lang: 'fr' });
    expect(html.status).toBe(415);
    expect(((await html.json()) as { message: string }).message).toContain('PDF');
    const large = await upload(`/api/grm/tickets/${northTicket}/attachments`, Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]), { lang: 'pt' });
    expect(large.status).toBe(413);
    expect(((await large.json()) as { message: string }).message).toContain('5 MB');
    expect((await upload(`/api/grm/tickets/${northTicket}/attachments`, Buffer.alloc(0))).status).toBe(422);
    expect(await stored()).toBe(before);
  });

  it('keeps attachments inside the ticket\'s scope: other areas, sensitive tickets, missing permission, anonymous', async () => {
    // a manager of the north does not see the south's ticket: not found, as if it did not exist
    expect((await upload(`/api/grm/tickets/${southTicket}/attachments`, PNG, { token: tokens.north })).status).toBe(404);
    // a viewer may read but not attach
    expect((await upload(`/api/grm/tickets/${northTicket}/attachments`, PNG, { token: tokens.viewer })).status).toBe(403);
    expect((await upload(`/api/grm/tickets/${northTicket}/attachments`, PNG, { token: null })).status).toBe(401);
    const secret = await upload(`/api/grm/tickets/${fraudTicket}/attachments`, PDF, { name: 'statement.pdf' });
    expect(secret.status).toBe(201);
    const { id } = (await secret.json()) as { id: string };
    // the viewer has no grm.sensitive.view: the sensitive ticket's file is not found
    expect((await fetch(`${api.url}/api/grm/attachments/${id}`, { headers: { authorization: `Bearer ${tokens.viewer}` } })).status).toBe(404);
    expect((await fetch(`${api.url}/api/grm/attachments/${id}`, { headers: { authorization: `Bearer ${api.adminToken}` } })).status).toBe(200);
  });

  it('lets the reporter attach with the receipt\'s reference and secret, a few files at most', async () => {
    const receipt = (await api.graphql<{ submitPublicComplaint: { reference: string; secret: string } }>(SUBMIT, { input: { categoryId: (await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM grm.category WHERE code = 'PAYMENT'`))[0].id, areaId: north, description: 'Never paid since June' } }, { token: null })).data!.submitPublicComplaint;
    const path = `/api/grm/public/tickets/${receipt.reference}/attachments`;
    expect((await upload(path, PNG, { token: null, headers: { 'x-ticket-secret': 'wrong-secret' } })).status).toBe(404);
    expect((await upload(path, PNG, { token: null })).status).toBe(404);
    for (let i = 0; i < MAX_REPORTER_ATTACHMENTS; i++) expect((await upload(path, PNG, { token: null, headers: { 'x-ticket-secret': receipt.secret } })).status).toBe(201);
    const extra = await upload(path, PNG, { token: null, lang: 'fr', headers: { 'x-ticket-secret': receipt.secret } });
    expect(extra.status).toBe(409);
    expect(((await extra.json()) as { message: string }).message).toContain(`${MAX_REPORTER_ATTACHMENTS} pièce(s)`);
    const [row] = await sql<{ n: number; reporter: number }>(api.databaseUrl, `SELECT count(*)::int AS n, count(*) FILTER (WHERE a.from_reporter)::int AS reporter FROM grm.ticket_attachment a JOIN grm.ticket t ON t.id = a.ticket_id WHERE t.reference = $1`, [receipt.reference]);
    expect(row).toEqual({ n: MAX_REPORTER_ATTACHMENTS, reporter: MAX_REPORTER_ATTACHMENTS });
  });

  it('caps the attachments of one ticket, even when uploads race', async () => {
    const current = (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM grm.ticket_attachment WHERE ticket_id = $1', [northTicket]))[0].n;
    const statuses = await Promise.all(Array.from({ length: MAX_ATTACHMENTS_PER_TICKET + 2 - current }, () => upload(`/api/grm/tickets/${northTicket}/attachments`, PNG).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(MAX_ATTACHMENTS_PER_TICKET - current);
    expect(statuses.filter((s) => s === 409)).toHaveLength(2);
    expect((await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM grm.ticket_attachment WHERE ticket_id = $1', [northTicket]))[0].n).toBe(MAX_ATTACHMENTS_PER_TICKET);
  });
});
