import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { DuplicateDetectionService, registryDefinition } from '@coremis/registry';
import { intakeDefinition } from '../intake.definition';
import { FakeKoboServer } from '../testing/fake-kobo.server';

const PASSWORD = 'Intake-user#2026!';
const MAPPING = {
  membersPath: 'hh/members',
  rules: [
    { target: 'household.areaCode', path: 'hh/area' },
    { target: 'member.givenName', path: 'hh/members/given_name' },
    { target: 'member.familyName', path: 'hh/members/family_name' },
    { target: 'member.sex', path: 'hh/members/sex' },
    { target: 'member.relationship', path: 'hh/members/relation' },
    { target: 'member.birthDate', path: 'hh/members/birth_date' },
    { target: 'member.documentNumber', path: 'hh/members/nid' },
    { target: 'member.documentType', path: 'hh/members/nid_type' },
  ],
  choices: [],
};
const QUEUE = `query { intakeSubmissions(first: 10) { edges { node { id status issues
  likelyDuplicates { member individualId visible givenName familyName birthDate householdCode score matchWeight matched contributions { field level weight } } } } } }`;

interface Match {
  member: number;
  individualId: string;
  visible: boolean;
  givenName: string | null;
  familyName: string | null;
  birthDate: string | null;
  householdCode: string | null;
  score: number;
  matchWeight: number;
  matched: string[];
  contributions: { field: string; level: string; weight: number }[];
}

// Names outside the synthetic generator's pool, so that the demo registry cannot pair with them.
describe('intake: submissions that look like registered people (the registry duplicate model)', () => {
  let api: TestApi;
  let kobo: FakeKoboServer;
  let zawadi: string, teodora: string;
  const saved = { ...process.env };

  const register = async (village: string, code: string, given: string, family: string, sex: string, birth: string, document?: string) => {
    const [area] = await sql<{ id: string; path: string }>(api.databaseUrl, 'SELECT id, path FROM geo.admin_area WHERE code = $1', [village]);
    const [{ id: householdId }] = await sql<{ id: string }>(api.databaseUrl, `INSERT INTO registry.household (code, area_id, area_path) VALUES ($1, $2, $3) RETURNING id`, [code, area.id, area.path]);
    const [{ id }] = await sql<{ id: string }>(
      api.databaseUrl,
      `INSERT INTO registry.individual (given_name, family_name, sex, birth_date, household_id, relationship, area_path) VALUES ($1, $2, $3, $4, $5, 'HEAD', $6) RETURNING id`,
      [given, family, sex, birth, householdId, area.path],
    );
    if (document) await sql(api.databaseUrl, `INSERT INTO registry.individual_document (individual_id, type, number) VALUES ($1, 'NATIONAL_ID', $2)`, [id, document]);
    return id;
  };
  const q = async <T>(query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const result = await api.graphql<T>(query, variables, token ? { token } : {});
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  };

  beforeAll(async () => {
    process.env.INTAKE_HTTP_ATTEMPTS = '1';
    process.env.INTAKE_SCHEDULER_SECONDS = '0';
    process.env.INTAKE_ALLOWED_HOSTS = '127.0.0.1';
    kobo = await new FakeKoboServer().start();
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, intakeDefinition], { DEMO_DATA: 'true', JOB_RETRY_BASE_MS: '50' });
    zawadi = await register('DL-01-01-001', 'LD-1', 'Zawadi', 'Achieng', 'F', '1990-05-12');
    // registered in the south, with a national id card
    teodora = await register('DL-02-01-001', 'LD-2', 'Teodora', 'Nkemelu', 'F', '1985-03-03', 'LD-NID-9');
    await api.app.get(DuplicateDetectionService).detectAll();
    kobo.store.add({
      hh: {
        area: 'DL-01-01-001',
        members: [
          // names swapped on the form (the old check, same normalised names and birth date, missed this)
          { given_name: 'Achieng', family_name: 'Zawadi', sex: 'F', relation: 'HEAD', birth_date: '1990-05-12' },
          // moved north, same card
          { given_name: 'Téodora', family_name: 'Nkemelu', sex: 'F', relation: 'OTHER_RELATIVE', birth_date: '1985-03-03', nid: 'LD-NID-9', nid_type: 'NATIONAL_ID' },
          { given_name: 'Ignatius', family_name: 'Obuya', sex: 'M', relation: 'SON', birth_date: '2012-02-02' },
        ],
      },
    });
  }, 180_000);

  afterAll(async () => {
    process.env = saved;
    await api?.stop();
    await kobo?.stop();
  });

  it('holds the submission in review with the matched people, their score and why; a restricted officer sees only who lies in their areas', async () => {
    const north = (await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM geo.admin_area WHERE code = 'DL-01'`))[0].id;
    const created = (await q<{ createIntakeConnector: { id: string; version: number } }>(`mutation($input: CreateConnectorInput!) { createIntakeConnector(input: $input) { id version } }`, {
      input: { code: 'KOBO-LD', name: 'Look-alikes', kind: 'KOBO', serverUrl: kobo.url, formId: kobo.assetUid, secret: kobo.token, areaId: north },
    })).createIntakeConnector;
    await q(`mutation($input: SaveMappingInput!) { saveIntakeMapping(input: $input) { id } }`, { input: { id: created.id, version: created.version, mapping: MAPPING } });
    const job = (await q<{ pullIntakeConnector: { id: string } }>(`mutation($id: ID!) { pullIntakeConnector(id: $id) { id } }`, { id: created.id })).pullIntakeConnector;
    let state = { status: 'QUEUED', errorMessage: null as string | null };
    for (let i = 0; i < 400 && !['COMPLETED', 'FAILED'].includes(state.status); i++) {
      await api.drainJobs();
      state = (await q<{ job: typeof state }>(`query($id: ID!) { job(id: $id) { status errorMessage } }`, { id: job.id })).job;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(state).toEqual({ status: 'COMPLETED', errorMessage: null });

    type Node = { status: string; issues: { field: string; code: string; ref: string }[]; likelyDuplicates: Match[] };
    const [node] = (await q<{ intakeSubmissions: { edges: { node: Node }[] } }>(QUEUE)).intakeSubmissions.edges.map((e) => e.node);
    expect(node.status).toBe('REVIEW');
    expect(node.issues.filter((i) => i.code === 'LIKELY_DUPLICATE').map((i) => [i.field, i.ref])).toEqual([
      ['members.0.givenName', zawadi],
      ['members.1.givenName', teodora],
    ]);
    // the shared card is also the "document exists" check
    expect(node.issues.map((i) => i.code)).toContain('DOCUMENT_EXISTS');
    const [first, second] = node.likelyDuplicates;
    expect(first).toMatchObject({ member: 0, individualId: zawadi, visible: true, givenName: 'Zawadi', familyName: 'Achieng', birthDate: '1990-05-12', householdCode: 'LD-1' });
    expect(first.score).toBeGreaterThanOrEqual(0.8);
    expect(first.matched).toEqual(expect.arrayContaining(['name', 'birthDate', 'area']));
    expect(first.contributions.find((c) => c.field === 'birthDate')).toMatchObject({ level: 'exact' });
    expect(first.contributions.find((c) => c.field === 'birthDate')!.weight).toBeGreaterThan(0);
    expect(second).toMatchObject({ member: 1, individualId: teodora, visible: true, givenName: 'Teodora' });
    expect(second.matched).toContain('document');
    expect(node.likelyDuplicates).toHaveLength(2);

    await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code: 'ld_officer', name: 'Officer', permissions: ['intake.view', 'intake.review', 'registry.view'] } });
    await api.createUser('ld-north', PASSWORD, 'ld_officer', [north]);
    const token = (await api.login('ld-north', PASSWORD)).accessToken;
    const [seen] = (await q<{ intakeSubmissions: { edges: { node: Node }[] } }>(QUEUE, {}, token)).intakeSubmissions.edges.map((e) => e.node);
    expect(seen.likelyDuplicates.map((m) => [m.member, m.visible, m.givenName])).toEqual([
      [0, true, 'Zawadi'],
      // registered in the south: the officer learns that a registered person matches, and why, but not who
      [1, false, null],
    ]);
    expect(seen.likelyDuplicates[1].matched).toContain('document');
    // the raw issues carry no stored match (the household of the person in the south, the scores)
    expect(JSON.stringify(seen.issues)).not.toContain('matches');
  });
});
