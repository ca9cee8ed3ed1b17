import { coreDefinition, JobService } from '@coremis/core';
import { recordSqlStatements, sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { registryDefinition } from '@coremis/registry';
import { programsDefinition } from './programs.definition';

const PASSWORD = 'Beneficiaries#2026!';
const B_FIELDS = 'id status version score household { id code } history { fromStatus toStatus reasonCode reasonText source userId effectiveDate }';
const LIST = `query($programId: ID!, $filter: BeneficiaryFilter, $first: Int) { beneficiaries(programId: $programId, filter: $filter, first: $first) { totalCount edges { node { ${B_FIELDS} } } } }`;
const CHANGE = `mutation($input: ChangeBeneficiaryStatusInput!) { changeBeneficiaryStatus(input: $input) { ${B_FIELDS} } }`;
const ENROL = `mutation($input: EnrolBeneficiaryInput!) { enrolBeneficiary(input: $input) { ${B_FIELDS} } }`;
const ENROL_CODES = 'mutation($input: EnrolHouseholdCodesInput!) { enrolHouseholdsByCode(input: $input) { selected inScope created updated refused unchanged byStatus } }';
const BULK = 'mutation($input: BulkStatusChangeInput!) { startBulkStatusChange(input: $input) { id status } }';
const PREVIEW = 'query($selection: BeneficiarySelectionInput!, $to: BeneficiaryStatus!) { previewBulkStatusChange(selection: $selection, toStatus: $to) { matching allowed } }';
const SAVE_FLOW = 'mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }';
const APPROVE = 'mutation($id: ID!) { approveOperation(id: $id) { status error } }';

// the root jest config (several projects) does not pass the preset's testTimeout on
jest.setTimeout(120_000);

interface Node {
  id: string;
  status: string;
  version: number;
  score: number | null;
  household: { id: string; code: string } | null;
  history: { fromStatus: string | null; toStatus: string; reasonCode: string; reasonText: string | null; source: string; userId: string | null; effectiveDate: string }[];
}

describe('beneficiaries', () => {
  let api: TestApi;
  let programId: string;
  let district: { id: string; path: string };
  let otherProvince: { id: string; path: string };
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};

  const as = <T = Record<string, unknown>>(user: string | null, query: string, variables: Record<string, unknown> = {}, lang?: string) =>
    user ? api.graphql<T>(query, variables, { token: tokens[user], lang }) : api.graphql<T>(query, variables, { lang });
  const db = <T>(query: string, params: unknown[] = []) => sql<T>(api.databaseUrl, query, params);
  const beneficiaryOf = async (where: string, params: unknown[] = []) =>
    (await db<{ id: string; status: string; version: number; area_path: string; household_id: string }>(`SELECT b.id, b.status, b.version, b.area_path, b.household_id FROM programs.beneficiary b WHERE b.program_id = $1 AND ${where} ORDER BY b.id LIMIT 1`, [programId, ...params]))[0];

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, programsDefinition], { DEMO_DATA: 'true' });
    programId = (await db<{ id: string }>(`SELECT id FROM programs.program WHERE code = 'DEMO-CG'`))[0].id;
    // the district of DL-01 with the most demo beneficiaries, and another province outside the programme
    district = (
      await db<{ id: string; path: string }>(
        `SELECT a.id, a.path FROM geo.admin_area a JOIN geo.admin_area p ON p.id = a.parent_id
         WHERE p.code = 'DL-01' ORDER BY (SELECT count(*) FROM programs.beneficiary b WHERE starts_with(b.area_path, a.path)) DESC, a.code LIMIT 1`,
      )
    )[0];
    otherProvince = (await db<{ id: string; path: string }>(`SELECT id, path FROM geo.admin_area WHERE code = 'DL-02'`))[0];
    const roles: Record<string, string[]> = {
      prog_officer: ['programs.view', 'programs.beneficiaries.manage', 'programs.beneficiaries.bulk', 'registry.view', 'core.approvals.view', 'core.jobs.view'],
      prog_checker: ['programs.view', 'core.approvals.view', 'core.approvals.decide'],
      prog_viewer: ['programs.view'],
    };
    for (const [code, permissions] of Object.entries(roles)) {
      expect((await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } })).errors).toBeUndefined();
    }
    const users: [string, string, string[] | null][] = [
      ['local', 'prog_officer', [district.id]],
      ['officer', 'prog_officer', null],
      ['checker', 'prog_checker', null],
      ['viewer', 'prog_viewer', [district.id]],
    ];
    // test users prefixed: the demo data has its own "officer"
    for (const [name, role, areas] of users) {
      await api.createUser(`t_${name}`, PASSWORD, role, areas);
      tokens[name] = (await api.login(`t_${name}`, PASSWORD)).accessToken;
    }
    for (const row of await db<{ id: string; username: string }>('SELECT id, username FROM core."user"')) userIds[row.username.replace(/^t_/, '')] = row.id;
  });

  afterAll(() => api?.stop());

  it("reads the registry's summary columns for a list page's households and people, with the same answers as every column", async () => {
    const { statements: sent, stop } = recordSqlStatements();
    type Page = { beneficiaries: { edges: { node: { household: Record<string, unknown> | null; individual: Record<string, unknown> | null } }[] } };
    const page = (extra: string) =>
      `query($programId: ID!) { beneficiaries(programId: $programId, first: 60) { edges { node { id status household { id code head { givenName familyName } ${extra} } individual { id givenName familyName ${extra} } area { id name shortPath } } } } }`;
    const strip = (p: Page) => p.beneficiaries.edges.map(({ node }) => ({ ...node, household: node.household && { ...node.household, extra: undefined }, individual: node.individual && { ...node.individual, extra: undefined } }));
    try {
      for (const user of ['officer', 'local']) {
        sent.length = 0;
        const summary = await as<Page>(user, page(''), { programId });
        expect(summary.errors).toBeUndefined();
        const households = sent.filter((t) => t.includes('FROM "registry"."household"'));
        expect(households.length).toBeGreaterThan(0);
        expect(households.every((t) => !t.includes('"h"."extra"'))).toBe(true);
        const full = await as<Page>(user, page('extra'), { programId });
        expect(full.errors).toBeUndefined();
        expect(sent.filter((t) => t.includes('FROM "registry"."household"')).some((t) => t.includes('"h"."extra"'))).toBe(true);
        expect(strip(summary.data!)).toEqual(strip(full.data!));
        expect(summary.data!.beneficiaries.edges.filter((e) => e.node.household?.['head']).length).toBeGreaterThan(0);
      }
    } finally {
      stop();
    }
  });

  it('lists the demo beneficiaries with filters, their household and history', async () => {
    const counts = await db<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1 GROUP BY status ORDER BY status', [programId]);
    expect(counts.map((c) => c.status)).toEqual(['ACTIVE', 'INELIGIBLE', 'SUSPENDED', 'WAITLISTED']);
    const active = await as<{ beneficiaries: { totalCount: number; edges: { node: Node }[] } }>('officer', LIST, { programId, filter: { statuses: ['ACTIVE'] }, first: 5 });
    expect(active.errors).toBeUndefined();
    expect(active.data!.beneficiaries.totalCount).toBe(counts.find((c) => c.status === 'ACTIVE')!.n);
    expect(active.data!.beneficiaries.edges[0].node).toMatchObject({ status: 'ACTIVE', household: { code: expect.any(String) }, history: [{ fromStatus: null, toStatus: 'ACTIVE', reasonCode: 'ENROLLED' }] });
    const scored = await as<{ beneficiaries: { totalCount: number; edges: { node: Node }[] } }>('officer', LIST, { programId, filter: { scoreMin: 50, scoreMax: 60 }, first: 100 });
    const expected = (await db<{ n: number }>('SELECT count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1 AND score BETWEEN 50 AND 60', [programId]))[0].n;
    expect(scored.data!.beneficiaries.totalCount).toBe(expected);
    expect(scored.data!.beneficiaries.edges.every((e) => e.node.score! >= 50 && e.node.score! <= 60)).toBe(true);
  });

  it('follows the transition table: each change dated, with its reason, source and user, audited', async () => {
    const b = await beneficiaryOf(`status = 'ACTIVE'`);
    const graduated = await as<{ changeBeneficiaryStatus: Node }>('officer', CHANGE, {
      input: { beneficiaryId: b.id, version: b.version, toStatus: 'GRADUATED', reasonCode: 'CRITERIA_MET', reasonText: 'Income above the line', effectiveDate: '2026-11-30' },
    });
    expect(graduated.errors).toBeUndefined();
    expect(graduated.data!.changeBeneficiaryStatus.history[0]).toEqual({
      fromStatus: 'ACTIVE',
      toStatus: 'GRADUATED',
      reasonCode: 'CRITERIA_MET',
      reasonText: 'Income above the line',
      source: 'MANUAL',
      userId: userIds.officer,
      effectiveDate: '2026-11-30',
    });
    // GRADUATED never goes straight back to ACTIVE: a translated 4xx, nothing written
    const back = await as('officer', CHANGE, { input: { beneficiaryId: b.id, version: b.version + 1, toStatus: 'ACTIVE', reasonCode: 'REINSTATED' } }, 'fr');
    expect(back.errors![0]).toMatchObject({ message: 'Un bénéficiaire ne peut pas passer de GRADUATED à ACTIVE.', extensions: { code: 'BAD_USER_INPUT' } });
    expect((await beneficiaryOf('id = $2', [b.id])).status).toBe('GRADUATED');
    const history = await db<{ n: number }>('SELECT count(*)::int AS n FROM programs.beneficiary_status_change WHERE beneficiary_id = $1', [b.id]);
    expect(history[0].n).toBe(2);
    const audited = await db<{ n: number }>(`SELECT count(*)::int AS n FROM core.audit_log WHERE entity_type = 'Beneficiary' AND entity_id = $1`, [b.id]);
    expect(audited[0].n).toBe(1);
    // an unknown reason code and a stale version are refused too
    expect((await as('officer', CHANGE, { input: { beneficiaryId: b.id, version: b.version + 1, toStatus: 'POTENTIAL', reasonCode: 'BECAUSE' } })).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect((await as('officer', CHANGE, { input: { beneficiaryId: b.id, version: b.version, toStatus: 'POTENTIAL', reasonCode: 'REINSTATED' } })).errors![0].extensions!.code).toBe('CONFLICT');
  });

  it('keeps a restricted user to the beneficiaries of their areas, for reads and writes', async () => {
    const listed = await as<{ beneficiaries: { totalCount: number } }>('local', 'query($programId: ID!) { beneficiaries(programId: $programId, first: 100) { totalCount edges { node { id } } } }', { programId });
    expect(listed.errors).toBeUndefined();
    const inDistrict = (await db<{ n: number }>('SELECT count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1 AND starts_with(area_path, $2)', [programId, district.path]))[0].n;
    const all = (await db<{ n: number }>('SELECT count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1', [programId]))[0].n;
    expect(inDistrict).toBeGreaterThan(0);
    expect(inDistrict).toBeLessThan(all);
    expect(listed.data!.beneficiaries.totalCount).toBe(inDistrict);
    const outside = await beneficiaryOf(`status = 'ACTIVE' AND NOT starts_with(area_path, $2)`, [district.path]);
    const read = await as<{ beneficiary: Node | null }>('local', 'query($id: ID!) { beneficiary(id: $id) { id } }', { id: outside.id });
    expect(read.data!.beneficiary).toBeNull();
    const change = await as('local', CHANGE, { input: { beneficiaryId: outside.id, version: outside.version, toStatus: 'SUSPENDED', reasonCode: 'NON_COMPLIANCE' } });
    expect(change.errors![0].extensions!.code).toBe('NOT_FOUND');
    const history = await as<{ householdBeneficiaries: Node[] }>('local', 'query($id: ID!) { householdBeneficiaries(householdId: $id) { id } }', { id: outside.household_id });
    expect(history.data!.householdBeneficiaries).toEqual([]);
    // a bulk change by the restricted user only touches their district
    const job = await as<{ startBulkStatusChange: { id: string } }>('local', BULK, {
      input: { selection: { programId, fromStatuses: ['WAITLISTED'] }, toStatus: 'INELIGIBLE', reasonCode: 'NOT_ELIGIBLE' },
    });
    expect(job.errors).toBeUndefined();
    await api.drainJobs();
    const moved = await db<{ inside: boolean; n: number }>(
      `SELECT starts_with(area_path, $2) AS inside, count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1 AND status = 'WAITLISTED' GROUP BY 1`,
      [programId, district.path],
    );
    expect(moved.find((m) => m.inside)).toBeUndefined();
    expect(moved.find((m) => !m.inside)!.n).toBeGreaterThan(0);
    expect((await as('viewer', CHANGE, { input: { beneficiaryId: outside.id, version: outside.version, toStatus: 'SUSPENDED', reasonCode: 'NON_COMPLIANCE' } })).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('enrols households by hand and from a list of codes, refusing what is not covered', async () => {
    const [free] = await db<{ id: string; code: string }>(
      `SELECT h.id, h.code FROM registry.household h WHERE starts_with(h.area_path, (SELECT coverage_paths[1] FROM programs.program WHERE id = $1))
       AND NOT EXISTS (SELECT 1 FROM programs.beneficiary b WHERE b.household_id = h.id) ORDER BY h.code LIMIT 1`,
      [programId],
    );
    const enrolled = await as<{ enrolBeneficiary: Node }>('officer', ENROL, { input: { programId, householdId: free.id, status: 'ACTIVE', reasonCode: 'ENROLLED' } });
    expect(enrolled.errors).toBeUndefined();
    expect(enrolled.data!.enrolBeneficiary).toMatchObject({ status: 'ACTIVE', household: { code: free.code }, history: [{ fromStatus: null, toStatus: 'ACTIVE', source: 'MANUAL' }] });
    const again = await as('officer', ENROL, { input: { programId, householdId: free.id, status: 'ACTIVE', reasonCode: 'ENROLLED' } }, 'pt');
    expect(again.errors![0]).toMatchObject({ message: 'Este agregado ou pessoa já está no programa (estado ACTIVE).', extensions: { code: 'CONFLICT' } });
    const [outside] = await db<{ id: string; code: string }>(`SELECT id, code FROM registry.household WHERE starts_with(area_path, $1) ORDER BY code LIMIT 2`, [otherProvince.path]);
    const uncovered = await as('officer', ENROL, { input: { programId, householdId: outside.id, status: 'ACTIVE', reasonCode: 'ENROLLED' } });
    expect(uncovered.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'householdId', message: 'This household is outside the programme\'s coverage.' }] });
    const newcomer = await as('officer', ENROL, { input: { programId, householdId: outside.id, status: 'SUSPENDED', reasonCode: 'ENROLLED' } });
    expect(newcomer.errors![0].extensions!.code).toBe('BAD_USER_INPUT');

    const codes = await db<{ code: string }>(
      `SELECT h.code FROM registry.household h WHERE starts_with(h.area_path, (SELECT coverage_paths[1] FROM programs.program WHERE id = $1))
       AND NOT EXISTS (SELECT 1 FROM programs.beneficiary b WHERE b.household_id = h.id) ORDER BY h.code LIMIT 3`,
      [programId],
    );
    const before = (await db<{ n: number }>('SELECT count(*)::int AS n FROM programs.beneficiary')).at(0)!.n;
    const refused = await as('officer', ENROL_CODES, { input: { programId, codes: [...codes.map((c) => c.code), outside.code, 'NO-SUCH-CODE'], status: 'WAITLISTED', reasonCode: 'WAITLISTED_QUOTA' } });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'codes' }] });
    expect(refused.errors![0].extensions!.fieldErrors).toEqual([{ field: 'codes', message: expect.stringContaining('NO-SUCH-CODE') }]);
    expect((await db<{ n: number }>('SELECT count(*)::int AS n FROM programs.beneficiary')).at(0)!.n).toBe(before);
    const imported = await as<{ enrolHouseholdsByCode: Record<string, unknown> }>('officer', ENROL_CODES, { input: { programId, codes: codes.map((c) => c.code), status: 'WAITLISTED', reasonCode: 'WAITLISTED_QUOTA' } });
    expect(imported.data!.enrolHouseholdsByCode).toEqual({ selected: 3, inScope: 3, created: 3, updated: 0, refused: 0, unchanged: 0, byStatus: { WAITLISTED: 3 } });
    const sources = await db<{ source: string; n: number }>(
      `SELECT h.source, count(*)::int AS n FROM programs.beneficiary_status_change h JOIN programs.beneficiary b ON b.id = h.beneficiary_id JOIN registry.household r ON r.id = b.household_id WHERE r.code = ANY($1) GROUP BY h.source`,
      [codes.map((c) => c.code)],
    );
    expect(sources).toEqual([{ source: 'IMPORT', n: 3 }]);
  });

  it('runs a bulk change as a job: preview, set-based batches, refused transitions counted, history per beneficiary', async () => {
    const selection = { programId, fromStatuses: ['ACTIVE', 'INELIGIBLE'], areaId: district.id };
    const preview = await as<{ previewBulkStatusChange: { matching: number; allowed: number } }>('officer', PREVIEW, { selection, to: 'SUSPENDED' });
    const expected = await db<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1 AND starts_with(area_path, $2) AND status IN ('ACTIVE', 'INELIGIBLE') GROUP BY status`,
      [programId, district.path],
    );
    const active = expected.find((e) => e.status === 'ACTIVE')?.n ?? 0;
    const ineligible = expected.find((e) => e.status === 'INELIGIBLE')?.n ?? 0;
    expect(active).toBeGreaterThan(0);
    expect(preview.data!.previewBulkStatusChange).toEqual({ matching: active + ineligible, allowed: active });
    const started = await as<{ startBulkStatusChange: { id: string } }>('officer', BULK, { input: { selection, toStatus: 'SUSPENDED', reasonCode: 'NON_COMPLIANCE', reasonText: 'Area audit' } });
    expect(started.errors).toBeUndefined();
    await api.drainJobs();
    const job = await as<{ job: { status: string; progress: number; result: Record<string, unknown> } }>('officer', 'query($id: ID!) { job(id: $id) { status progress result } }', { id: started.data!.startBulkStatusChange.id });
    expect(job.data!.job).toMatchObject({ status: 'COMPLETED', progress: 1, result: { total: active + ineligible, updated: active, refused: ineligible, byStatus: { SUSPENDED: active } } });
    const left = await db<{ n: number }>(`SELECT count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1 AND starts_with(area_path, $2) AND status = 'ACTIVE'`, [programId, district.path]);
    expect(left[0].n).toBe(0);
    const history = await db<{ n: number }>(`SELECT count(*)::int AS n FROM programs.beneficiary_status_change WHERE source = 'BULK' AND source_ref = $1 AND to_status = 'SUSPENDED' AND reason_text = 'Area audit'`, [started.data!.startBulkStatusChange.id]);
    expect(history[0].n).toBe(active);
    // a bulk change no transition allows is refused before it starts
    const impossible = await as('officer', BULK, { input: { selection: { programId, fromStatuses: ['GRADUATED'] }, toStatus: 'ACTIVE', reasonCode: 'REINSTATED' } });
    expect(impossible.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('proposes exits by criteria and applies them once an officer confirms', async () => {
    const [{ threshold }] = await db<{ threshold: number }>(`SELECT (max(score) - 4)::float AS threshold FROM programs.beneficiary WHERE program_id = $1 AND status IN ('ACTIVE', 'SUSPENDED')`, [programId]);
    const proposed = await as<{ proposeExits: { proposed: number } }>('officer', 'mutation($input: ProposeExitsInput!) { proposeExits(input: $input) { proposed } }', {
      input: { programId, criteria: { scoreAbove: threshold } },
    });
    const expected = await db<{ n: number }>(`SELECT count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1 AND status IN ('ACTIVE', 'SUSPENDED') AND score > $2`, [programId, threshold]);
    expect(expected[0].n).toBeGreaterThan(0);
    expect(proposed.data!.proposeExits.proposed).toBe(expected[0].n);
    const list = await as<{ exitProposals: { totalCount: number; edges: { node: { id: string; criteriaMet: string[]; beneficiary: { id: string; status: string } } }[] } }>(
      'officer',
      'query($programId: ID!) { exitProposals(programId: $programId, first: 500) { totalCount edges { node { id criteriaMet beneficiary { id status } } } } }',
      { programId },
    );
    expect(list.data!.exitProposals.totalCount).toBe(expected[0].n);
    expect(list.data!.exitProposals.edges[0].node.criteriaMet).toEqual(['SCORE_ABOVE']);
    const ids = list.data!.exitProposals.edges.map((e) => e.node.id);
    const decided = await as<{ decideExitProposals: { decided: number; statusChanges: { updated: number } } }>(
      'officer',
      'mutation($input: DecideExitProposalsInput!) { decideExitProposals(input: $input) { decided statusChanges { updated } } }',
      { input: { programId, proposalIds: ids, confirm: true, toStatus: 'GRADUATED', reasonCode: 'CRITERIA_MET' } },
    );
    expect(decided.data!.decideExitProposals).toEqual({ decided: ids.length, statusChanges: { updated: ids.length } });
    const still = await db<{ n: number }>(`SELECT count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1 AND status IN ('ACTIVE', 'SUSPENDED') AND score > $2`, [programId, threshold]);
    expect(still[0].n).toBe(0);
    // the same proposals cannot be decided twice
    const twice = await as('officer', 'mutation($input: DecideExitProposalsInput!) { decideExitProposals(input: $input) { decided } }', { input: { programId, proposalIds: ids, confirm: false, reasonCode: 'OTHER' } });
    expect(twice.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('holds status changes for approval under maker-checker, then applies them as the maker', async () => {
    expect((await api.graphql(SAVE_FLOW, { input: { operation: 'programs.beneficiaries.changeStatus', enabled: true, levels: [{ roles: ['prog_checker'], policy: 'ANY' }] } })).errors).toBeUndefined();
    const b = await beneficiaryOf(`status = 'SUSPENDED'`);
    const held = await as('officer', CHANGE, { input: { beneficiaryId: b.id, version: b.version, toStatus: 'ACTIVE', reasonCode: 'REINSTATED' } });
    expect(held.errors![0].extensions!.code).toBe('APPROVAL_PENDING');
    expect((await beneficiaryOf('id = $2', [b.id])).status).toBe('SUSPENDED');
    const approved = await as<{ approveOperation: { status: string; error: string | null } }>('checker', APPROVE, { id: held.errors![0].extensions!.pendingOperationId });
    expect(approved.data!.approveOperation).toEqual({ status: 'EXECUTED', error: null });
    expect((await beneficiaryOf('id = $2', [b.id])).status).toBe('ACTIVE');
    const [last] = await db<{ user_id: string; to_status: string }>('SELECT user_id, to_status FROM programs.beneficiary_status_change WHERE beneficiary_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1', [b.id]);
    expect(last).toEqual({ user_id: userIds.officer, to_status: 'ACTIVE' });
  });
  it('exports the beneficiary list through the core export facility, scoped to the user\'s areas, headers in their language', async () => {
    const started = await as<{ startExport: { id: string } }>('local', 'mutation($input: StartExportInput!) { startExport(input: $input) { id } }', {
      input: { list: 'programs.beneficiaries', format: 'CSV', filter: { programId, statuses: ['ACTIVE', 'SUSPENDED'] } },
    }, 'fr');
    expect(started.errors).toBeUndefined();
    await api.app.get(JobService).waitFor(started.data!.startExport.id, 60_000);
    await api.drainJobs();
    const res = await fetch(`${api.url}/api/exports/${started.data!.startExport.id}`, { headers: { authorization: `Bearer ${tokens['local']}`, 'x-lang': 'fr' } });
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toContain('Code de la zone');
    const expected = await db<{ n: number }>(`SELECT count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1 AND status IN ('ACTIVE', 'SUSPENDED') AND starts_with(area_path, $2)`, [programId, district.path]);
    expect(expected[0].n).toBeGreaterThan(0);
    expect(lines.length - 1).toBe(expected[0].n);
    const codes = await db<{ code: string }>(`SELECT h.code FROM programs.beneficiary b JOIN registry.household h ON h.id = b.household_id WHERE b.program_id = $1 AND b.status IN ('ACTIVE', 'SUSPENDED') AND starts_with(b.area_path, $2)`, [programId, district.path]);
    for (const { code } of codes) expect(lines.some((l) => l.startsWith(code + ',') || l.startsWith(`"${code}",`))).toBe(true);
    // a filter the list does not know, or without its programme, is refused before any job starts
    const bad = await as('local', 'mutation($input: StartExportInput!) { startExport(input: $input) { id } }', { input: { list: 'programs.beneficiaries', format: 'CSV', filter: { statuses: ['ACTIVE'] } } });
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});
