import { coreDefinition, ExportRegistry, RequestContext, RESPONSE_CACHE_HEADER } from '@coremis/core';
import { recordSqlStatements, sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { registryDefinition } from '@coremis/registry';
import { grmDefinition } from './grm.definition';
import { TicketService } from './ticket.service';

const FIELDS = 'id reference status sensitive areaId version reporterName description assigneeId duplicateOfId escalatedAt escalatedToRole resolution';
const LIST = `query($filter: TicketFilter) { tickets(first: 50, filter: $filter) { totalCount edges { node { ${FIELDS} } } } }`;
const GET = `query($id: ID!) { ticket(id: $id) { ${FIELDS} events { kind fromStatus toStatus body internal } } }`;
const CREATE = `mutation($input: CreateTicketInput!) { createTicket(input: $input) { ${FIELDS} } }`;
const TRANSITION = `mutation($input: TransitionTicketInput!) { transitionTicket(input: $input) { ${FIELDS} } }`;
const CATEGORY = `mutation($input: SaveCategoryInput!) { saveGrmCategory(input: $input) { id code sensitive } }`;
const SUBMIT = `mutation($input: PublicComplaintInput!) { submitPublicComplaint(input: $input) { reference secret } }`;
const FOLLOW = `query($reference: String!, $secret: String!) { followGrmTicket(reference: $reference, secret: $secret) { reference status resolution messages { body } } }`;
const PASSWORD = 'Scoped-user#2026!';

interface Row {
  id: string;
  reference: string;
  status: string;
  sensitive: boolean;
  version: number;
  reporterName: string | null;
  description: string;
  assigneeId: string | null;
  duplicateOfId: string | null;
  escalatedAt: string | null;
  escalatedToRole: string | null;
  resolution: string | null;
}
type ListResult = { tickets: { totalCount: number; edges: { node: Row }[] } };

describe('grm tickets', () => {
  let api: TestApi;
  let north: string;
  let south: string;
  let general: string;
  let fraud: string;
  let viewerToken: string;
  let sensitiveToken: string;
  let managerToken: string;

  const areaId = async (code: string) => {
    const result = await api.graphql<{ adminAreas: { edges: { node: { id: string; code: string } }[] } }>(
      'query($s: String) { adminAreas(first: 5, filter: { search: $s }) { edges { node { id code } } } }',
      { s: code },
    );
    return result.data!.adminAreas.edges.find((edge) => edge.node.code === code)!.node.id;
  };
  const role = async (code: string, permissions: string[]) => {
    const saved = await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } });
    expect(saved.errors).toBeUndefined();
  };
  const create = async (input: Record<string, unknown>, token?: string) => {
    const created = await api.graphql<{ createTicket: Row }>(CREATE, { input: { channel: 'HOTLINE', reporterKind: 'REGISTERED_PERSON', description: 'Not paid', ...input } }, token ? { token } : {});
    expect(created.errors).toBeUndefined();
    return created.data!.createTicket;
  };
  const count = async () => (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM grm.ticket'))[0].n;

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, grmDefinition], { DEMO_DATA: 'true' });
    [north, south] = [await areaId('DL-01'), await areaId('DL-02')];
    await role('grm_supervisor', ['grm.view', 'grm.manage']);
    general = (await api.graphql<{ saveGrmCategory: { id: string } }>(CATEGORY, { input: { code: 'PAYMENT', name: 'Payment not received', resolutionDays: 7, supervisorRole: 'grm_supervisor' } })).data!.saveGrmCategory.id;
    fraud = (await api.graphql<{ saveGrmCategory: { id: string } }>(CATEGORY, { input: { code: 'FRAUD', name: 'Fraud', sensitive: true } })).data!.saveGrmCategory.id;
    await role('grm_viewer', ['grm.view']);
    await role('grm_sensitive', ['grm.view', 'grm.sensitive.view']);
    await role('grm_manager', ['grm.view', 'grm.manage']);
    await api.createUser('viewer', PASSWORD, 'grm_viewer', null);
    await api.createUser('sensitive', PASSWORD, 'grm_sensitive', null);
    await api.createUser('manager', PASSWORD, 'grm_manager', [north]);
    viewerToken = (await api.login('viewer', PASSWORD)).accessToken;
    sensitiveToken = (await api.login('sensitive', PASSWORD)).accessToken;
    managerToken = (await api.login('manager', PASSWORD)).accessToken;
    await create({ categoryId: general, areaId: north, reporterPhone: '+258 84 000 0001', reporterName: 'Ana' });
    await create({ categoryId: general, areaId: south });
    await create({ categoryId: fraud, areaId: north, description: 'Officer asked for money', reporterName: 'Hidden', hideIdentity: true });
  });

  afterAll(() => api?.stop());

  it("reads a list page's categories and events in one statement each, with each ticket's own", async () => {
    const { statements: sent, stop } = recordSqlStatements();
    try {
      const page = await api.graphql<{ tickets: { edges: { node: { id: string; categoryId: string; category: { id: string; code: string } | null; events: { kind: string; body: string | null }[] } }[] } }>(
        '{ tickets(first: 50) { edges { node { id categoryId category { id code } events { kind body } } } } }',
      );
      expect(page.errors).toBeUndefined();
      const nodes = page.data!.tickets.edges.map((e) => e.node);
      expect(nodes.length).toBeGreaterThan(1);
      expect(nodes.every((n) => n.category?.id === n.categoryId)).toBe(true);
      const codes = new Map((await sql<{ id: string; code: string }>(api.databaseUrl, 'SELECT id, code FROM grm.category')).map((c) => [c.id, c.code]));
      expect(nodes.every((n) => n.category!.code === codes.get(n.categoryId))).toBe(true);
      expect(sent.filter((t) => t.includes('FROM "grm"."category"'))).toHaveLength(1);
      expect(sent.filter((t) => t.includes('FROM "grm"."ticket_event"'))).toHaveLength(1);
      // each ticket's own events, in the order its detail gives them
      for (const node of nodes.slice(0, 3)) {
        const detail = await api.graphql<{ ticket: { events: { kind: string; body: string | null }[] } }>('query($id: ID!) { ticket(id: $id) { events { kind body } } }', { id: node.id });
        expect(node.events).toEqual(detail.data!.ticket.events);
      }
      expect(nodes.some((n) => n.events.length > 0)).toBe(true);
    } finally {
      stop();
    }
  });

  it('refuses a supervisor role that does not exist and a category placed under itself or a sub-category, naming the field', async () => {
    const save = (input: Record<string, unknown>) => api.graphql<{ saveGrmCategory: { id: string } }>(CATEGORY, { input }, { lang: 'fr' });
    const noRole = await save({ code: 'NO-ROLE', name: 'No role', supervisorRole: 'nonexistent_role' });
    expect(noRole.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(noRole.errors![0].extensions!.fieldErrors![0]).toMatchObject({ field: 'supervisorRole', message: 'Aucun rôle n’a le code « nonexistent_role ».' });
    const sub = await save({ code: 'SUB', name: 'Sub', parentId: general });
    expect(sub.errors).toBeUndefined();
    const under = await save({ code: 'SUB-SUB', name: 'Sub sub', parentId: sub.data!.saveGrmCategory.id });
    expect(under.errors![0].extensions!.fieldErrors![0]).toMatchObject({ field: 'parentId', message: 'Une catégorie ne peut être placée que sous une autre catégorie de premier niveau.' });
    const itself = await save({ id: general, code: 'PAYMENT', name: 'Payment not received', resolutionDays: 7, supervisorRole: 'grm_supervisor', parentId: general });
    expect(itself.errors![0].extensions!.fieldErrors![0].field).toBe('parentId');
    expect(await sql(api.databaseUrl, `SELECT 1 FROM grm.category WHERE code IN ('NO-ROLE', 'SUB-SUB')`)).toHaveLength(0);
  });

  it('hides sensitive tickets without the permission in lists, counts, search, detail and export', async () => {
    const hidden = await api.graphql<ListResult>(LIST, {}, { token: viewerToken });
    expect(hidden.data!.tickets.totalCount).toBe(2);
    expect(hidden.data!.tickets.edges.every((e) => !e.node.sensitive)).toBe(true);
    const searched = await api.graphql<ListResult>(LIST, { filter: { search: 'money' } }, { token: viewerToken });
    expect(searched.data!.tickets.totalCount).toBe(0);
    const shown = await api.graphql<ListResult>(LIST, { filter: { search: 'money' } }, { token: sensitiveToken });
    expect(shown.data!.tickets.totalCount).toBe(1);
    // the reporter asked to hide their identity: even the sensitive role does not see it without grm.identity.view
    expect(shown.data!.tickets.edges[0].node.reporterName).toBeNull();
    const detail = await api.graphql<{ ticket: Row | null }>(GET, { id: shown.data!.tickets.edges[0].node.id }, { token: viewerToken });
    expect(detail.data!.ticket).toBeNull();
    // the export runs the same scoped query, as the user who asked for it
    const list = api.app.get(ExportRegistry).get('grm.tickets')!;
    const asUser = (permissions: string[]) =>
      RequestContext.run({ ...RequestContext.system(), actor: { userId: 'x', username: 'x', sessionId: null, roles: [], permissions: new Set(permissions), areaPaths: null } }, () => list.fetch({}, { first: 100, after: null }));
    expect((await asUser(['grm.view'])).rows).toHaveLength(2);
    expect((await asUser(['grm.view', 'grm.sensitive.view'])).rows).toHaveLength(3);
  });

  it('keeps a restricted manager inside their areas on reads and writes', async () => {
    const listed = await api.graphql<ListResult>(LIST, {}, { token: managerToken });
    expect(listed.data!.tickets.totalCount).toBe(1);
    const southern = (await api.graphql<ListResult>(LIST, {})).data!.tickets.edges.find((e) => e.node.description === 'Not paid' && !e.node.reporterName)!.node;
    const refused = await api.graphql(TRANSITION, { input: { id: southern.id, version: southern.version, status: 'OPEN' } }, { token: managerToken });
    expect(refused.errors![0].extensions!.code).toBe('NOT_FOUND');
    const before = await count();
    const outside = await api.graphql(CREATE, { input: { channel: 'SMS', reporterKind: 'ANONYMOUS', description: 'x', categoryId: general, areaId: south } }, { token: managerToken, lang: 'fr' });
    expect(outside.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'areaId' }] });
    const viewer = await api.graphql(CREATE, { input: { channel: 'SMS', reporterKind: 'ANONYMOUS', description: 'x', categoryId: general, areaId: north } }, { token: viewerToken });
    expect(viewer.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });

  it('follows the declared transition table, audits each move and needs a response to resolve', async () => {
    const t = await create({ categoryId: general, areaId: north });
    const wrong = await api.graphql(TRANSITION, { input: { id: t.id, version: t.version, status: 'RESOLVED' } }, { lang: 'pt' });
    expect(wrong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'status', message: 'Um pedido não pode passar de RECEIVED para RESOLVED.' }] });
    const opened = (await api.graphql<{ transitionTicket: Row }>(TRANSITION, { input: { id: t.id, version: t.version, status: 'OPEN' } })).data!.transitionTicket;
    const noResponse = await api.graphql(TRANSITION, { input: { id: t.id, version: opened.version, status: 'RESOLVED' } });
    expect(noResponse.errors![0].extensions!.fieldErrors).toMatchObject([{ field: 'note' }]);
    const resolved = await api.graphql<{ transitionTicket: Row }>(TRANSITION, { input: { id: t.id, version: opened.version, status: 'RESOLVED', note: 'Paid on 3 May' } });
    expect(resolved.data!.transitionTicket).toMatchObject({ status: 'RESOLVED', resolution: 'Paid on 3 May' });
    const stale = await api.graphql(TRANSITION, { input: { id: t.id, version: opened.version, status: 'CLOSED' } });
    expect(stale.errors![0].extensions!.code).toBe('CONFLICT');
    const audited = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM core.audit_log WHERE entity_type = 'Ticket' AND entity_id = $1 AND action = 'UPDATE'`, [t.id]);
    expect(audited[0].n).toBe(2);
    const events = await sql<{ kind: string; to_status: string }>(api.databaseUrl, `SELECT kind, to_status FROM grm.ticket_event WHERE ticket_id = $1 ORDER BY created_at, id`, [t.id]);
    expect(events.map((e) => `${e.kind}:${e.to_status}`)).toEqual(['CREATED:RECEIVED', 'TRANSITION:OPEN', 'TRANSITION:RESOLVED']);
  });

  it('answers a list page again from the response cache, per caller, until a ticket changes', async () => {
    const ask = async (token: string) => {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ tickets(first: 50) { edges { node { id status sensitive version } } } }' }),
      });
      const body = (await response.json()) as { data: { tickets: { edges: { node: { id: string; status: string; sensitive: boolean; version: number } }[] } } };
      return { cache: response.headers.get(RESPONSE_CACHE_HEADER), nodes: body.data.tickets.edges.map((e) => e.node) };
    };
    expect((await ask(sensitiveToken)).cache).toBe('MISS');
    const cached = await ask(sensitiveToken);
    expect(cached.cache).toBe('HIT');
    expect(cached.nodes.some((t) => t.sensitive)).toBe(true);
    // the same document for a caller without the sensitive permission: their own answer, never the cached one
    const viewer = await ask(viewerToken);
    expect(viewer.cache).toBe('MISS');
    expect(viewer.nodes.some((t) => t.sensitive)).toBe(false);
    const t = cached.nodes.find((n) => n.status === 'RECEIVED' && !n.sensitive)!;
    const moved = await api.graphql(TRANSITION, { input: { id: t.id, version: t.version, status: 'OPEN' } });
    expect(moved.errors).toBeUndefined();
    const after = await ask(sensitiveToken);
    expect(after.cache).toBe('MISS');
    expect(after.nodes.find((n) => n.id === t.id)!.status).toBe('OPEN');
  });

  it('links a repeated complaint of the same reporter and category instead of losing it', async () => {
    const first = (await api.graphql<ListResult>(LIST, { filter: { search: 'Not paid' } })).data!.tickets.edges.map((e) => e.node).find((n) => n.reporterName === 'Ana')!;
    const again = await create({ categoryId: general, areaId: north, reporterPhone: '+258 84 000 0001', description: 'Still not paid' });
    expect(again.duplicateOfId).toBe(first.id);
  });

  it('escalates an overdue ticket once, even when the run repeats or runs twice at once', async () => {
    const t = await create({ categoryId: general, areaId: north, description: 'Overdue' });
    await sql(api.databaseUrl, `UPDATE grm.ticket SET due_at = now() - interval '1 day' WHERE id = $1`, [t.id]);
    const service = api.app.get(TicketService);
    const [a, b] = await Promise.all([service.escalateOverdue(), service.escalateOverdue()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    const again = await api.graphql<{ escalateOverdueTickets: { escalated: number } }>('mutation { escalateOverdueTickets { escalated } }');
    expect(again.data!.escalateOverdueTickets.escalated).toBe(0);
    const events = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM grm.ticket_event WHERE ticket_id = $1 AND kind = 'ESCALATION'`, [t.id]);
    expect(events[0].n).toBe(1);
    const row = (await api.graphql<{ ticket: Row }>(GET, { id: t.id })).data!.ticket;
    expect(row.escalatedToRole).toBe('grm_supervisor');
    const audits = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM core.audit_log WHERE entity_id = $1 AND action = 'ESCALATE'`, [t.id]);
    expect(audits[0].n).toBe(1);
  });

  it('takes public complaints without login, stores scripts as text, and follows them by reference and secret', async () => {
    const script = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    // an area that does not exist: told so in words for someone without an account
    const nowhere = await api.graphql(SUBMIT, { input: { categoryId: general, areaId: '0192f3a4-5b6c-7d8e-9f00-112233445566', description: 'Not paid' } }, { token: null, lang: 'pt' });
    expect(nowhere.errors![0].extensions!.fieldErrors![0]).toMatchObject({ field: 'areaId', message: 'Esta área não existe: escolha uma da lista.' });
    const sent = await api.graphql<{ submitPublicComplaint: { reference: string; secret: string } }>(SUBMIT, { input: { categoryId: general, areaId: north, description: script } }, { token: null });
    expect(sent.errors).toBeUndefined();
    const { reference, secret } = sent.data!.submitPublicComplaint;
    expect(reference).toMatch(/^GRM-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    const stored = await sql<{ description: string; channel: string; reporter_kind: string }>(api.databaseUrl, 'SELECT description, channel, reporter_kind FROM grm.ticket WHERE reference = $1', [reference]);
    expect(stored[0]).toEqual({ description: script, channel: 'PUBLIC_FORM', reporter_kind: 'ANONYMOUS' });
    const followed = await api.graphql<{ followGrmTicket: { status: string } | null }>(FOLLOW, { reference, secret }, { token: null });
    expect(followed.data!.followGrmTicket).toMatchObject({ reference, status: 'RECEIVED' });
    const wrongSecret = await api.graphql<{ followGrmTicket: unknown }>(FOLLOW, { reference, secret: secret === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA' }, { token: null });
    expect(wrongSecret.data!.followGrmTicket).toBeNull();
  });

  it('refuses a whitespace-only description like an empty one, on the officers\' form and the public one', async () => {
    const before = await count();
    for (const description of ['', '   \n\t ', '\u00a0\u2003\r\n']) {
      const created = await api.graphql(CREATE, { input: { channel: 'HOTLINE', reporterKind: 'ANONYMOUS', description, categoryId: general, areaId: north } }, { lang: 'pt' });
      expect(created.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'description', message: 'é obrigatório' }] });
      const sent = await api.graphql(SUBMIT, { input: { categoryId: general, areaId: north, description } }, { token: null, lang: 'pt' });
      expect(sent.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'description', message: 'é obrigatório' }] });
    }
    expect(await count()).toBe(before);
    // the text around is kept, trimmed
    const kept = await create({ categoryId: general, areaId: north, description: '  Not paid in March \n' });
    expect(kept.description).toBe('Not paid in March');
  });

  it('rate-limits a burst of 100 public submissions from one address and writes only the allowed ones', async () => {
    const before = await count();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api.graphql(SUBMIT, { input: { categoryId: general, areaId: north, description: `spam ${i}` } }, { token: null, lang: 'fr' }),
      ),
    );
    const refused = results.filter((r) => r.errors?.[0]?.extensions?.code === 'TOO_MANY_REQUESTS');
    const accepted = results.filter((r) => !r.errors);
    expect(accepted.length + refused.length).toBe(100);
    expect(accepted.length).toBeLessThanOrEqual(10);
    expect(refused[0].errors![0].message).toMatch(/^Trop d’envois depuis cette adresse/);
    expect(await count()).toBe(before + accepted.length);
  });

  it('rate-limits guessing secrets on the follow page, saying it is about look-ups', async () => {
    const results = await Promise.all(
      Array.from({ length: 70 }, () => api.graphql(FOLLOW, { reference: 'GRM-0000-00', secret: 'AAAAAAAA' }, { token: null, lang: 'fr' })),
    );
    const refused = results.filter((r) => r.errors?.[0]?.extensions?.code === 'TOO_MANY_REQUESTS');
    expect(refused.length).toBeGreaterThanOrEqual(10);
    expect(refused[0].errors![0].message).toMatch(/^Trop de consultations de suivi depuis cette adresse\. Réessayez dans \d+ seconde\(s\)\.$/);
  });
});
