import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { grmDefinition } from './grm.definition';

const FIELDS = 'id code name areaId version';
const LIST = `query($search: String) { tickets(first: 50, filter: { search: $search }) { totalCount edges { node { ${FIELDS} } } } }`;
const GET = `query($id: ID!) { ticket(id: $id) { ${FIELDS} } }`;
const CREATE = `mutation($input: CreateTicketInput!) { createTicket(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { ${FIELDS} } }`;
const PASSWORD = 'Scoped-user#2026!';

interface Row {
  id: string;
  code: string;
  name: string;
  areaId: string;
  version: number;
}

describe('grm module', () => {
  let api: TestApi;
  let north: string;
  let south: string;
  let viewerToken: string;
  let managerToken: string;

  const areaId = async (code: string) => {
    const result = await api.graphql<{ adminAreas: { edges: { node: { id: string; code: string } }[] } }>(
      'query($s: String) { adminAreas(first: 5, filter: { search: $s }) { edges { node { id code } } } }',
      { s: code },
    );
    return result.data!.adminAreas.edges.find((edge) => edge.node.code === code)!.node.id;
  };
  const count = async () => (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM grm.ticket'))[0].n;
  const role = async (code: string, permissions: string[]) => {
    const saved = await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } });
    expect(saved.errors).toBeUndefined();
  };

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, grmDefinition], { DEMO_DATA: 'true' });
    [north, south] = [await areaId('DL-01'), await areaId('DL-02')];
    await role('grm_viewer', ['grm.view']);
    await role('grm_manager', ['grm.view', 'grm.manage']);
    // both restricted to the first province
    await api.createUser('viewer', PASSWORD, 'grm_viewer', [north]);
    await api.createUser('manager', PASSWORD, 'grm_manager', [north]);
    viewerToken = (await api.login('viewer', PASSWORD)).accessToken;
    managerToken = (await api.login('manager', PASSWORD)).accessToken;
  });

  afterAll(() => api?.stop());

  it('creates and lists records, audited in the same transaction', async () => {
    for (const [code, area] of [['N-1', north], ['S-1', south]]) {
      const created = await api.graphql<{ createTicket: Row }>(CREATE, { input: { code, name: `Record ${code}`, areaId: area } });
      expect(created.errors).toBeUndefined();
      expect(created.data!.createTicket).toMatchObject({ code, areaId: area, version: 1 });
    }
    const all = await api.graphql<{ tickets: { totalCount: number } }>(LIST, {});
    expect(all.data!.tickets.totalCount).toBe(2);
    const audited = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM core.audit_log WHERE entity_type = 'Ticket'`);
    expect(audited[0].n).toBe(2);
  });

  it('shows a restricted user only the records of their areas', async () => {
    const listed = await api.graphql<{ tickets: { totalCount: number; edges: { node: Row }[] } }>(LIST, {}, { token: viewerToken });
    expect(listed.data!.tickets.edges.map((edge) => edge.node.code)).toEqual(['N-1']);
    expect(listed.data!.tickets.totalCount).toBe(1);
    const southern = await api.graphql<{ tickets: { edges: { node: Row }[] } }>(LIST, { search: 'S-1' });
    const other = await api.graphql<{ ticket: Row | null }>(GET, { id: southern.data!.tickets.edges[0].node.id }, { token: viewerToken });
    expect(other.errors).toBeUndefined();
    expect(other.data!.ticket).toBeNull();
  });

  it('refuses writes without the permission, and anonymous reads', async () => {
    const before = await count();
    const refused = await api.graphql(CREATE, { input: { code: 'N-2', name: 'No', areaId: north } }, { token: viewerToken });
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    const anonymous = await api.graphql(LIST, {}, { token: null });
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const forged = await api.graphql(LIST, {}, { token: `${viewerToken.slice(0, -4)}AAAA` });
    expect(forged.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(await count()).toBe(before);
  });

  it('keeps a restricted manager inside their areas', async () => {
    const before = await count();
    const outside = await api.graphql(CREATE, { input: { code: 'S-2', name: 'Elsewhere', areaId: south } }, { token: managerToken, lang: 'fr' });
    expect(outside.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'areaId', message: 'Cette zone n’existe pas ou se trouve hors de vos zones.' }] });
    const southern = (await api.graphql<{ tickets: { edges: { node: Row }[] } }>(LIST, { search: 'S-1' })).data!.tickets.edges[0].node;
    const notTheirs = await api.graphql(UPDATE, { input: { id: southern.id, version: southern.version, name: 'Taken over' } }, { token: managerToken });
    expect(notTheirs.errors![0].extensions!.code).toBe('NOT_FOUND');
    const own = (await api.graphql<{ tickets: { edges: { node: Row }[] } }>(LIST, { search: 'N-1' }, { token: managerToken })).data!.tickets.edges[0].node;
    const moved = await api.graphql(UPDATE, { input: { id: own.id, version: own.version, areaId: south } }, { token: managerToken });
    expect(moved.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'areaId' }] });
    expect(await count()).toBe(before);
    const unchanged = await sql<{ name: string; area_id: string }>(api.databaseUrl, 'SELECT name, area_id FROM grm.ticket WHERE id = $1', [southern.id]);
    expect(unchanged[0]).toEqual({ name: 'Record S-1', area_id: south });
  });

  it('refuses malformed input, duplicate codes and stale versions with translated errors', async () => {
    const before = await count();
    const malformed = await api.graphql(CREATE, { input: { code: '', name: 'x', areaId: 'not-a-uuid' } }, { lang: 'pt' });
    expect(malformed.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const duplicate = await api.graphql(CREATE, { input: { code: 'N-1', name: 'Again', areaId: north } }, { lang: 'pt' });
    expect(duplicate.errors![0]).toMatchObject({ message: 'Outro registo já usa o código «N-1».', extensions: { code: 'CONFLICT' } });
    const own = (await api.graphql<{ tickets: { edges: { node: Row }[] } }>(LIST, { search: 'N-1' })).data!.tickets.edges[0].node;
    const updated = await api.graphql<{ updateTicket: Row }>(UPDATE, { input: { id: own.id, version: own.version, name: 'Renamed' } });
    expect(updated.data!.updateTicket).toMatchObject({ name: 'Renamed', version: own.version + 1 });
    const stale = await api.graphql(UPDATE, { input: { id: own.id, version: own.version, name: 'Lost update' } });
    expect(stale.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await count()).toBe(before);
  });
});
