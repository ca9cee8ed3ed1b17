import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { registryDefinition } from '@coremis/registry';
import { programsDefinition } from './programs.definition';

const FIELDS = 'id code name { en fr pt } coverageAreaIds status version';
const LIST = `query($search: String) { programs(first: 50, filter: { search: $search }) { totalCount edges { node { ${FIELDS} } } } }`;
const GET = `query($id: ID!) { program(id: $id) { ${FIELDS} } }`;
const CREATE = `mutation($input: CreateProgramInput!) { createProgram(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdateProgramInput!) { updateProgram(input: $input) { ${FIELDS} } }`;
const PASSWORD = 'Scoped-user#2026!';

interface Row {
  id: string;
  code: string;
  name: { en: string; fr: string | null; pt: string | null };
  coverageAreaIds: string[];
  status: string;
  version: number;
}

describe('programs module', () => {
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
  const count = async () => (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM programs.program'))[0].n;
  const role = async (code: string, permissions: string[]) => {
    const saved = await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } });
    expect(saved.errors).toBeUndefined();
  };

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, programsDefinition], { DEMO_DATA: 'true' });
    [north, south] = [await areaId('DL-01'), await areaId('DL-02')];
    await role('programs_viewer', ['programs.view']);
    await role('programs_manager', ['programs.view', 'programs.manage']);
    // both restricted to the first province
    await api.createUser('viewer', PASSWORD, 'programs_viewer', [north]);
    await api.createUser('manager', PASSWORD, 'programs_manager', [north]);
    viewerToken = (await api.login('viewer', PASSWORD)).accessToken;
    managerToken = (await api.login('manager', PASSWORD)).accessToken;
  });

  afterAll(() => api?.stop());

  it('creates and lists records, audited in the same transaction', async () => {
    for (const [code, area] of [['N-1', north], ['S-1', south]]) {
      const created = await api.graphql<{ createProgram: Row }>(CREATE, { input: { code, name: { en: `Record ${code}`, fr: `Fiche ${code}` }, targetUnit: 'HOUSEHOLD', coverageAreaIds: [area] } });
      expect(created.errors).toBeUndefined();
      expect(created.data!.createProgram).toMatchObject({ code, coverageAreaIds: [area], status: 'DRAFT', version: 1, name: { en: `Record ${code}`, fr: `Fiche ${code}`, pt: null } });
    }
    // the demo programmes (DEMO-CG in DL-01, DEMO-OAP national) are there too
    const all = await api.graphql<{ programs: { totalCount: number } }>(LIST, {});
    expect(all.data!.programs.totalCount).toBe(4);
    const audited = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM core.audit_log WHERE entity_type = 'Program'`);
    expect(audited[0].n).toBe(2);
  });

  it('shows a restricted user only the records of their areas', async () => {
    const listed = await api.graphql<{ programs: { totalCount: number; edges: { node: Row }[] } }>(LIST, {}, { token: viewerToken });
    expect(listed.data!.programs.edges.map((edge) => edge.node.code)).toEqual(['DEMO-CG', 'DEMO-OAP', 'N-1']);
    expect(listed.data!.programs.totalCount).toBe(3);
    const southern = await api.graphql<{ programs: { edges: { node: Row }[] } }>(LIST, { search: 'S-1' });
    const other = await api.graphql<{ program: Row | null }>(GET, { id: southern.data!.programs.edges[0].node.id }, { token: viewerToken });
    expect(other.errors).toBeUndefined();
    expect(other.data!.program).toBeNull();
  });

  it('refuses writes without the permission, and anonymous reads', async () => {
    const before = await count();
    const refused = await api.graphql(CREATE, { input: { code: 'N-2', name: { en: 'No' }, targetUnit: 'HOUSEHOLD', coverageAreaIds: [north] } }, { token: viewerToken });
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    const anonymous = await api.graphql(LIST, {}, { token: null });
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const forged = await api.graphql(LIST, {}, { token: `${viewerToken.slice(0, -4)}AAAA` });
    expect(forged.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(await count()).toBe(before);
  });

  it('keeps a restricted manager inside their areas', async () => {
    const before = await count();
    const outside = await api.graphql(CREATE, { input: { code: 'S-2', name: { en: 'Elsewhere' }, targetUnit: 'HOUSEHOLD', coverageAreaIds: [south] } }, { token: managerToken, lang: 'fr' });
    expect(outside.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'coverageAreaIds.0', message: 'Cette zone n’existe pas ou se trouve hors de vos zones.' }] });
    const southern = (await api.graphql<{ programs: { edges: { node: Row }[] } }>(LIST, { search: 'S-1' })).data!.programs.edges[0].node;
    const notTheirs = await api.graphql(UPDATE, { input: { id: southern.id, version: southern.version, name: { en: 'Taken over' } } }, { token: managerToken });
    expect(notTheirs.errors![0].extensions!.code).toBe('NOT_FOUND');
    const own = (await api.graphql<{ programs: { edges: { node: Row }[] } }>(LIST, { search: 'N-1' }, { token: managerToken })).data!.programs.edges[0].node;
    const moved = await api.graphql(UPDATE, { input: { id: own.id, version: own.version, coverageAreaIds: [south] } }, { token: managerToken });
    expect(moved.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'coverageAreaIds.0' }] });
    expect(await count()).toBe(before);
    const unchanged = await sql<{ name: string; coverage: string[] }>(api.databaseUrl, `SELECT name->>'en' AS name, coverage_area_ids::text[] AS coverage FROM programs.program WHERE id = $1`, [southern.id]);
    expect(unchanged[0]).toEqual({ name: 'Record S-1', coverage: [south] });
  });

  it('shows a restricted user the programmes covering their areas, including wider ones', async () => {
    const country = (await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM geo.admin_area WHERE code = 'DL'`))[0].id;
    const national = await api.graphql<{ createProgram: Row }>(CREATE, { input: { code: 'NAT-1', name: { en: 'National' }, targetUnit: 'INDIVIDUAL', coverageAreaIds: [country, north] } });
    expect(national.errors).toBeUndefined();
    // a coverage area inside another one adds nothing
    expect(national.data!.createProgram.coverageAreaIds).toEqual([country]);
    const listed = await api.graphql<{ programs: { edges: { node: Row }[] } }>(LIST, {}, { token: viewerToken });
    expect(listed.data!.programs.edges.map((edge) => edge.node.code)).toContain('NAT-1');
  });

  it('moves a programme DRAFT, ACTIVE, CLOSED, under maker-checker when a flow is set', async () => {
    const STATUS = `mutation($input: ProgramStatusInput!) { activateProgram(input: $input) { status version } }`;
    const CLOSE = `mutation($input: ProgramStatusInput!) { closeProgram(input: $input) { status version } }`;
    const own = (await api.graphql<{ programs: { edges: { node: Row }[] } }>(LIST, { search: 'NAT-1' })).data!.programs.edges[0].node;
    const early = await api.graphql(CLOSE, { input: { id: own.id, version: own.version } }, { lang: 'fr' });
    expect(early.errors![0]).toMatchObject({ message: 'Un programme ne peut pas passer de DRAFT à CLOSED.', extensions: { code: 'CONFLICT' } });
    await role('programs_checker', ['programs.view', 'core.approvals.view', 'core.approvals.decide']);
    await api.createUser('t_checker', PASSWORD, 'programs_checker');
    const checkerToken = (await api.login('t_checker', PASSWORD)).accessToken;
    const flow = await api.graphql('mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }', {
      input: { operation: 'programs.programs.activate', enabled: true, levels: [{ roles: ['programs_checker'], policy: 'ANY' }] },
    });
    expect(flow.errors).toBeUndefined();
    const held = await api.graphql(STATUS, { input: { id: own.id, version: own.version } });
    expect(held.errors![0].extensions!.code).toBe('APPROVAL_PENDING');
    expect((await sql<{ status: string }>(api.databaseUrl, 'SELECT status FROM programs.program WHERE id = $1', [own.id]))[0].status).toBe('DRAFT');
    const approved = await api.graphql<{ approveOperation: { status: string } }>('mutation($id: ID!) { approveOperation(id: $id) { status } }', { id: held.errors![0].extensions!.pendingOperationId }, { token: checkerToken });
    expect(approved.data!.approveOperation.status).toBe('EXECUTED');
    const closed = await api.graphql<{ closeProgram: { status: string } }>(CLOSE, { input: { id: own.id, version: own.version + 1 } });
    expect(closed.data!.closeProgram.status).toBe('CLOSED');
    const edit = await api.graphql(UPDATE, { input: { id: own.id, version: own.version + 2, name: { en: 'Too late' } } });
    expect(edit.errors![0].extensions!.code).toBe('CONFLICT');
  });

  it('refuses malformed input, duplicate codes and stale versions with translated errors', async () => {
    const before = await count();
    const malformed = await api.graphql(CREATE, { input: { code: '', name: { en: 'x' }, targetUnit: 'HOUSEHOLD', coverageAreaIds: ['not-a-uuid'] } }, { lang: 'pt' });
    expect(malformed.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const duplicate = await api.graphql(CREATE, { input: { code: 'N-1', name: { en: 'Again' }, targetUnit: 'HOUSEHOLD', coverageAreaIds: [north] } }, { lang: 'pt' });
    expect(duplicate.errors![0]).toMatchObject({ message: 'Outro programa já usa o código "N-1".', extensions: { code: 'CONFLICT' } });
    const own = (await api.graphql<{ programs: { edges: { node: Row }[] } }>(LIST, { search: 'N-1' })).data!.programs.edges[0].node;
    const updated = await api.graphql<{ updateProgram: Row }>(UPDATE, { input: { id: own.id, version: own.version, name: { en: 'Renamed' } } });
    expect(updated.data!.updateProgram).toMatchObject({ name: { en: 'Renamed' }, version: own.version + 1 });
    const stale = await api.graphql(UPDATE, { input: { id: own.id, version: own.version, name: { en: 'Lost update' } } });
    expect(stale.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await count()).toBe(before);
  });
});
