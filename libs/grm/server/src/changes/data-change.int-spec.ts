import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { registryDefinition } from '@coremis/registry';
import { grmDefinition } from '../grm.definition';

const FIELDS = 'id status recordType recordId recordVersion householdId staleFields pendingOperationId changes { field oldValue newValue } approval { status currentLevel levels }';
const CREATE = `mutation($input: CreateDataChangeRequestInput!) { createDataChangeRequest(input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { dataChangeRequest(id: $id) { ${FIELDS} } }`;
const LIST = `query($filter: DataChangeRequestFilter) { dataChangeRequests(first: 50, filter: $filter) { totalCount edges { node { id recordId } } } }`;
const APPLY = `mutation($id: ID!) { applyDataChangeRequest(id: $id) { ${FIELDS} } }`;
const SAVE_FLOW = 'mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }';
const APPROVE = 'mutation($id: ID!) { approveOperation(id: $id) { status currentLevel error } }';
const REJECT = 'mutation($id: ID!, $reason: String!) { rejectOperation(id: $id, reason: $reason) { status } }';
const HISTORY = `query($id: ID!) { household(id: $id) { id rooms version history(first: 20) { edges { node { action changes username } } } } }`;
const PASSWORD = 'Scoped-user#2026!';

interface Request {
  id: string;
  status: string;
  recordId: string;
  recordVersion: number;
  staleFields: string[];
  pendingOperationId: string | null;
  changes: { field: string; oldValue: unknown; newValue: unknown }[];
  approval: { status: string; currentLevel: number; levels: number } | null;
}

describe('grm data-change requests', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let northHousehold: { id: string; rooms: number | null; version: number };
  let southHousehold: { id: string };

  const as = <T>(user: string, query: string, variables: Record<string, unknown> = {}, lang?: string) => api.graphql<T>(query, variables, { token: tokens[user], ...(lang ? { lang } : {}) });
  // demo users have other passwords: these names are the spec's own
  const login = (user: string) => `dc_${user}`;
  const areaOf = async (code: string) => (await sql<{ id: string; path: string }>(api.databaseUrl, 'SELECT id, path FROM geo.admin_area WHERE code = $1', [code]))[0];
  const household = async (id: string) => (await sql<{ rooms: number | null; version: number; extra: Record<string, unknown> }>(api.databaseUrl, 'SELECT rooms, version, extra FROM registry.household WHERE id = $1', [id]))[0];
  const requestCount = async () => (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM grm.data_change_request'))[0].n;
  const create = async (input: Record<string, unknown>, user = 'officer') => {
    const created = await as<{ createDataChangeRequest: Request }>(user, CREATE, { input: { recordType: 'HOUSEHOLD', reason: 'Seen on a home visit', ...input } });
    expect(created.errors).toBeUndefined();
    return created.data!.createDataChangeRequest;
  };
  const newRooms = (current: number | null) => ((current ?? 0) % 40) + 3;

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, grmDefinition], { DEMO_DATA: 'true' });
    const [north, south] = [await areaOf('DL-01'), await areaOf('DL-02')];
    const pick = async (path: string) =>
      (await sql<{ id: string; rooms: number | null; version: number }>(api.databaseUrl, `SELECT id, rooms, version FROM registry.household WHERE area_path LIKE $1 || '%' ORDER BY code LIMIT 1`, [path]))[0];
    northHousehold = await pick(north.path);
    southHousehold = await pick(south.path);
    const role = async (code: string, permissions: string[]) => expect((await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } })).errors).toBeUndefined();
    await role('dc_officer', ['grm.changes.view', 'grm.changes.request', 'registry.view', 'core.approvals.view']);
    await role('dc_checker_1', ['grm.changes.view', 'core.approvals.view', 'core.approvals.decide']);
    await role('dc_checker_2', ['grm.changes.view', 'core.approvals.view', 'core.approvals.decide']);
    await role('dc_direct', ['grm.changes.view', 'grm.changes.request', 'grm.changes.apply']);
    await api.createUser(login('officer'), PASSWORD, 'dc_officer', [north.id]);
    await api.createUser(login('checker1'), PASSWORD, 'dc_checker_1', null);
    await api.createUser(login('checker2'), PASSWORD, 'dc_checker_2', null);
    await api.createUser(login('direct'), PASSWORD, 'dc_direct', null);
    for (const user of ['officer', 'checker1', 'checker2', 'direct']) tokens[user] = (await api.login(login(user), PASSWORD)).accessToken;
    // the whole API with demo data: slow on a loaded machine
  }, 240_000);

  afterAll(() => api?.stop());

  it('without an approval flow, applies only by another user holding grm.changes.apply', async () => {
    const before = await household(northHousehold.id);
    const request = await create({ recordId: northHousehold.id, changes: [{ field: 'rooms', newValue: newRooms(before.rooms) }] });
    expect(request).toMatchObject({ status: 'PENDING', pendingOperationId: null, changes: [{ field: 'rooms', oldValue: before.rooms, newValue: newRooms(before.rooms) }] });
    const self = await as(`officer`, APPLY, { id: request.id });
    expect(self.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await household(northHousehold.id)).rooms).toBe(before.rooms);
    const applied = await as<{ applyDataChangeRequest: Request }>('direct', APPLY, { id: request.id });
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.applyDataChangeRequest.status).toBe('APPLIED');
    expect((await household(northHousehold.id)).rooms).toBe(newRooms(before.rooms));
    const again = await as('direct', APPLY, { id: request.id }, 'fr');
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT' });
    expect(again.errors![0].message).toContain("n'est plus en attente");
  });

  it('changes a person and a deployment-defined extra field, validated against the field schema', async () => {
    const schema = await api.graphql<{ fieldSchema: { schema: { properties?: Record<string, unknown> }; version: number } }>('query { fieldSchema(entity: "HOUSEHOLD") { schema version } }');
    const current = schema.data!.fieldSchema;
    const saved = await api.graphql('mutation($input: SaveFieldSchemaInput!) { saveFieldSchema(input: $input) { version } }', {
      input: { entity: 'HOUSEHOLD', version: current.version, schema: { ...current.schema, type: 'object', properties: { ...(current.schema.properties ?? {}), grmNote: { type: 'string', maxLength: 10 } } } },
    });
    expect(saved.errors).toBeUndefined();
    const tooLong = await as('officer', CREATE, { input: { recordType: 'HOUSEHOLD', recordId: northHousehold.id, reason: 'x', changes: [{ field: 'extra.grmNote', newValue: 'far too long a note' }] } });
    expect(tooLong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'changes.0.newValue' }] });
    const extra = await create({ recordId: northHousehold.id, changes: [{ field: 'extra.grmNote', newValue: 'verified' }] });
    expect((await as<{ applyDataChangeRequest: Request }>('direct', APPLY, { id: extra.id })).data!.applyDataChangeRequest.status).toBe('APPLIED');
    expect((await household(northHousehold.id)).extra['grmNote']).toBe('verified');
    const [person] = await sql<{ id: string; given_name: string }>(api.databaseUrl, 'SELECT id, given_name FROM registry.individual WHERE household_id = $1 ORDER BY id LIMIT 1', [northHousehold.id]);
    const renamed = await create({ recordType: 'INDIVIDUAL', recordId: person.id, changes: [{ field: 'givenName', newValue: 'Amélia' }, { field: 'occupation', newValue: 'Farmer' }] });
    expect(renamed.changes[0]).toEqual({ field: 'givenName', oldValue: person.given_name, newValue: 'Amélia' });
    expect((await as<{ applyDataChangeRequest: Request }>('direct', APPLY, { id: renamed.id })).data!.applyDataChangeRequest.status).toBe('APPLIED');
    const [after] = await sql<{ given_name: string; occupation: string }>(api.databaseUrl, 'SELECT given_name, occupation FROM registry.individual WHERE id = $1', [person.id]);
    expect(after).toEqual({ given_name: 'Amélia', occupation: 'Farmer' });
    const emptied = await as('officer', CREATE, { input: { recordType: 'INDIVIDUAL', recordId: person.id, reason: 'x', changes: [{ field: 'familyName', newValue: '' }] } });
    expect(emptied.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'changes.0.newValue' }] });
  });

  describe('with a two-level approval flow', () => {
    beforeAll(async () => {
      const saved = await api.graphql(SAVE_FLOW, {
        input: { operation: 'grm.changes.apply', enabled: true, levels: [{ roles: ['dc_checker_1'], policy: 'ANY' }, { roles: ['dc_checker_2'], policy: 'ANY' }] },
      });
      expect(saved.errors).toBeUndefined();
    });

    it('applies nothing before the last level approves, then writes each field through the registry with its history', async () => {
      const before = await household(northHousehold.id);
      const request = await create({ recordId: northHousehold.id, changes: [{ field: 'rooms', newValue: newRooms(before.rooms) }, { field: 'address', newValue: 'Rua 7, casa 12' }] });
      expect(request.pendingOperationId).toBeTruthy();
      expect(request.approval).toEqual({ status: 'PENDING', currentLevel: 1, levels: 2 });
      // nobody applies it outside its approval flow, not even a checker
      const direct = await as('direct', APPLY, { id: request.id });
      expect(direct.errors![0].extensions!.code).toBe('APPROVAL_PENDING');
      const first = await as<{ approveOperation: { status: string; currentLevel: number } }>('checker1', APPROVE, { id: request.pendingOperationId });
      expect(first.data!.approveOperation).toMatchObject({ status: 'PENDING', currentLevel: 2 });
      expect((await household(northHousehold.id)).rooms).toBe(before.rooms);
      const second = await as<{ approveOperation: { status: string; error: string | null } }>('checker2', APPROVE, { id: request.pendingOperationId });
      expect(second.data!.approveOperation).toMatchObject({ status: 'EXECUTED', error: null });
      expect((await household(northHousehold.id)).rooms).toBe(newRooms(before.rooms));
      const after = await as<{ dataChangeRequest: Request }>('officer', GET, { id: request.id });
      expect(after.data!.dataChangeRequest.status).toBe('APPLIED');
      const history = await api.graphql<{ household: { history: { edges: { node: { action: string; changes: Record<string, { before: unknown; after: unknown }>; username: string } }[] } } }>(HISTORY, { id: northHousehold.id });
      const entry = history.data!.household.history.edges.map((e) => e.node).find((n) => n.action === 'UPDATE' && n.changes?.['address']);
      expect(entry).toMatchObject({ username: 'dc_officer', changes: { rooms: { before: before.rooms, after: newRooms(before.rooms) }, address: { after: 'Rua 7, casa 12' } } });
    });

    it('flags the request STALE instead of overwriting a record changed meanwhile', async () => {
      const before = await household(northHousehold.id);
      const request = await create({ recordId: northHousehold.id, changes: [{ field: 'rooms', newValue: newRooms(before.rooms) }] });
      await sql(api.databaseUrl, 'UPDATE registry.household SET rooms = 49, version = version + 1 WHERE id = $1', [northHousehold.id]);
      await as('checker1', APPROVE, { id: request.pendingOperationId });
      const second = await as<{ approveOperation: { status: string } }>('checker2', APPROVE, { id: request.pendingOperationId });
      expect(second.data!.approveOperation.status).toBe('EXECUTED');
      expect((await household(northHousehold.id)).rooms).toBe(49);
      const after = await as<{ dataChangeRequest: Request }>('officer', GET, { id: request.id });
      expect(after.data!.dataChangeRequest).toMatchObject({ status: 'STALE', staleFields: ['rooms'] });
    });

    it('a rejected approval leaves the record untouched and the request REJECTED', async () => {
      const before = await household(northHousehold.id);
      const request = await create({ recordId: northHousehold.id, changes: [{ field: 'rooms', newValue: newRooms(before.rooms) }] });
      expect((await as<{ rejectOperation: { status: string } }>('checker1', REJECT, { id: request.pendingOperationId, reason: 'No evidence attached' })).data!.rejectOperation.status).toBe('REJECTED');
      expect((await as<{ dataChangeRequest: Request }>('officer', GET, { id: request.id })).data!.dataChangeRequest.status).toBe('REJECTED');
      expect(await household(northHousehold.id)).toEqual(before);
    });
  });

  it('keeps a restricted officer inside their areas on reads and writes', async () => {
    const before = await requestCount();
    const outside = await as('officer', CREATE, { input: { recordType: 'HOUSEHOLD', recordId: southHousehold.id, reason: 'x', changes: [{ field: 'rooms', newValue: 2 }] } }, 'pt');
    expect(outside.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'recordId', message: 'Este agregado ou pessoa não existe ou está fora das suas áreas.' }] });
    expect(await requestCount()).toBe(before);
    const southern = await create({ recordId: southHousehold.id, changes: [{ field: 'rooms', newValue: 2 }] }, 'direct');
    const listed = await as<{ dataChangeRequests: { edges: { node: { recordId: string } }[] } }>('officer', LIST);
    expect(listed.data!.dataChangeRequests.edges.length).toBeGreaterThan(0);
    expect(listed.data!.dataChangeRequests.edges.every((e) => e.node.recordId !== southHousehold.id)).toBe(true);
    expect((await as<{ dataChangeRequest: Request | null }>('officer', GET, { id: southern.id })).data!.dataChangeRequest).toBeNull();
    const checker = await as('checker1', CREATE, { input: { recordType: 'HOUSEHOLD', recordId: northHousehold.id, reason: 'x', changes: [{ field: 'rooms', newValue: 2 }] } });
    expect(checker.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('refuses unknown fields, wrong types and non-scalar values with translated field errors, writing nothing', async () => {
    const before = await requestCount();
    const refused = async (changes: unknown[], lang: string) => {
      const result = await as('officer', CREATE, { input: { recordType: 'HOUSEHOLD', recordId: northHousehold.id, reason: 'x', changes } }, lang);
      expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      return (result.errors![0].extensions!.fieldErrors as { field: string; message: string }[])[0];
    };
    expect(await refused([{ field: 'code', newValue: 'HH1' }], 'fr')).toEqual({ field: 'changes.0.field', message: expect.stringContaining('« code »') });
    expect((await refused([{ field: 'address', newValue: 'ok' }, { field: 'rooms', newValue: 'many' }], 'en')).field).toBe('changes.1.newValue');
    expect((await refused([{ field: 'wallMaterial', newValue: 'gold' }], 'en')).field).toBe('changes.0.newValue');
    expect((await refused([{ field: 'rooms', newValue: { nested: true } }], 'pt')).message).toBe('Um novo valor deve ser um texto, um número, verdadeiro/falso ou vazio.');
    expect(await requestCount()).toBe(before);
  });
});
