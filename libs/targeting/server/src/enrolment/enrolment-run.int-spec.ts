import { coreDefinition, JobLeaseLostError, JobRunner, JobService } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { programsDefinition } from '@coremis/programs';
import { registryDefinition } from '@coremis/registry';
import { targetingDefinition } from '../targeting.definition';
import { EnrolmentRunService } from './enrolment-run.service';

const RUN_FIELDS = 'id status jobId failure formulaVersion places budget budgetUsed registered assessed eligible enrolled waitlisted ineligible byArea';
const START = `mutation($input: StartEnrolmentRunInput!) { startEnrolmentRun(input: $input) { ${RUN_FIELDS} } }`;
const APPLY = `mutation($id: ID!) { applyEnrolmentRun(id: $id) { ${RUN_FIELDS} } }`;
const CANCEL = `mutation($id: ID!) { cancelEnrolmentRun(id: $id) { id status } }`;
const GET = `query($id: ID!) { enrolmentRun(id: $id) { ${RUN_FIELDS} } }`;
const PROPOSALS = 'query($runId: ID!, $outcome: EnrolmentOutcome) { enrolmentProposals(runId: $runId, outcome: $outcome, first: 500) { total rows { code score rank outcome reason cost } } }';
const SAVE = 'mutation($input: SaveFormulaInput!) { saveFormula(input: $input) { id currentVersion } }';
const SCORE = 'mutation($id: ID!) { scoreHouseholds(formulaId: $id) { id } }';
const SAVE_FLOW = 'mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }';
const APPROVE = 'mutation($id: ID!) { approveOperation(id: $id) { status error } }';
const BUDGET = 3000;
const PASSWORD = 'Scoped-user#2026!';

jest.setTimeout(120_000);

interface Run {
  id: string;
  status: string;
  jobId: string | null;
  failure: string | null;
  places: number | null;
  budget: number | null;
  budgetUsed: number;
  registered: number;
  assessed: number;
  eligible: number;
  enrolled: number;
  waitlisted: number;
  ineligible: number;
  byArea: { areaId: string; places: number; eligible: number; enrolled: number }[];
}

describe('enrolment runs', () => {
  let api: TestApi;
  let programId: string;
  let formulaId: string;
  let criteriaId: string;
  let districts: { id: string; code: string; path: string; households: number }[];
  const tokens: Record<string, string> = {};

  const db = <T>(text: string, params: unknown[] = []) => sql<T>(api.databaseUrl, text, params);
  const as = <T>(who: string, query: string, variables: Record<string, unknown>, lang?: string) => api.graphql<T>(query, variables, { token: tokens[who], lang });
  /** Starts a run and, when it was queued, waits for its job and reads it back (as the mutation's answer would have been). */
  const enrol = async (who: string, input: Record<string, unknown>, lang?: string) => {
    const started = await as<{ startEnrolmentRun: Run }>(who, START, { input }, lang);
    if (!started.data?.startEnrolmentRun) return started;
    expect(started.data.startEnrolmentRun.status).toBe('COMPUTING');
    await api.app.get(JobService).waitFor(started.data.startEnrolmentRun.jobId!, 60_000);
    await api.drainJobs();
    const run = (await as<{ enrolmentRun: Run }>(who, GET, { id: started.data.startEnrolmentRun.id }, lang)).data!.enrolmentRun;
    return { ...started, data: { startEnrolmentRun: run } };
  };
  const runCount = async () => (await db<{ n: number }>('SELECT count(*)::int AS n FROM targeting.enrolment_run'))[0].n;

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, programsDefinition, targetingDefinition], { DEMO_DATA: 'true' });
    const [north] = await db<{ id: string; path: string }>(`SELECT id, path FROM geo.admin_area WHERE code = 'DL-01'`);
    const [south] = await db<{ id: string }>(`SELECT id FROM geo.admin_area WHERE code = 'DL-02'`);
    // the areas just below DL-01 that have households, largest first
    districts = await db(`SELECT a.id, a.code, a.path, count(h.id)::int AS households FROM geo.admin_area a JOIN registry.household h ON starts_with(h.area_path, a.path) AND h.status = 'ACTIVE'
      WHERE a.parent_id = $1 GROUP BY a.id ORDER BY count(h.id) DESC, a.code`, [north.id]);
    expect(districts.length).toBeGreaterThanOrEqual(2);
    const created = await api.graphql<{ createProgram: { id: string; version: number } }>('mutation($input: CreateProgramInput!) { createProgram(input: $input) { id version } }', {
      input: {
        code: 'CT-N', name: { en: 'Cash transfer north' }, targetUnit: 'HOUSEHOLD', coverageAreaIds: [north.id], budget: BUDGET, currency: 'USD',
        benefits: [{ kind: 'CASH', label: 'Base', amount: 100, basis: 'PER_HOUSEHOLD' }, { kind: 'CASH', label: 'Per member', amount: 10, basis: 'PER_MEMBER' }],
      },
    });
    expect(created.errors).toBeUndefined();
    programId = created.data!.createProgram.id;
    const active = await api.graphql('mutation($input: ProgramStatusInput!) { activateProgram(input: $input) { status } }', { input: { id: programId, version: created.data!.createProgram.version } });
    expect(active.errors).toBeUndefined();
    // a constant score: the order is decided by the tie-breakers alone
    formulaId = (await api.graphql<{ saveFormula: { id: string } }>(SAVE, { input: { programId, code: 'FLAT', name: 'Flat', kind: 'SCORE', source: '1.0' } })).data!.saveFormula.id;
    criteriaId = (await api.graphql<{ saveFormula: { id: string } }>(SAVE, { input: { programId, code: 'BIG', name: 'Two or more', kind: 'CRITERIA', source: 'members.size() >= 2' } })).data!.saveFormula.id;
    const job = (await api.graphql<{ scoreHouseholds: { id: string } }>(SCORE, { id: formulaId })).data!.scoreHouseholds.id;
    await api.app.get(JobService).waitFor(job, 60_000);
    await api.drainJobs();
    for (const [code, permissions] of Object.entries({
      enrol_officer: ['programs.view', 'targeting.view', 'targeting.enrol', 'core.approvals.view'],
      enrol_checker: ['programs.view', 'targeting.view', 'core.approvals.view', 'core.approvals.decide'],
    })) {
      expect((await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } })).errors).toBeUndefined();
    }
    await api.createUser('enr_officer', PASSWORD, 'enrol_officer', [north.id]);
    await api.createUser('enr_checker', PASSWORD, 'enrol_checker', [north.id]);
    await api.createUser('enr_southern', PASSWORD, 'enrol_officer', [south.id]);
    for (const who of ['officer', 'checker', 'southern']) tokens[who] = (await api.login(`enr_${who}`, PASSWORD)).accessToken;
  });

  afterAll(() => api?.stop());

  it('ranks by score then tie-breakers, fills each area quota in rank order, and wait-lists the rest', async () => {
    const [a, b] = districts;
    const quotas = [{ areaId: a.id, places: 3 }, { areaId: b.id, places: 2 }];
    const started = await enrol('officer', { programId, formulaId, criteriaFormulaId: criteriaId, tieBreakers: ['MORE_CHILDREN_UNDER_FIVE', 'EARLIER_REGISTRATION'], quotas });
    expect(started.errors).toBeUndefined();
    const run = started.data!.startEnrolmentRun;
    // the funnel: every household of the coverage, all assessed, those with two members or more eligible
    const [expected] = await db<{ registered: number; eligible: number }>(`SELECT count(*)::int AS registered,
        count(*) FILTER (WHERE (SELECT count(*) FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE') >= 2)::int AS eligible
      FROM registry.household h JOIN programs.program p ON p.id = $1 WHERE h.status = 'ACTIVE' AND starts_with(h.area_path, p.coverage_paths[1])`, [programId]);
    expect(run).toMatchObject({ status: 'PROPOSED', registered: expected.registered, assessed: expected.registered, eligible: expected.eligible, enrolled: 5, ineligible: expected.registered - expected.eligible });
    expect(run.waitlisted).toBe(expected.eligible - 5);
    expect(run.byArea).toEqual(expect.arrayContaining([expect.objectContaining({ areaId: a.id, places: 3, enrolled: 3 }), expect.objectContaining({ areaId: b.id, places: 2, enrolled: 2 })]));
    // the rank is the order an independent statement gives: more children under five, then earlier registration, then id
    const mismatched = await db<{ n: number }>(`SELECT count(*)::int AS n FROM (
        SELECT p.rank, row_number() OVER (ORDER BY
          (SELECT count(*) FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE' AND i.birth_date > current_date - interval '5 years') DESC,
          h.registration_date, h.id) AS expected
        FROM targeting.enrolment_proposal p JOIN registry.household h ON h.id = p.household_id WHERE p.run_id = $1 AND p.rank IS NOT NULL) r WHERE r.rank <> r.expected`, [run.id]);
    expect(mismatched[0].n).toBe(0);
    // in each quota area the enrolled are exactly the best-ranked; outside the quota areas nobody is enrolled
    for (const [area, places] of [[a, 3], [b, 2]] as const) {
      const rows = await db<{ outcome: string; reason: string }>(`SELECT outcome, reason FROM targeting.enrolment_proposal WHERE run_id = $1 AND quota_area_id = $2 AND rank IS NOT NULL ORDER BY rank`, [run.id, area.id]);
      expect(rows.slice(0, places).every((r) => r.outcome === 'ENROLLED')).toBe(true);
      expect(rows.slice(places).every((r) => r.outcome === 'WAITLISTED' && r.reason === 'QUOTA')).toBe(true);
    }
    const outside = await db<{ reasons: string[] }>(`SELECT array_agg(DISTINCT reason) AS reasons FROM targeting.enrolment_proposal WHERE run_id = $1 AND rank IS NOT NULL AND quota_area_id IS NULL`, [run.id]);
    expect(outside[0].reasons ?? ['NO_QUOTA_AREA']).toEqual(['NO_QUOTA_AREA']);
    const ineligible = await as<{ enrolmentProposals: { total: number; rows: { reason: string }[] } }>('officer', PROPOSALS, { runId: run.id, outcome: 'INELIGIBLE' });
    expect(ineligible.data!.enrolmentProposals.total).toBe(run.ineligible);
    expect(new Set(ineligible.data!.enrolmentProposals.rows.map((r) => r.reason))).toEqual(new Set(['CRITERIA_NOT_MET']));
    // nothing changed for beneficiaries yet
    expect((await db<{ n: number }>('SELECT count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1', [programId]))[0].n).toBe(0);

    // a second run while this one is proposed is refused
    const twice = await as('officer', START, { input: { programId, formulaId, tieBreakers: [], quotas: [] } }, 'fr');
    expect(twice.errors![0].extensions!.code).toBe('CONFLICT');
    expect(twice.errors![0].message).toMatch(/déjà une sélection en cours de calcul ou proposée/);
    expect((await as<{ cancelEnrolmentRun: { status: string } }>('officer', CANCEL, { id: run.id })).data!.cancelEnrolmentRun.status).toBe('CANCELLED');
  });

  it('serves households in rank order until the budget left is spent', async () => {
    const started = await enrol('officer', { programId, formulaId, tieBreakers: ['LARGER_HOUSEHOLD'], quotas: [] });
    expect(started.errors).toBeUndefined();
    const run = started.data!.startEnrolmentRun;
    const rows = await db<{ rank: number; outcome: string; reason: string; cost: string }>(`SELECT rank, outcome, reason, cost FROM targeting.enrolment_proposal WHERE run_id = $1 AND rank IS NOT NULL ORDER BY rank`, [run.id]);
    let spent = 0;
    let firstOver = -1;
    rows.forEach((r, i) => {
      spent += Number(r.cost);
      if (firstOver < 0 && spent > BUDGET) firstOver = i;
    });
    expect(firstOver).toBeGreaterThan(0);
    expect(rows.slice(0, firstOver).every((r) => r.outcome === 'ENROLLED' && r.reason === 'RANKED')).toBe(true);
    expect(rows.slice(firstOver).every((r) => r.outcome === 'WAITLISTED' && r.reason === 'BUDGET')).toBe(true);
    expect(run.budgetUsed).toBeCloseTo(rows.slice(0, firstOver).reduce((s, r) => s + Number(r.cost), 0), 2);
    expect(run.budgetUsed).toBeLessThanOrEqual(BUDGET);
    // cost = 100 per household + 10 per member; larger households first
    expect(Number(rows[0].cost)).toBeGreaterThanOrEqual(Number(rows[rows.length - 1].cost));
    await as('officer', CANCEL, { id: run.id });
  });

  it('refuses bad requests with a translated error naming the problem, and keeps nothing', async () => {
    const before = await runCount();
    const [a] = districts;
    // known only once the candidates are ranked, by the job: the run ends FAILED with the reason, and keeps no proposal
    const tooMany = (await enrol('officer', { programId, formulaId, tieBreakers: [], quotas: [{ areaId: a.id, places: a.households + 1 }] }, 'pt')).data!.startEnrolmentRun;
    expect(tooMany).toMatchObject({ status: 'FAILED', enrolled: 0 });
    expect(tooMany.failure).toContain(`área ${a.code}`);
    expect((await db<{ n: number }>('SELECT count(*)::int AS n FROM targeting.enrolment_proposal WHERE run_id = $1', [tooMany.id]))[0].n).toBe(0);
    expect((await db<{ status: string; error_message: string }>('SELECT status, error_message FROM core.job WHERE id = $1', [tooMany.jobId]))[0]).toMatchObject({ status: 'FAILED', error_message: expect.stringContaining(a.code) });
    const outside = await db<{ id: string }>(`SELECT id FROM geo.admin_area WHERE code = 'DL-02'`);
    const outsideQuota = await as('officer', START, { input: { programId, formulaId, tieBreakers: [], quotas: [{ areaId: outside[0].id, places: 1 }] } });
    expect(outsideQuota.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'quotas.0.areaId' }] });
    const notCriteria = await as('officer', START, { input: { programId, formulaId, criteriaFormulaId: formulaId, tieBreakers: [], quotas: [] } });
    expect(notCriteria.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'criteriaFormulaId' }] });
    const negative = await as('officer', START, { input: { programId, formulaId, tieBreakers: [], quotas: [{ areaId: a.id, places: -1 }] } });
    expect(negative.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const unscored = (await api.graphql<{ saveFormula: { id: string } }>(SAVE, { input: { programId, code: 'NEW', name: 'New', kind: 'SCORE', source: '2.0' } })).data!.saveFormula.id;
    const notScored = await as('officer', START, { input: { programId, formulaId: unscored, tieBreakers: [], quotas: [] } });
    expect(notScored.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'formulaId' }] });
    // a budget of zero never reaches a run: the programme refuses it (and the table's check too)
    const zero = await api.graphql('mutation($input: CreateProgramInput!) { createProgram(input: $input) { id } }', { input: { code: 'ZERO', name: { en: 'Zero' }, targetUnit: 'HOUSEHOLD', coverageAreaIds: [a.id], budget: 0, currency: 'USD' } }, { lang: 'fr' });
    expect(zero.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'budget' }] });
    expect(await runCount()).toBe(before + 1);
    expect((await db<{ n: number }>('SELECT count(*)::int AS n FROM targeting.enrolment_proposal p JOIN targeting.enrolment_run r ON r.id = p.run_id WHERE r.status = $1', ['PROPOSED']))[0].n).toBe(0);
  });

  it('computes a run as a durable job: a crash before its commit leaves nothing, and the attempt after it computes the run once', async () => {
    const prototype = EnrolmentRunService.prototype as unknown as { propose: (...args: unknown[]) => Promise<void> };
    const original = prototype.propose;
    let crashed = false;
    let progressBeforeCommit = -1;
    // the proposal is written, then the process "dies" before the transaction commits
    const spy = jest.spyOn(prototype, 'propose').mockImplementation(async function (this: EnrolmentRunService, ...args: unknown[]) {
      await original.apply(this, args);
      if (!crashed) {
        // the job's progress is visible to others while the proposal's transaction is still open
        const jobId = (args[1] as { jobId: string }).jobId;
        progressBeforeCommit = (await db<{ progress: number }>('SELECT progress FROM core.job WHERE id = $1', [jobId]))[0].progress;
        crashed = true;
        throw new JobLeaseLostError('simulated crash');
      }
    });
    let started: Run;
    try {
      started = (await as<{ startEnrolmentRun: Run }>('officer', START, { input: { programId, formulaId, tieBreakers: [], quotas: [] } })).data!.startEnrolmentRun;
      for (let i = 0; i < 200 && !crashed; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      await api.drainJobs();
    } finally {
      spy.mockRestore();
    }
    expect(crashed).toBe(true);
    expect(progressBeforeCommit).toBeCloseTo(0.9, 5);
    expect((await as<{ enrolmentRun: Run }>('officer', GET, { id: started.id })).data!.enrolmentRun).toMatchObject({ status: 'COMPUTING', registered: 0 });
    expect((await db<{ n: number }>('SELECT count(*)::int AS n FROM targeting.enrolment_proposal WHERE run_id = $1', [started.id]))[0].n).toBe(0);
    await db(`UPDATE core.job SET lease_owner = 'dead-process', lease_expires_at = now() - interval '1 second' WHERE id = $1`, [started.jobId]);
    expect(await api.app.get(JobRunner).recoverExpired()).toEqual({ requeued: 1, failed: 0 });
    await db('UPDATE core.job SET next_attempt_at = now() WHERE id = $1', [started.jobId]);
    await api.app.get(JobService).relay(null, 0);
    await api.app.get(JobService).waitFor(started.jobId!, 60_000);
    await api.drainJobs();
    const run = (await as<{ enrolmentRun: Run }>('officer', GET, { id: started.id })).data!.enrolmentRun;
    expect(run.status).toBe('PROPOSED');
    expect((await db<{ attempts: number; status: string }>('SELECT attempts, status FROM core.job WHERE id = $1', [started.jobId]))[0]).toEqual({ attempts: 2, status: 'COMPLETED' });
    expect((await db<{ n: number }>('SELECT count(*)::int AS n FROM targeting.enrolment_proposal WHERE run_id = $1', [started.id]))[0].n).toBe(run.registered);
    // a run still computing or proposed can be dropped
    expect((await as<{ cancelEnrolmentRun: { status: string } }>('officer', CANCEL, { id: run.id })).data!.cancelEnrolmentRun.status).toBe('CANCELLED');
  });

  it('keeps a user of another area away from the runs of this programme', async () => {
    const started = await enrol('officer', { programId, formulaId, tieBreakers: [], quotas: [] });
    const id = started.data!.startEnrolmentRun.id;
    expect((await as<{ enrolmentRun: Run | null }>('southern', GET, { id })).data!.enrolmentRun).toBeNull();
    expect((await as('southern', PROPOSALS, { runId: id })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await as('southern', APPLY, { id })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await as('southern', START, { input: { programId, formulaId, tieBreakers: [], quotas: [] } })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await as('checker', START, { input: { programId, formulaId, tieBreakers: [], quotas: [] } })).errors![0].extensions!.code).toBe('FORBIDDEN');
    await as('officer', CANCEL, { id });
  });

  it('applies a run only once a second user approves it: beneficiaries ACTIVE / WAITLISTED / INELIGIBLE with their history', async () => {
    expect((await api.graphql(SAVE_FLOW, { input: { operation: 'targeting.enrolment.apply', enabled: true, levels: [{ roles: ['enrol_checker'], policy: 'ANY' }] } })).errors).toBeUndefined();
    const [a] = districts;
    const started = await enrol('officer', { programId, formulaId, criteriaFormulaId: criteriaId, tieBreakers: ['OLDER_HEAD'], quotas: [{ areaId: a.id, places: 4 }] });
    const run = started.data!.startEnrolmentRun;
    const held = await as('officer', APPLY, { id: run.id });
    expect(held.errors![0].extensions!.code).toBe('APPROVAL_PENDING');
    expect((await db<{ n: number }>('SELECT count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1', [programId]))[0].n).toBe(0);
    const approved = await as<{ approveOperation: { status: string; error: string | null } }>('checker', APPROVE, { id: held.errors![0].extensions!.pendingOperationId });
    expect(approved.data!.approveOperation).toEqual({ status: 'EXECUTED', error: null });
    const statuses = await db<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1 GROUP BY status ORDER BY status', [programId]);
    expect(statuses).toEqual([
      { status: 'ACTIVE', n: 4 },
      { status: 'INELIGIBLE', n: run.ineligible },
      { status: 'WAITLISTED', n: run.waitlisted },
    ]);
    const history = await db<{ n: number }>(`SELECT count(*)::int AS n FROM programs.beneficiary_status_change WHERE program_id = $1 AND source = 'ENROLMENT_RUN' AND source_ref = $2`, [programId, run.id]);
    expect(history[0].n).toBe(run.registered);
    expect((await as<{ enrolmentRun: Run }>('officer', GET, { id: run.id })).data!.enrolmentRun.status).toBe('APPLIED');
    // applied once: a second application is refused and changes nothing
    const again = await api.graphql(APPLY, { id: run.id });
    expect(again.errors![0].extensions!.code).toMatch(/CONFLICT|APPROVAL_PENDING/);
    // the next run counts the places and budget already taken by the active beneficiaries
    const next = await enrol('officer', { programId, formulaId, tieBreakers: [], quotas: [] });
    expect(next.errors).toBeUndefined();
    expect(next.data!.startEnrolmentRun.registered).toBe(run.registered - 4);
    expect(next.data!.startEnrolmentRun.budget).toBeLessThan(BUDGET);
  });
  it('promotes wait-listed households in the run\'s rank into the places freed by exits', async () => {
    const PROMOTE = 'mutation($programId: ID!) { promoteWaitlisted(programId: $programId) { promoted places budget } }';
    const [applied] = await db<{ id: string }>(`SELECT id FROM targeting.enrolment_run WHERE program_id = $1 AND status = 'APPLIED'`, [programId]);
    await db('UPDATE programs.program SET max_beneficiaries = 4 WHERE id = $1', [programId]);
    expect((await as('southern', PROMOTE, { programId })).errors![0].extensions!.code).toBe('NOT_FOUND');
    // nothing freed yet: nobody moves
    expect((await api.graphql<{ promoteWaitlisted: { promoted: number } }>(PROMOTE, { programId })).data!.promoteWaitlisted.promoted).toBe(0);
    const active = await db<{ id: string; version: number }>(`SELECT id, version FROM programs.beneficiary WHERE program_id = $1 AND status = 'ACTIVE' ORDER BY id LIMIT 2`, [programId]);
    for (const b of active) {
      const exited = await api.graphql('mutation($input: ChangeBeneficiaryStatusInput!) { changeBeneficiaryStatus(input: $input) { status } }', { input: { beneficiaryId: b.id, version: b.version, toStatus: 'EXITED', reasonCode: 'VOLUNTARY' } });
      expect(exited.errors).toBeUndefined();
    }
    const expected = await db<{ household_id: string }>(`SELECT b.household_id FROM programs.beneficiary b JOIN targeting.enrolment_proposal p ON p.run_id = $2 AND p.household_id = b.household_id
      WHERE b.program_id = $1 AND b.status = 'WAITLISTED' ORDER BY p.rank LIMIT 2`, [programId, applied.id]);
    const promoted = await api.graphql<{ promoteWaitlisted: { promoted: number; places: number } }>(PROMOTE, { programId });
    expect(promoted.errors).toBeUndefined();
    expect(promoted.data!.promoteWaitlisted).toMatchObject({ promoted: 2, places: 2 });
    const now = await db<{ household_id: string }>(`SELECT b.household_id FROM programs.beneficiary b JOIN programs.beneficiary_status_change c ON c.beneficiary_id = b.id
      WHERE b.program_id = $1 AND b.status = 'ACTIVE' AND c.from_status = 'WAITLISTED' AND c.to_status = 'ACTIVE' AND c.source_ref = $2`, [programId, applied.id]);
    expect(new Set(now.map((r) => r.household_id))).toEqual(new Set(expected.map((r) => r.household_id)));
    expect((await db<{ n: number }>(`SELECT count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1 AND status IN ('ACTIVE', 'SUSPENDED')`, [programId]))[0].n).toBe(4);
  });
});
