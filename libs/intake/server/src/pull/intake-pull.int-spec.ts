import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { registryDefinition } from '@coremis/registry';
import { intakeDefinition } from '../intake.definition';
import { PullScheduler } from './pull-scheduler.service';
import { householdFields, PNG_PIXEL } from '../testing/fake-form-store';
import { FakeKoboServer } from '../testing/fake-kobo.server';
import { FakeOdkServer } from '../testing/fake-odk.server';

const PASSWORD = 'Intake-user#2026!';
const CREATE = `mutation($input: CreateConnectorInput!) { createIntakeConnector(input: $input) { id code kind version hasSecret } }`;
const SAVE_MAPPING = `mutation($input: SaveMappingInput!) { saveIntakeMapping(input: $input) { id version mapping } }`;
const PULL = `mutation($id: ID!) { pullIntakeConnector(id: $id) { id } }`;
const JOB = `query($id: ID!) { job(id: $id) { status progress result attempts } }`;
const QUEUE = `query($filter: SubmissionFilter) { intakeSubmissions(first: 100, filter: $filter) { totalCount edges { node { id uuid status version issues data householdId } } } }`;

const MAPPING = {
  membersPath: 'hh/members',
  rules: [
    { target: 'household.areaCode', path: 'hh/area' },
    { target: 'household.address', path: 'hh/address' },
    { target: 'household.photo', path: 'photo' },
    { target: 'member.givenName', path: 'hh/members/given_name' },
    { target: 'member.familyName', path: 'hh/members/family_name' },
    { target: 'member.sex', path: 'hh/members/sex' },
    { target: 'member.relationship', path: 'hh/members/relation' },
    { target: 'member.birthDate', path: 'hh/members/birth_date' },
    { target: 'member.phone', path: 'hh/members/phone' },
  ],
  choices: [
    { target: 'member.sex', value: 'f', code: 'F' },
    { target: 'member.sex', value: 'm', code: 'M' },
    { target: 'member.relationship', value: 'head', code: 'HEAD' },
    { target: 'member.relationship', value: 'child', code: 'SON' },
  ],
};

interface Node {
  id: string;
  uuid: string;
  status: string;
  version: number;
  issues: { field: string; code: string }[];
  data: { household: Record<string, unknown>; members: Record<string, unknown>[] };
  householdId: string | null;
}

describe('intake pulls from KoBoToolbox and ODK Central', () => {
  let api: TestApi;
  let kobo: FakeKoboServer;
  let odk: FakeOdkServer;
  let north: string;
  let south: string;
  const saved = { ...process.env };

  const q = async <T>(query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const result = await api.graphql<T>(query, variables, token ? { token } : {});
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  };
  const areaId = async (code: string) => (await sql<{ id: string }>(api.databaseUrl, 'SELECT id FROM geo.admin_area WHERE code = $1', [code]))[0].id;
  const pull = async (connectorId: string) => {
    const job = (await q<{ pullIntakeConnector: { id: string } }>(PULL, { id: connectorId })).pullIntakeConnector;
    for (let i = 0; i < 400; i++) {
      await api.drainJobs();
      const state = (await q<{ job: { status: string; progress: number; result: Record<string, number>; attempts: number } }>(JOB, { id: job.id })).job;
      if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(state.status)) return state;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('pull did not finish');
  };
  const queue = async (connectorId: string, token?: string) => (await q<{ intakeSubmissions: { totalCount: number; edges: { node: Node }[] } }>(QUEUE, { filter: { connectorId } }, token)).intakeSubmissions;
  const count = async (text: string, params: unknown[] = []) => (await sql<{ n: number }>(api.databaseUrl, text, params))[0].n;

  beforeAll(async () => {
    process.env.INTAKE_PAGE_SIZE = '10';
    process.env.INTAKE_HTTP_ATTEMPTS = '1';
    process.env.INTAKE_SCHEDULER_SECONDS = '0';
    process.env.INTAKE_ALLOWED_HOSTS = '127.0.0.1';
    kobo = await new FakeKoboServer().start();
    odk = await new FakeOdkServer().start();
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, intakeDefinition], { DEMO_DATA: 'true', JOB_RETRY_BASE_MS: '50' });
    [north, south] = [await areaId('DL-01'), await areaId('DL-02')];
  }, 300_000);

  afterAll(async () => {
    process.env = saved;
    await api?.stop();
    await kobo?.stop();
    await odk?.stop();
  });

  describe('KoBoToolbox', () => {
    let connectorId: string;

    beforeAll(async () => {
      for (let i = 1; i <= 25; i++) {
        const fields = householdFields(i, 3, 'DL-01');
        if (i === 1) fields['photo'] = 'head.png';
        if (i === 2) (fields['hh'] as Record<string, unknown>)['area'] = 'XX-99';
        if (i === 3) ((fields['hh'] as { members: Record<string, unknown>[] }).members[1])['birth_date'] = '2090-01-01';
        kobo.store.add(fields, i === 1 ? [{ name: 'head.png', content: PNG_PIXEL, contentType: 'image/png' }] : []);
      }
    });

    it('keeps the token sealed: never returned, only a flag', async () => {
      const created = (await q<{ createIntakeConnector: { id: string; version: number; hasSecret: boolean } }>(CREATE, {
        input: { code: 'KOBO-HH', name: 'Household survey', kind: 'KOBO', serverUrl: kobo.url, formId: kobo.assetUid, secret: kobo.token, areaId: north },
      })).createIntakeConnector;
      expect(created.hasSecret).toBe(true);
      connectorId = created.id;
      const asked = await api.graphql(`query($id: ID!) { intakeConnector(id: $id) { id secret } }`, { id: connectorId });
      expect(asked.errors).toHaveLength(1);
      expect(asked.data).toBeUndefined();
      const [row] = await sql<{ secret_sealed: string }>(api.databaseUrl, 'SELECT secret_sealed FROM intake.connector WHERE id = $1', [connectorId]);
      expect(row.secret_sealed).not.toContain(kobo.token);
      const audit = await sql<{ text: string }>(api.databaseUrl, `SELECT coalesce(changes::text, '') || coalesce(after::text, '') AS text FROM core.audit_log WHERE entity_type = 'Connector'`).catch(() => sql<{ text: string }>(api.databaseUrl, `SELECT row_to_json(a)::text AS text FROM core.audit_log a WHERE entity_type = 'Connector'`));
      expect(audit.length).toBeGreaterThan(0);
      expect(audit.map((a) => a.text).join()).not.toContain(kobo.token);
      const refused = await api.graphql(PULL, { id: connectorId });
      expect(refused.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      await q(SAVE_MAPPING, { input: { id: connectorId, version: created.version, mapping: MAPPING } });
    });

    it('previews the mapping on the latest submissions, with the form paths', async () => {
      const preview = (await q<{ previewIntakeMapping: { paths: string[]; repeatPaths: string[]; rows: { data: Node['data']; issues: Node['issues'] }[] } }>(
        `query($input: PreviewMappingInput!) { previewIntakeMapping(input: $input) { paths repeatPaths rows { instanceId data issues } } }`,
        { input: { id: connectorId, mapping: MAPPING, limit: 3 } },
      )).previewIntakeMapping;
      expect(preview.repeatPaths).toEqual(['hh/members']);
      expect(preview.paths).toEqual(expect.arrayContaining(['hh/area', 'hh/members/given_name', 'hh/members/relation']));
      expect(preview.rows).toHaveLength(3);
      expect(preview.rows[0].data.members[0]).toMatchObject({ relationship: 'HEAD', sex: 'F', familyName: expect.any(String) });
    });

    it('pulls every submission once although the server fails midway, resuming from the checkpoint', async () => {
      kobo.store.failures.failAtOffset = { offset: 10, count: 2 };
      const job = await pull(connectorId);
      expect(job.status).toBe('COMPLETED');
      expect(job.attempts).toBe(3);
      expect(job.progress).toBe(1);
      expect(job.result).toMatchObject({ received: 25, created: 25, updated: 0 });
      // the first page was fetched once: the retries started at the failed page
      expect(kobo.store.offsets.filter((o) => o === 0)).toHaveLength(1 + 1); // + the preview's first request
      expect(await count('SELECT count(*)::int AS n FROM intake.submission WHERE connector_id = $1', [connectorId])).toBe(25);
      expect(await count('SELECT count(*)::int AS n FROM intake.attachment')).toBe(1);
      const [raw] = await sql<{ raw: Record<string, unknown> }>(api.databaseUrl, `SELECT raw FROM intake.submission WHERE raw->>'_id' = '1'`);
      expect(raw.raw['hh/members']).toHaveLength(3);
      expect(raw.raw['_attachments']).toHaveLength(1);
    });

    it('stages: failing submissions wait in the queue with their issues', async () => {
      const all = await queue(connectorId);
      const review = all.edges.map((e) => e.node).filter((n) => n.status === 'REVIEW');
      expect(review.map((n) => n.issues.map((i) => i.code)).sort()).toEqual([['AREA_UNKNOWN'], ['DATE_IMPOSSIBLE']]);
      expect(all.edges.filter((e) => e.node.status === 'VALID')).toHaveLength(23);
    });

    it('a second pull with nothing new creates nothing; a slow answer is retried after its timeout', async () => {
      process.env.INTAKE_HTTP_TIMEOUT_MS = '300';
      process.env.INTAKE_HTTP_ATTEMPTS = '2';
      kobo.store.failures.slow = { ms: 1500, count: 1 };
      const job = await pull(connectorId);
      expect(job.status).toBe('COMPLETED');
      expect(job.result).toMatchObject({ created: 0, updated: 0 });
      expect(await count('SELECT count(*)::int AS n FROM intake.submission WHERE connector_id = $1', [connectorId])).toBe(25);
      process.env.INTAKE_HTTP_ATTEMPTS = '1';
      delete process.env.INTAKE_HTTP_TIMEOUT_MS;
    });

    it('corrects a failing submission field by field, accepts it, and an edit on the server updates that household', async () => {
      const failing = (await queue(connectorId)).edges.map((e) => e.node).find((n) => n.issues.some((i) => i.code === 'AREA_UNKNOWN'))!;
      const before = Date.now();
      const corrected = (await q<{ correctIntakeSubmission: Node & { corrections: { field: string; oldValue: unknown; newValue: unknown; correctedBy: string; createdAt: string }[] } }>(
        `mutation($input: CorrectSubmissionInput!) { correctIntakeSubmission(input: $input) { id status version issues corrections { field oldValue newValue correctedBy createdAt } } }`,
        { input: { id: failing.id, version: failing.version, corrections: [{ field: 'household.areaCode', value: 'DL-01' }] } },
      )).correctIntakeSubmission;
      expect(corrected.status).toBe('VALID');
      // who (the signed-in officer) and when
      const me = (await q<{ me: { id: string } }>('{ me { id } }')).me;
      expect(corrected.corrections).toEqual([{ field: 'household.areaCode', oldValue: 'XX-99', newValue: 'DL-01', correctedBy: me.id, createdAt: expect.any(String) }]);
      expect(Math.abs(Date.parse(corrected.corrections[0].createdAt) - before)).toBeLessThan(60_000);
      const households = await count('SELECT count(*)::int AS n FROM registry.household');
      const withPhoto = (await queue(connectorId)).edges.map((e) => e.node).find((n) => n.data.household['photo'] === 'head.png')!;
      const accepted = (await q<{ acceptIntakeSubmission: Node }>(`mutation($input: DecideSubmissionInput!) { acceptIntakeSubmission(input: $input) { id status householdId version } }`, { input: { id: withPhoto.id, version: withPhoto.version } })).acceptIntakeSubmission;
      expect(accepted.status).toBe('ACCEPTED');
      expect(await count('SELECT count(*)::int AS n FROM registry.household')).toBe(households + 1);
      const members = await sql<{ given_name: string; relationship: string; photo_file_id: string | null }>(api.databaseUrl, 'SELECT given_name, relationship, photo_file_id FROM registry.individual WHERE household_id = $1 ORDER BY id', [accepted.householdId]);
      expect(members).toHaveLength(3);
      expect(members[0]).toMatchObject({ relationship: 'HEAD', photo_file_id: expect.any(String) });
      expect(await count(`SELECT count(*)::int AS n FROM registry.household WHERE id = $1 AND registration_source = 'FIELD'`, [accepted.householdId])).toBe(1);

      kobo.store.edit(1, (fields) => {
        const hh = fields['hh'] as { address: string; members: Record<string, unknown>[] };
        hh.address = 'Moved to 7 Avenue Nouvelle';
        hh.members[0]['given_name'] = 'Awa-Marie';
      });
      const job = await pull(connectorId);
      expect(job.result).toMatchObject({ created: 0, updated: 1, registryUpdated: 1 });
      expect(await count('SELECT count(*)::int AS n FROM registry.household')).toBe(households + 1);
      expect(await count('SELECT count(*)::int AS n FROM intake.submission WHERE connector_id = $1', [connectorId])).toBe(25);
      const [household] = await sql<{ address: string }>(api.databaseUrl, 'SELECT address FROM registry.household WHERE id = $1', [accepted.householdId]);
      expect(household.address).toBe('Moved to 7 Avenue Nouvelle');
      expect(await count(`SELECT count(*)::int AS n FROM registry.individual WHERE household_id = $1 AND given_name = 'Awa-Marie'`, [accepted.householdId])).toBe(1);
      const [row] = await sql<{ instance_ids: string[]; status: string }>(api.databaseUrl, 'SELECT instance_ids, status FROM intake.submission WHERE id = $1', [withPhoto.id]);
      expect(row.instance_ids).toHaveLength(2);
      expect(row.status).toBe('ACCEPTED');

      // edited twice between two pulls: the second version it names as deprecated was never received
      kobo.store.edit(5, (fields) => ((fields['hh'] as { address: string }).address = 'First edit'));
      kobo.store.edit(5, (fields) => ((fields['hh'] as { address: string }).address = 'Second edit'));
      const twice = await pull(connectorId);
      expect(twice.result).toMatchObject({ created: 0, updated: 1 });
      expect(await count('SELECT count(*)::int AS n FROM intake.submission WHERE connector_id = $1', [connectorId])).toBe(25);
      const [fifth] = await sql<{ data: Node['data']; instance_ids: string[] }>(api.databaseUrl, `SELECT data, instance_ids FROM intake.submission WHERE raw->>'_id' = '5'`);
      expect(fifth.data.household['address']).toBe('Second edit');
      expect(fifth.instance_ids).toHaveLength(3);
    });

    it('applies a bulk rule after a preview, and rejects with a reason', async () => {
      kobo.store.add({ hh: { area: 'DL-01', address: 'x', members: [{ given_name: '  aminata  ', family_name: 'SOW', sex: 'f', relation: 'Chef de ménage', birth_date: '1980-02-03', phone: '77 123 45 67' }] } });
      await pull(connectorId);
      const rule = { kind: 'MAP_RELATIONSHIP', connectorId, value: 'chef de ménage', code: 'HEAD' };
      const preview = (await q<{ previewIntakeRule: { submissions: number; fields: number; sample: { field: string; oldValue: string; newValue: string }[] } }>(`query($input: CleaningRuleInput!) { previewIntakeRule(input: $input) { submissions fields sample { field oldValue newValue } } }`, { input: rule })).previewIntakeRule;
      expect(preview).toEqual({ submissions: 1, fields: 1, sample: [{ field: 'members.0.relationship', oldValue: 'Chef de ménage', newValue: 'HEAD' }] });
      expect(await count(`SELECT count(*)::int AS n FROM intake.correction WHERE rule IS NOT NULL`)).toBe(0);
      const applied = (await q<{ applyIntakeRule: { submissions: number } }>(`mutation($input: CleaningRuleInput!) { applyIntakeRule(input: $input) { submissions fields } }`, { input: rule })).applyIntakeRule;
      expect(applied.submissions).toBe(1);
      const names = (await q<{ applyIntakeRule: { submissions: number; fields: number } }>(`mutation($input: CleaningRuleInput!) { applyIntakeRule(input: $input) { submissions fields } }`, { input: { kind: 'TITLE_CASE_NAMES', connectorId } })).applyIntakeRule;
      expect(names).toEqual({ submissions: 1, fields: 2 });
      // phone numbers to E.164 with the country's calling code by default, previewed first
      const phones = { kind: 'PHONE_E164', connectorId, country: '221' };
      const phonePreview = (await q<{ previewIntakeRule: { submissions: number; sample: { field: string; oldValue: string; newValue: string }[] } }>(`query($input: CleaningRuleInput!) { previewIntakeRule(input: $input) { submissions sample { field oldValue newValue } } }`, { input: phones })).previewIntakeRule;
      expect(phonePreview).toEqual({ submissions: 1, sample: [{ field: 'members.0.phone', oldValue: '77 123 45 67', newValue: '+221771234567' }] });
      expect((await q<{ applyIntakeRule: { fields: number } }>(`mutation($input: CleaningRuleInput!) { applyIntakeRule(input: $input) { fields } }`, { input: phones })).applyIntakeRule.fields).toBe(1);
      const fixed = (await queue(connectorId)).edges.map((e) => e.node).find((n) => n.data.household['address'] === 'x')!;
      expect(fixed).toMatchObject({ status: 'VALID', data: { members: [{ relationship: 'HEAD', givenName: 'Aminata', familyName: 'Sow', phone: '+221771234567' }] } });
      const bad = await api.graphql(`mutation($input: CleaningRuleInput!) { applyIntakeRule(input: $input) { submissions } }`, { input: { kind: 'PHONE_E164' } }, { lang: 'fr' });
      expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'country', message: 'Indiquez l’indicatif du pays par défaut.' }] });
      const rejected = (await q<{ rejectIntakeSubmission: { status: string; rejectReason: string } }>(`mutation($input: RejectSubmissionInput!) { rejectIntakeSubmission(input: $input) { status rejectReason } }`, { input: { id: fixed.id, version: fixed.version, reason: 'Test household' } })).rejectIntakeSubmission;
      expect(rejected).toEqual({ status: 'REJECTED', rejectReason: 'Test household' });
    });

    it('limits the queue to the caller\'s areas', async () => {
      await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code: 'intake_officer', name: 'Intake officer', permissions: ['intake.view', 'intake.review', 'registry.view', 'registry.edit'] } });
      await api.createUser('south-officer', PASSWORD, 'intake_officer', [south]);
      await api.createUser('north-officer', PASSWORD, 'intake_officer', [north]);
      const southToken = (await api.login('south-officer', PASSWORD)).accessToken;
      const northToken = (await api.login('north-officer', PASSWORD)).accessToken;
      expect((await queue(connectorId, southToken)).totalCount).toBe(0);
      expect((await queue(connectorId, northToken)).totalCount).toBe(26);
      const open = (await queue(connectorId)).edges.map((e) => e.node).find((n) => n.status === 'VALID')!;
      const refused = await api.graphql(`mutation($input: DecideSubmissionInput!) { acceptIntakeSubmission(input: $input) { id } }`, { input: { id: open.id, version: open.version } }, { token: southToken });
      expect(refused.errors![0].extensions!.code).toBe('NOT_FOUND');
      const byId = await api.graphql<{ intakeSubmission: unknown }>(`query($id: ID!) { intakeSubmission(id: $id) { id } }`, { id: open.id }, { token: southToken });
      expect(byId.data!.intakeSubmission).toBeNull();
      const connectors = await api.graphql<{ intakeConnectors: { totalCount: number } }>(`{ intakeConnectors(first: 10) { totalCount } }`, {}, { token: southToken });
      expect(connectors.data!.intakeConnectors.totalCount).toBe(0);
      const [attachment] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM intake.attachment WHERE name = 'head.png'`);
      const get = (token: string) => fetch(`${api.url}/api/intake/attachments/${attachment.id}`, { headers: { Authorization: `Bearer ${token}` } });
      expect((await get(southToken)).status).toBe(404);
      const own = await get(northToken);
      expect(own.status).toBe(200);
      expect(Buffer.from(await own.arrayBuffer()).equals(PNG_PIXEL)).toBe(true);
    });

    it('holds an acceptance for approval when a maker-checker flow is set', async () => {
      await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code: 'intake_checker', name: 'Intake checker', permissions: ['intake.view', 'core.approvals.view', 'core.approvals.decide'] } });
      await api.createUser('intake-checker', PASSWORD, 'intake_checker');
      const checkerToken = (await api.login('intake-checker', PASSWORD)).accessToken;
      const flow = await api.graphql('mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }', {
        input: { operation: 'intake.submissions.accept', enabled: true, levels: [{ roles: ['intake_checker'], policy: 'ANY' }] },
      });
      expect(flow.errors).toBeUndefined();
      const households = await count('SELECT count(*)::int AS n FROM registry.household');
      const open = (await queue(connectorId)).edges.map((e) => e.node).find((n) => n.status === 'VALID')!;
      const held = await api.graphql(`mutation($input: DecideSubmissionInput!) { acceptIntakeSubmission(input: $input) { id status } }`, { input: { id: open.id, version: open.version } });
      expect(held.errors![0].extensions!.code).toBe('APPROVAL_PENDING');
      expect(await count('SELECT count(*)::int AS n FROM registry.household')).toBe(households);
      const approved = await api.graphql<{ approveOperation: { status: string } }>('mutation($id: ID!) { approveOperation(id: $id) { status } }', { id: held.errors![0].extensions!['pendingOperationId'] }, { token: checkerToken });
      expect(approved.data!.approveOperation.status).toBe('EXECUTED');
      expect(await count('SELECT count(*)::int AS n FROM registry.household')).toBe(households + 1);
      expect((await sql<{ status: string }>(api.databaseUrl, 'SELECT status FROM intake.submission WHERE id = $1', [open.id]))[0].status).toBe('ACCEPTED');
      await api.graphql('mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }', { input: { operation: 'intake.submissions.accept', enabled: false, levels: [{ roles: ['intake_checker'], policy: 'ANY' }] } });
    });

    it('refuses server URLs on loopback, private, link-local or metadata addresses unless allowed, when saved and again at every pull', async () => {
      const input = { code: 'KOBO-SSRF', name: 'x', kind: 'KOBO', formId: 'f', secret: 's', areaId: north };
      const refused = async (serverUrl: string, lang = 'en') => (await api.graphql(CREATE, { input: { ...input, serverUrl } }, { lang })).errors?.[0]?.extensions;
      expect(await refused('http://169.254.169.254/latest/meta-data', 'fr')).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: [{ field: 'serverUrl', message: 'Les connecteurs ne peuvent pas appeler 169.254.169.254 : c’est une adresse locale, privée, de lien local ou réservée. Un administrateur peut l’autoriser dans INTAKE_ALLOWED_HOSTS.' }],
      });
      for (const url of ['http://localhost:8080/', 'http://10.0.0.5/', 'http://[::1]:9/', 'http://[::ffff:7f00:1]/', 'http://0x0a000001/', 'http://192.168.1.10/kobo']) {
        expect({ url, error: await refused(url, 'pt') }).toMatchObject({ url, error: { code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'serverUrl', message: expect.stringContaining('Os conectores não podem chamar') }] } });
      }
      expect(await count(`SELECT count(*)::int AS n FROM intake.connector WHERE code = 'KOBO-SSRF'`)).toBe(0);
      // the fake KoBo server on 127.0.0.1 was allowed (INTAKE_ALLOWED_HOSTS) when the connector was saved; without
      // the allowance the pull is refused before any request reaches it, and fails at once (no retry)
      const allowed = process.env.INTAKE_ALLOWED_HOSTS;
      delete process.env.INTAKE_ALLOWED_HOSTS;
      try {
        const requests = kobo.store.requests;
        const job = await pull(connectorId);
        expect(job).toMatchObject({ status: 'FAILED', attempts: 1 });
        expect(kobo.store.requests).toBe(requests);
        const [connector] = await sql<{ version: number }>(api.databaseUrl, 'SELECT version FROM intake.connector WHERE id = $1', [connectorId]);
        const moved = await api.graphql(`mutation($input: UpdateConnectorInput!) { updateIntakeConnector(input: $input) { id } }`, { input: { id: connectorId, version: connector.version, serverUrl: kobo.url } });
        expect(moved.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'serverUrl' }] });
      } finally {
        process.env.INTAKE_ALLOWED_HOSTS = allowed;
      }
    });
  });

  it('schedules pulls of due connectors once, as their owner, whatever the number of ticks', async () => {
    const [connector] = await sql<{ id: string; version: number }>(api.databaseUrl, `SELECT id, version FROM intake.connector WHERE code = 'KOBO-HH'`);
    const updated = await api.graphql(`mutation($input: UpdateConnectorInput!) { updateIntakeConnector(input: $input) { id pullIntervalMinutes } }`, { input: { id: connector.id, version: connector.version, pullIntervalMinutes: 30 } });
    expect(updated.errors).toBeUndefined();
    const scheduler = api.app.get(PullScheduler, { strict: false });
    const before = await count(`SELECT count(*)::int AS n FROM core.job WHERE queue = 'intake.pull'`);
    expect(await scheduler.tick()).toBe(1);
    // the next pull is 30 minutes away, and this one is queued or running
    expect(await scheduler.tick()).toBe(0);
    await api.drainJobs();
    expect(await count(`SELECT count(*)::int AS n FROM core.job WHERE queue = 'intake.pull'`)).toBe(before + 1);
    const [job] = await sql<{ created_by: string | null; status: string }>(api.databaseUrl, `SELECT created_by, status FROM core.job WHERE queue = 'intake.pull' ORDER BY created_at DESC LIMIT 1`);
    expect(job.created_by).not.toBeNull();
    await sql(api.databaseUrl, `UPDATE intake.connector SET next_pull_at = now() - interval '1 minute' WHERE id = $1`, [connector.id]);
    await api.drainJobs();
    expect(await scheduler.tick()).toBe(1);
    await api.drainJobs();
  });

  describe('ODK Central', () => {
    let connectorId: string;

    beforeAll(async () => {
      process.env.INTAKE_HTTP_ATTEMPTS = '1';
      for (let i = 1; i <= 12; i++) {
        const fields = householdFields(100 + i, 2, 'DL-01');
        if (i === 4) fields['photo'] = 'face.png';
        odk.store.add(fields, i === 4 ? [{ name: 'face.png', content: PNG_PIXEL, contentType: 'image/png' }] : []);
      }
      const created = (await q<{ createIntakeConnector: { id: string; version: number } }>(CREATE, {
        input: { code: 'ODK-HH', name: 'ODK survey', kind: 'ODK', serverUrl: odk.url, projectId: odk.projectId, formId: odk.xmlFormId, username: odk.email, secret: odk.password, areaId: north },
      })).createIntakeConnector;
      connectorId = created.id;
      await q(SAVE_MAPPING, { input: { id: connectorId, version: created.version, mapping: MAPPING } });
    });

    it('refuses an ODK connector without its project or user', async () => {
      const refused = await api.graphql(CREATE, { input: { code: 'ODK-X', name: 'x', kind: 'ODK', serverUrl: odk.url, formId: 'f', secret: 's', areaId: north } }, { lang: 'pt' });
      expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'projectId', message: 'Um conector ODK Central precisa do identificador do projeto.' }] });
    });

    it('pulls with a session token, joins the repeat table, keeps attachments and survives a 500 midway', async () => {
      odk.store.failures.failAtOffset = { offset: 10, count: 1 };
      const job = await pull(connectorId);
      expect(job).toMatchObject({ status: 'COMPLETED', attempts: 2, result: { received: 12, created: 12 } });
      expect(await count('SELECT count(*)::int AS n FROM intake.submission WHERE connector_id = $1', [connectorId])).toBe(12);
      const nodes = (await queue(connectorId)).edges.map((e) => e.node);
      // the generated names can meet people of the demo registry: those are flagged with the person they may be
      const flagged = nodes.filter((n) => n.status !== 'VALID').flatMap((n) => n.issues as unknown as { code: string; ref: string }[]);
      expect(flagged.every((i) => i.code === 'LIKELY_DUPLICATE')).toBe(true);
      for (const issue of flagged) expect(await count('SELECT count(*)::int AS n FROM registry.individual WHERE id = $1', [issue.ref])).toBe(1);
      expect(nodes.every((n) => n.data.members.length === 2 && n.data.members[0]['relationship'] === 'HEAD')).toBe(true);
      const first = odk.store.submissions[0];
      expect(nodes.find((n) => n.uuid === first.id)).toBeDefined();
      expect(await count(`SELECT count(*)::int AS n FROM intake.attachment a JOIN intake.submission s ON s.id = a.submission_id WHERE s.connector_id = $1 AND a.name = 'face.png'`, [connectorId])).toBe(1);
    });

    it('an edit (new instanceID, __system/edits) updates the same row; an expired session logs in again', async () => {
      const logins = odk.logins;
      odk.expireSessions();
      odk.store.edit(4, (fields) => ((fields['hh'] as { members: Record<string, unknown>[] }).members[1]['given_name'] = 'Edited'));
      const job = await pull(connectorId);
      expect(job).toMatchObject({ status: 'COMPLETED', result: { created: 0, updated: 1 } });
      expect(odk.logins).toBe(logins + 1);
      expect(await count('SELECT count(*)::int AS n FROM intake.submission WHERE connector_id = $1', [connectorId])).toBe(12);
      const [row] = await sql<{ data: Node['data']; instance_ids: string[] }>(api.databaseUrl, 'SELECT data, instance_ids FROM intake.submission WHERE uuid = $1', [odk.store.submissions[3].id]);
      expect(row.data.members[1]['givenName']).toBe('Edited');
      expect(row.instance_ids).toEqual([odk.store.submissions[3].deprecatedId, odk.store.submissions[3].instanceId]);
    });
  });
});
