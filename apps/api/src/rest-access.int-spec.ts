import { Controller, Get, Module } from '@nestjs/common';
import { defineModule, RequirePermissions } from '@coremis/core';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';

/** A route someone forgot to declare, and one that declares a permission: the guard must tell them apart. */
@Controller('api/probe')
class ProbeController {
  @Get('undeclared')
  undeclared(): { secret: string } {
    return { secret: 'leaked' };
  }

  @Get('declared')
  @RequirePermissions('registry.view')
  declared(): { ok: boolean } {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const probeDefinition = defineModule({ key: 'probe', dependsOn: ['core'], apiModule: ProbeModule, entities: [], migrations: [], permissions: [], menu: [], translations: { en: {}, fr: {}, pt: {} } });

const PASSWORD = 'Rest-access#2026-ok';
const HEADER = 'hh_id,village,person_id,first_name,last_name,sex,dob,relation';
const MAPPING = { members: { householdKey: 'hh_id', areaCode: 'village', externalId: 'person_id', givenName: 'first_name', familyName: 'last_name', sex: 'sex', birthDate: 'dob', relationship: 'relation' } };
const START = 'mutation($input: StartRegistryImportInput!) { startRegistryImport(input: $input) { id } }';
const REPORT = 'query($id: ID!) { registryImportReport(jobId: $id) { status errorCount individualsCreated } }';

jest.setTimeout(120_000);

describe('REST routes: deny by default, record-level checks, approvals on the bulk path', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  const get = (path: string, token: string | null, lang = 'en') => fetch(`${api.url}${path}`, { headers: { 'accept-language': lang, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const upload = async (content: string, token: string): Promise<string> => {
    const res = await fetch(`${api.url}/api/registry/imports/uploads?name=file.csv`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: content });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const start = (token: string, membersUploadId: string, validateOnly: boolean) =>
    api.graphql<{ startRegistryImport: { id: string } }>(START, { input: { layout: 'ONE_FILE', membersUploadId, mapping: MAPPING, mode: 'VALID_ONLY', validateOnly, checkDuplicates: false } }, { token });
  const people = async (prefix: string) => (await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM registry.individual WHERE external_id LIKE $1`, [`${prefix}%`]))[0].n;

  beforeAll(async () => {
    api = await startTestApi([...MODULE_CATALOGUE.filter((m) => ['core', 'geo', 'registry'].includes(m.key)), probeDefinition], { DEMO_DATA: 'true' });
    const roles: Record<string, string[]> = {
      registrar: ['registry.view', 'registry.import', 'registry.edit', 'registry.create'],
      checker: ['core.approvals.view', 'core.approvals.decide'],
      nobody: ['core.approvals.view'],
    };
    for (const [code, permissions] of Object.entries(roles)) {
      expect((await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } })).errors).toBeUndefined();
    }
    const [north] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM geo.admin_area WHERE code = 'DL-01'`);
    const users: [string, string, string[] | null][] = [['maker', 'registrar', null], ['other', 'registrar', null], ['north-reg', 'registrar', [north.id]], ['checker1', 'checker', null], ['plain', 'nobody', null]];
    for (const [username, role, areas] of users) {
      await api.createUser(username, PASSWORD, role, areas);
      tokens[username] = (await api.login(username, PASSWORD)).accessToken;
    }
  });

  afterAll(() => api?.stop());

  it('refuses a route that declares nothing, even to an administrator: 403 with a translated JSON body, audited', async () => {
    const res = await get('/api/probe/undeclared', api.adminToken, 'fr');
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: 'Vous n’avez pas l’autorisation de faire cela.' });
    const audited = await sql<{ details: { operation: string; reason: string } }>(api.databaseUrl, `SELECT details FROM core.audit_log WHERE action = 'ACCESS_DENIED' AND username = 'test-admin'`);
    expect(audited.map((r) => r.details)).toEqual([{ operation: 'GET /api/probe/undeclared', reason: 'no permission declared' }]);
  });

  it('answers 401 without a token or with a forged one, and 403 without the declared permission', async () => {
    const anonymous = await get('/api/probe/declared', null, 'pt');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Por favor, inicie sessão.' });
    const forged = await get('/api/probe/undeclared', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged');
    expect(forged.status).toBe(401);
    expect((await forged.json()).code).toBe('UNAUTHENTICATED');
    const lacking = await get('/api/probe/declared', tokens['plain']);
    expect(lacking.status).toBe(403);
    expect((await lacking.json()).code).toBe('FORBIDDEN');
    const granted = await get('/api/probe/declared', tokens['maker']);
    expect(granted.status).toBe(200);
    expect(await granted.json()).toEqual({ ok: true });
    // the converted routes keep their permissions
    expect((await get('/api/registry/files/00000000-0000-4000-8000-000000000000', tokens['plain'])).status).toBe(403);
    expect((await get('/api/registry/files/00000000-0000-4000-8000-000000000000', null)).status).toBe(401);
    expect((await fetch(`${api.url}/api/registry/imports/uploads`, { method: 'POST', headers: { authorization: `Bearer ${tokens['plain']}` }, body: 'a,b\n1,2' })).status).toBe(403);
    // health probes are declared public
    expect((await get('/health/live', null)).status).toBe(200);
  });

  it('serves an import’s errors.csv only to whoever may read its report (the same rule): others get 404', async () => {
    const id = await upload([HEADER, 'R-1,DL-01-01-001,R-1-1,Ali,Sow,M,1980-02-30,HEAD'].join('\n'), tokens['maker']);
    const started = await start(tokens['maker'], id, true);
    expect(started.errors).toBeUndefined();
    await api.drainJobs();
    const jobId = started.data!.startRegistryImport.id;
    const csvPath = `/api/registry/imports/${jobId}/errors.csv`;
    const owner = await get(csvPath, tokens['maker']);
    expect(owner.status).toBe(200);
    expect(await owner.text()).toContain('R-1');
    expect((await get(csvPath, api.adminToken)).status).toBe(200);
    for (const user of ['other', 'north-reg']) {
      const refused = await get(csvPath, tokens[user]);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await refused.json()).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'This background task does not exist.' });
      expect((await api.graphql<{ registryImportReport: unknown }>(REPORT, { id: jobId }, { token: tokens[user] })).data!.registryImportReport).toBeNull();
    }
    expect((await get(`/api/registry/imports/00000000-0000-4000-8000-000000000000/errors.csv`, api.adminToken)).status).toBe(404);
  });

  it('holds a writing import for approval when a flow is enabled on registry.import; a dry run never waits', async () => {
    const flow = await api.graphql('mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }', { input: { operation: 'registry.import', enabled: true, levels: [{ roles: ['checker'], policy: 'ANY' }] } });
    expect(flow.errors).toBeUndefined();
    const id = await upload([HEADER, 'AP-1,DL-01-01-001,AP-1-1,Ali,Sow,M,1980-02-01,HEAD', 'AP-1,DL-01-01-001,AP-1-2,Awa,Sow,F,1982-03-01,SPOUSE'].join('\n'), tokens['maker']);

    const dryRun = await start(tokens['maker'], id, true);
    expect(dryRun.errors).toBeUndefined();
    await api.drainJobs();

    const held = await start(tokens['maker'], id, false);
    expect(held.errors![0].extensions!.code).toBe('APPROVAL_PENDING');
    const pendingId = held.errors![0].extensions!.pendingOperationId as string;
    await api.drainJobs();
    expect(await people('AP-1')).toBe(0);

    const approved = await api.graphql<{ approveOperation: { status: string; result: { id: string } | null } }>('mutation($id: ID!) { approveOperation(id: $id) { status result } }', { id: pendingId }, { token: tokens['checker1'] });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveOperation.status).toBe('EXECUTED');
    await api.drainJobs();
    expect(await people('AP-1')).toBe(2);
    const [job] = await sql<{ created_by: string; username: string }>(
      api.databaseUrl,
      `SELECT j.created_by, u.username FROM core.job j JOIN core."user" u ON u.id = j.created_by WHERE j.id = $1`,
      [approved.data!.approveOperation.result!.id],
    );
    expect(job.username).toBe('maker');
  });
});
