import { coreDefinition, invalidField, JobLeaseLostError, JobRunner, JobService } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { programsDefinition } from '@coremis/programs';
import { registryDefinition } from '@coremis/registry';
import { targetingDefinition } from '../targeting.definition';
import { WorkflowService } from './workflow.service';

const SAVE_FORMULA = 'mutation($input: SaveFormulaInput!) { saveFormula(input: $input) { id currentVersion } }';
const SAVE_FLOW = 'mutation($input: SaveWorkflowInput!) { saveWorkflow(input: $input) { id number stages { kind name formulaId maxScore places } } }';
const VERSIONS = 'query($p: ID!) { workflowVersions(programId: $p) { number } }';
const ROUND_FIELDS = 'id number status workflowNumber currentStage evaluating evaluation { id status progress } evaluationFailure stageRuns { stage formulaVersion }';
const START = `mutation($input: StartRoundInput!) { startTargetingRound(input: $input) { ${ROUND_FIELDS} } }`;
const ADVANCE = `mutation($id: ID!) { advanceTargetingRound(id: $id) { ${ROUND_FIELDS} } }`;
const ROUND = `query($id: ID!) { targetingRound(id: $id) { ${ROUND_FIELDS} } }`;
const FUNNEL = 'query($id: ID!, $parent: ID) { roundFunnel(roundId: $id, parentAreaId: $parent) { households stages { stage kind passed failed pending } byArea { areaId households stages { passed failed pending } } } }';
const OUTCOMES = 'query($id: ID!, $stage: Int!, $status: StageOutcomeStatus, $area: ID) { stageOutcomes(roundId: $id, stage: $stage, status: $status, areaId: $area, first: 500) { total rows { householdId code headName members status reason note } } }';
const DECIDE = 'mutation($input: DecideValidationInput!) { decideValidation(input: $input) { approved rejected pending } }';
const UPLOAD = 'mutation($input: UploadValidationCsvInput!) { uploadValidationCsv(input: $input) { approved rejected pending } }';
const ENROL = 'mutation($input: StartEnrolmentRunInput!) { startEnrolmentRun(input: $input) { id status jobId } }';
const RUN = 'query($id: ID!) { enrolmentRun(id: $id) { id status registered eligible enrolled ineligible } }';
const PASSWORD = 'Scoped-user#2026!';
const MAX_SCORE = 3.0;

jest.setTimeout(180_000);

interface Round {
  id: string;
  number: number;
  status: string;
  workflowNumber: number;
  currentStage: number;
  evaluating: boolean;
  evaluation: { id: string; status: string; progress: number } | null;
  evaluationFailure: string | null;
  stageRuns: { stage: number; formulaVersion: number | null }[];
}
interface Row {
  householdId: string;
  code: string;
  headName: string | null;
  members: number;
  status: string;
  reason: string | null;
  note: string | null;
}

describe('targeting workflows, rounds and community validation', () => {
  let api: TestApi;
  let programId: string;
  let pmtId: string;
  let criteriaId: string;
  let round: Round;
  let north: { id: string; path: string };
  let districts: { id: string; code: string; path: string }[];
  const tokens: Record<string, string> = {};

  const db = <T>(text: string, params: unknown[] = []) => sql<T>(api.databaseUrl, text, params);
  const as = <T>(who: string, query: string, variables: Record<string, unknown>, lang?: string) => api.graphql<T>(query, variables, { token: tokens[who], lang });
  const outcomeCount = async (status: string) => (await db<{ n: number }>(`SELECT count(*)::int AS n FROM targeting.stage_outcome WHERE round_id = $1 AND status = $2`, [round.id, status]))[0].n;
  /** The round once its evaluation job has ended (the mutations only queue it). */
  const settled = async (id: string): Promise<Round> => {
    const [row] = await db<{ job: string }>('SELECT evaluation_job_id AS job FROM targeting.targeting_round WHERE id = $1', [id]);
    await api.app.get(JobService).waitFor(row.job, 60_000);
    await api.drainJobs();
    return (await as<{ targetingRound: Round }>('officer', ROUND, { id })).data!.targetingRound;
  };
  const pending = async (areaId: string, who = 'officer') => (await as<{ stageOutcomes: { total: number; rows: Row[] } }>(who, OUTCOMES, { id: round.id, stage: 2, status: 'PENDING', area: areaId })).data!.stageOutcomes;

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, programsDefinition, targetingDefinition], { DEMO_DATA: 'true' });
    [north] = await db<{ id: string; path: string }>(`SELECT id, path FROM geo.admin_area WHERE code = 'DL-01'`);
    const [south] = await db<{ id: string }>(`SELECT id FROM geo.admin_area WHERE code = 'DL-02'`);
    districts = await db(`SELECT a.id, a.code, a.path FROM geo.admin_area a WHERE a.parent_id = $1
      AND EXISTS (SELECT 1 FROM registry.household h WHERE starts_with(h.area_path, a.path) AND h.status = 'ACTIVE') ORDER BY a.code`, [north.id]);
    expect(districts.length).toBeGreaterThanOrEqual(2);
    const created = await api.graphql<{ createProgram: { id: string; version: number } }>('mutation($input: CreateProgramInput!) { createProgram(input: $input) { id version } }', {
      input: { code: 'WF-N', name: { en: 'Workflow north' }, targetUnit: 'HOUSEHOLD', coverageAreaIds: [north.id], budget: 100000, currency: 'USD', benefits: [{ kind: 'CASH', label: 'Base', amount: 100, basis: 'PER_HOUSEHOLD' }] },
    });
    programId = created.data!.createProgram.id;
    expect((await api.graphql('mutation($input: ProgramStatusInput!) { activateProgram(input: $input) { status } }', { input: { id: programId, version: created.data!.createProgram.version } })).errors).toBeUndefined();
    pmtId = (await api.graphql<{ saveFormula: { id: string } }>(SAVE_FORMULA, { input: { programId, code: 'PMT', name: 'PMT', kind: 'SCORE', source: '1.0 + 0.5 * members.size()' } })).data!.saveFormula.id;
    criteriaId = (await api.graphql<{ saveFormula: { id: string } }>(SAVE_FORMULA, { input: { programId, code: 'TWO', name: 'Two or more', kind: 'CRITERIA', source: 'members.size() >= 2' } })).data!.saveFormula.id;
    const job = (await api.graphql<{ scoreHouseholds: { id: string } }>('mutation($id: ID!) { scoreHouseholds(formulaId: $id) { id } }', { id: pmtId })).data!.scoreHouseholds.id;
    await api.app.get(JobService).waitFor(job, 60_000);
    await api.drainJobs();
    const permissions = ['programs.view', 'targeting.view', 'targeting.manage', 'targeting.validate', 'targeting.enrol'];
    expect((await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code: 'wf_officer', name: 'wf_officer', permissions } })).errors).toBeUndefined();
    await api.createUser('wf_officer', PASSWORD, 'wf_officer', [north.id]);
    await api.createUser('wf_district', PASSWORD, 'wf_officer', [districts[0].id]);
    await api.createUser('wf_southern', PASSWORD, 'wf_officer', [south.id]);
    for (const who of ['officer', 'district', 'southern']) tokens[who] = (await api.login(`wf_${who}`, PASSWORD)).accessToken;
  });

  afterAll(() => api?.stop());

  it('refuses a workflow that does not hold together, naming the stage', async () => {
    const ranking = await as('officer', SAVE_FLOW, { input: { programId, stages: [{ kind: 'RANKING', name: 'Rank', places: 3 }] } }, 'fr');
    expect(ranking.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'stages.0.kind' }] });
    expect(ranking.errors![0].message).toMatch(/étape PMT/);
    const wrongKind = await as('officer', SAVE_FLOW, { input: { programId, stages: [{ kind: 'PMT', name: 'PMT', formulaId: criteriaId }] } });
    expect(wrongKind.errors![0].extensions).toMatchObject({ fieldErrors: [{ field: 'stages.0.formulaId' }] });
    const late = await as('officer', SAVE_FLOW, { input: { programId, stages: [{ kind: 'COMMUNITY_VALIDATION', name: 'CV' }, { kind: 'INTAKE', name: 'Intake' }] } });
    expect(late.errors![0].extensions).toMatchObject({ fieldErrors: [{ field: 'stages.1.kind' }] });
    expect((await as('southern', SAVE_FLOW, { input: { programId, stages: [{ kind: 'COMMUNITY_VALIDATION', name: 'CV' }] } })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await db<{ n: number }>('SELECT count(*)::int AS n FROM targeting.workflow_version'))[0].n).toBe(0);
  });

  it('runs the automatic stages set-based over the cohort and stops at the community validation', async () => {
    const saved = await as<{ saveWorkflow: { number: number } }>('officer', SAVE_FLOW, {
      input: { programId, stages: [{ kind: 'PMT', name: 'PMT', formulaId: pmtId, maxScore: MAX_SCORE }, { kind: 'CATEGORICAL', name: 'Two or more', formulaId: criteriaId }, { kind: 'COMMUNITY_VALIDATION', name: 'Village meeting' }] },
    });
    expect(saved.data!.saveWorkflow.number).toBe(1);
    const started = await as<{ startTargetingRound: Round }>('officer', START, { input: { programId } });
    expect(started.errors).toBeUndefined();
    // the mutation only queues the evaluation: the round has no stage evaluated yet
    expect(started.data!.startTargetingRound).toMatchObject({ number: 1, status: 'RUNNING', currentStage: -1, stageRuns: [] });
    expect(started.data!.startTargetingRound.evaluation).not.toBeNull();
    round = await settled(started.data!.startTargetingRound.id);
    expect(round).toMatchObject({ number: 1, status: 'RUNNING', workflowNumber: 1, currentStage: 2, evaluating: false, evaluation: { status: 'COMPLETED', progress: 1 } });
    expect(round.stageRuns.map((r) => r.formulaVersion)).toEqual([1, 1, null]);
    // each stage against an independent statement on the same households
    const expected = await db<{ id: string; members: number; score: number | null }>(`SELECT h.id, (SELECT count(*)::int FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE') AS members, s.score
      FROM registry.household h LEFT JOIN targeting.household_score s ON s.household_id = h.id AND s.formula_id = $2
      WHERE h.status = 'ACTIVE' AND starts_with(h.area_path, $1)`, [north.path, pmtId]);
    const outcomes = await db<{ stage: number; household_id: string; status: string; reason: string | null }>('SELECT stage, household_id, status, reason FROM targeting.stage_outcome WHERE round_id = $1', [round.id]);
    const of = (stage: number) => new Map(outcomes.filter((o) => o.stage === stage).map((o) => [o.household_id, o]));
    const pmtPass = expected.filter((e) => e.score !== null && e.score <= MAX_SCORE);
    const catPass = pmtPass.filter((e) => e.members >= 2);
    expect(pmtPass.length).toBeGreaterThan(0);
    expect(catPass.length).toBeGreaterThan(0);
    expect(of(0).size).toBe(expected.length);
    expect(expected.every((e) => of(0).get(e.id)!.status === (pmtPass.includes(e) ? 'PASSED' : 'FAILED'))).toBe(true);
    expect([...of(0).values()].filter((o) => o.status === 'FAILED').every((o) => o.reason === 'SCORE_ABOVE_THRESHOLD')).toBe(true);
    expect(of(1).size).toBe(pmtPass.length);
    expect(pmtPass.every((e) => of(1).get(e.id)!.status === (e.members >= 2 ? 'PASSED' : 'FAILED'))).toBe(true);
    expect(new Set([...of(2).keys()])).toEqual(new Set(catPass.map((e) => e.id)));
    expect([...of(2).values()].every((o) => o.status === 'PENDING')).toBe(true);
    // the funnel, overall and per district, counts the same outcomes
    const funnel = (await as<{ roundFunnel: { households: number; stages: { passed: number; failed: number; pending: number }[]; byArea: { households: number; stages: { pending: number }[] }[] } }>('officer', FUNNEL, { id: round.id, parent: north.id })).data!.roundFunnel;
    expect(funnel.households).toBe(expected.length);
    expect(funnel.stages.map((s) => [s.passed, s.failed, s.pending])).toEqual([[pmtPass.length, expected.length - pmtPass.length, 0], [catPass.length, pmtPass.length - catPass.length, 0], [0, 0, catPass.length]]);
    expect(funnel.byArea.reduce((n, a) => n + a.households, 0)).toBe(expected.length);
    expect(funnel.byArea.reduce((n, a) => n + a.stages[2].pending, 0)).toBe(catPass.length);
    // a second round while this one runs is refused
    expect((await as('officer', START, { input: { programId } })).errors![0].extensions!.code).toBe('CONFLICT');
  });

  it('keeps the workflow version a round started with when the workflow is edited', async () => {
    const v2 = await as<{ saveWorkflow: { number: number } }>('officer', SAVE_FLOW, {
      input: { programId, stages: [{ kind: 'PMT', name: 'PMT', formulaId: pmtId }, { kind: 'RANKING', name: 'Top one', places: 1 }] },
    });
    expect(v2.data!.saveWorkflow.number).toBe(2);
    expect((await as<{ workflowVersions: { number: number }[] }>('officer', VERSIONS, { p: programId })).data!.workflowVersions.map((v) => v.number)).toEqual([2, 1]);
    const again = (await as<{ targetingRound: Round }>('officer', ROUND, { id: round.id })).data!.targetingRound;
    expect(again).toMatchObject({ workflowNumber: 1, currentStage: 2, status: 'RUNNING' });
    const funnel = (await as<{ roundFunnel: { stages: { kind: string }[] } }>('officer', FUNNEL, { id: round.id })).data!.roundFunnel;
    expect(funnel.stages.map((s) => s.kind)).toEqual(['PMT', 'CATEGORICAL', 'COMMUNITY_VALIDATION']);
  });

  it('lists a village\'s pending households as a PDF in the reader\'s language and areas', async () => {
    const get = (who: string, areaId: string, lang = 'fr') => fetch(`${api.url}/api/targeting/rounds/${round.id}/validation/${areaId}.pdf`, { headers: { authorization: `Bearer ${tokens[who]}`, 'x-lang': lang } });
    const res = await get('officer', districts[0].id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`validation-WF-N-1-${districts[0].code}.pdf`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2000);
    // another district's user does not get this district, another region's user not even the round
    expect((await get('district', districts[1].id)).status).toBe(404);
    expect((await get('southern', districts[0].id)).status).toBe(404);
    const anonymous = await fetch(`${api.url}/api/targeting/rounds/${round.id}/validation/${districts[0].id}.pdf`);
    expect(anonymous.status).toBe(401);
  });

  it('refuses a CSV with unknown household codes as a whole, with a translated error naming them', async () => {
    const list = await pending(districts[0].id);
    expect(list.total).toBeGreaterThan(1);
    const before = await outcomeCount('PENDING');
    const csv = ['household_code,approved,reason', `${list.rows[0].code},x,`, 'NOPE-404,x,', 'NOPE-405,,gone'].join('\n');
    const refused = await as('officer', UPLOAD, { input: { roundId: round.id, content: csv } }, 'fr');
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'content' }] });
    expect(refused.errors![0].message).toContain('NOPE-404, NOPE-405');
    expect(refused.errors![0].message).toContain("Rien n'a été enregistré");
    // a district user's file naming a household of another district: unknown to them
    const other = await pending(districts[1].id);
    const outside = await as('district', UPLOAD, { input: { roundId: round.id, content: `household_code,approved\n${other.rows[0].code},x` } }, 'pt');
    expect(outside.errors![0].message).toContain(other.rows[0].code);
    const noReason = await as('officer', UPLOAD, { input: { roundId: round.id, content: `household_code,approved,reason\n${list.rows[0].code},x,\n${list.rows[1].code},,` } }, 'en');
    expect(noReason.errors![0].message).toContain('Line 3: give the reason for a rejection.');
    const badTick = await as('officer', UPLOAD, { input: { roundId: round.id, content: `household_code,approved\n${list.rows[0].code},maybe` } }, 'pt');
    expect(badTick.errors![0].message).toContain('Linha 2');
    const noColumns = await as('officer', UPLOAD, { input: { roundId: round.id, content: 'code,tick\nA,x' } });
    expect(noColumns.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(await outcomeCount('PENDING')).toBe(before);
    expect((await db<{ n: number }>(`SELECT count(*)::int AS n FROM core.audit_log WHERE entity_type = 'CommunityValidation'`))[0].n).toBe(0);
  });

  it('applies the ticked list and web decisions, audited, only in the validator\'s areas', async () => {
    const list = await pending(districts[0].id, 'district');
    const [rejected, ...approved] = list.rows;
    const csv = ['household_code,approved,reason', `${rejected.code},,Not resident`, ...approved.map((r) => `${r.code},x,`)].join('\r\n');
    const uploaded = await as<{ uploadValidationCsv: { approved: number; rejected: number; pending: number } }>('district', UPLOAD, { input: { roundId: round.id, content: csv } });
    expect(uploaded.errors).toBeUndefined();
    expect(uploaded.data!.uploadValidationCsv).toEqual({ approved: approved.length, rejected: 1, pending: 0 });
    const decided = (await as<{ stageOutcomes: { rows: Row[] } }>('district', OUTCOMES, { id: round.id, stage: 2, area: districts[0].id })).data!.stageOutcomes.rows;
    expect(decided.find((r) => r.code === rejected.code)).toMatchObject({ status: 'FAILED', reason: 'COMMUNITY_REJECTED', note: 'Not resident' });
    const audit = await db<{ entity_id: string; area_path: string; details: { decision: string } }>(`SELECT entity_id, area_path, details FROM core.audit_log WHERE entity_type = 'CommunityValidation'`);
    expect(audit).toHaveLength(list.total);
    expect(audit.every((a) => a.area_path.startsWith(districts[0].path))).toBe(true);
    expect(audit.find((a) => a.entity_id === rejected.householdId)!.details.decision).toBe('REJECTED');

    // the district user can neither see nor decide the other districts' households, nor move the round
    const rest = (await as<{ stageOutcomes: { total: number; rows: Row[] } }>('officer', OUTCOMES, { id: round.id, stage: 2, status: 'PENDING' })).data!.stageOutcomes;
    expect(rest.total).toBeGreaterThan(0);
    expect((await as<{ stageOutcomes: { total: number } }>('district', OUTCOMES, { id: round.id, stage: 2, status: 'PENDING' })).data!.stageOutcomes.total).toBe(0);
    const foreign = await as('district', DECIDE, { input: { roundId: round.id, decisions: [{ householdId: rest.rows[0].householdId, approved: true }] } });
    expect(foreign.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'decisions.0' }] });
    expect((await as('district', ADVANCE, { id: round.id })).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await as<{ targetingRound: Round | null }>('southern', ROUND, { id: round.id })).data!.targetingRound).toBeNull();
    expect((await as('southern', FUNNEL, { id: round.id })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await as('southern', OUTCOMES, { id: round.id, stage: 2 })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await as('southern', DECIDE, { input: { roundId: round.id, decisions: [{ householdId: rest.rows[0].householdId, approved: true }] } })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await as('southern', START, { input: { programId } })).errors![0].extensions!.code).toBe('NOT_FOUND');

    // a rejection needs a reason; the round cannot move on while households are pending
    const noReason = await as('officer', DECIDE, { input: { roundId: round.id, decisions: [{ householdId: rest.rows[0].householdId, approved: false }] } });
    expect(noReason.errors![0].extensions).toMatchObject({ fieldErrors: [{ field: 'decisions.0.reason' }] });
    const early = await as('officer', ADVANCE, { id: round.id }, 'fr');
    expect(early.errors![0].extensions!.code).toBe('CONFLICT');
    expect(early.errors![0].message).toContain(`${rest.total} ménages`);
    const web = await as<{ decideValidation: { pending: number } }>('officer', DECIDE, { input: { roundId: round.id, decisions: rest.rows.map((r) => ({ householdId: r.householdId, approved: true })) } });
    expect(web.data!.decideValidation.pending).toBe(0);
  });

  it('completes the round and enrols only the households that passed every stage', async () => {
    const done = await as<{ advanceTargetingRound: Round }>('officer', ADVANCE, { id: round.id });
    expect(done.errors).toBeUndefined();
    // the round's own version (three stages), not the edited workflow (two)
    expect(await settled(round.id)).toMatchObject({ status: 'COMPLETED', currentStage: 2, workflowNumber: 1, evaluating: false });
    const [passed] = await db<{ n: number }>(`SELECT count(*)::int AS n FROM targeting.stage_outcome WHERE round_id = $1 AND stage = 2 AND status = 'PASSED'`, [round.id]);
    const started = await as<{ startEnrolmentRun: { id: string; status: string; jobId: string } }>('officer', ENROL, { input: { programId, roundId: round.id } });
    expect(started.errors).toBeUndefined();
    expect(started.data!.startEnrolmentRun.status).toBe('COMPUTING');
    await api.app.get(JobService).waitFor(started.data!.startEnrolmentRun.jobId, 60_000);
    const run = (await as<{ enrolmentRun: { status: string; eligible: number; enrolled: number } }>('officer', RUN, { id: started.data!.startEnrolmentRun.id })).data!.enrolmentRun;
    expect(run.status).toBe('PROPOSED');
    expect(run.eligible).toBe(passed.n);
    expect(run.enrolled).toBe(passed.n);
    const reasons = await db<{ reason: string }>(`SELECT DISTINCT reason FROM targeting.enrolment_proposal p JOIN targeting.enrolment_run r ON r.id = p.run_id WHERE r.round_id = $1 AND p.outcome = 'INELIGIBLE'`, [round.id]);
    expect(reasons.map((r) => r.reason)).toEqual(['ROUND_NOT_PASSED']);
    const running = await as('officer', ENROL, { input: { programId, roundId: round.id } });
    expect(running.errors![0].extensions!.code).toBe('CONFLICT');
  });

  it('holds a round start and community decisions for a second person when the deployment asks for it', async () => {
    const FLOW = 'mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }';
    const APPROVE = 'mutation($id: ID!) { approveOperation(id: $id, comment: "Checked") { status error } }';
    const held = async (operation: string) => (await db<{ id: string }>(`SELECT id FROM core.pending_operation WHERE operation = $1 AND status = 'PENDING'`, [operation]))[0]?.id;
    expect((await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code: 'wf_checker', name: 'wf_checker', permissions: ['core.approvals.view', 'core.approvals.decide', 'targeting.view'] } })).errors).toBeUndefined();
    await api.createUser('wf_checker', PASSWORD, 'wf_checker', null);
    tokens['checker'] = (await api.login('wf_checker', PASSWORD)).accessToken;
    for (const operation of ['targeting.rounds.start', 'targeting.validation.decide']) {
      expect((await api.graphql(FLOW, { input: { operation, enabled: true, levels: [{ roles: ['wf_checker'], policy: 'ANY' }] } })).errors).toBeUndefined();
    }
    await as('officer', SAVE_FLOW, { input: { programId, stages: [{ kind: 'PMT', name: 'PMT', formulaId: pmtId, maxScore: MAX_SCORE }, { kind: 'COMMUNITY_VALIDATION', name: 'Village meeting' }] } });
    const rounds = async () => (await db<{ n: number }>('SELECT count(*)::int AS n FROM targeting.targeting_round WHERE program_id = $1', [programId]))[0].n;
    const before = await rounds();
    const start = await as('officer', START, { input: { programId } });
    expect(start.errors![0].extensions!.code).toBe('APPROVAL_PENDING');
    expect(await rounds()).toBe(before);
    const approved = await as<{ approveOperation: { status: string; error: string | null } }>('checker', APPROVE, { id: await held('targeting.rounds.start') });
    expect(approved.data!.approveOperation).toEqual({ status: 'EXECUTED', error: null });
    expect(await rounds()).toBe(before + 1);
    const [second] = await db<{ id: string }>(`SELECT id FROM targeting.targeting_round WHERE program_id = $1 ORDER BY number DESC LIMIT 1`, [programId]);
    expect(await settled(second.id)).toMatchObject({ currentStage: 1, evaluating: false });
    const [household] = await db<{ household_id: string }>(`SELECT household_id FROM targeting.stage_outcome WHERE round_id = $1 AND stage = 1 AND status = 'PENDING' LIMIT 1`, [second.id]);
    const decide = await as('officer', DECIDE, { input: { roundId: second.id, decisions: [{ householdId: household.household_id, approved: true }] } });
    expect(decide.errors![0].extensions!.code).toBe('APPROVAL_PENDING');
    const status = async () => (await db<{ status: string }>(`SELECT status FROM targeting.stage_outcome WHERE round_id = $1 AND stage = 1 AND household_id = $2`, [second.id, household.household_id]))[0].status;
    expect(await status()).toBe('PENDING');
    expect((await as<{ approveOperation: { status: string } }>('checker', APPROVE, { id: await held('targeting.validation.decide') })).data!.approveOperation.status).toBe('EXECUTED');
    expect(await status()).toBe('PASSED');
  });
  it('evaluates the stages as a durable job: a crash mid-stage resumes after the last stage committed, never evaluating one twice', async () => {
    const [open] = await db<{ id: string }>(`SELECT id FROM targeting.targeting_round WHERE program_id = $1 AND status = 'RUNNING'`, [programId]);
    if (open) expect((await as('officer', 'mutation($id: ID!) { cancelTargetingRound(id: $id) { status } }', { id: open.id })).errors).toBeUndefined();
    const flow = { operation: 'targeting.rounds.start', enabled: false, levels: [{ roles: ['wf_checker'], policy: 'ANY' }] };
    expect((await api.graphql('mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }', { input: flow })).errors).toBeUndefined();
    const prototype = WorkflowService.prototype as unknown as { evaluate: (...args: unknown[]) => Promise<number | null> };
    const original = prototype.evaluate;
    let crashed = false;
    // the second stage does its writes, then the process "dies" before they commit
    const spy = jest.spyOn(prototype, 'evaluate').mockImplementation(async function (this: WorkflowService, ...args: unknown[]) {
      const version = await original.apply(this, args);
      if (!crashed && args[3] === 1) {
        crashed = true;
        throw new JobLeaseLostError('simulated crash');
      }
      return version;
    });
    let started: Round;
    try {
      started = (await as<{ startTargetingRound: Round }>('officer', START, { input: { programId } })).data!.startTargetingRound;
      for (let i = 0; i < 200 && !crashed; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      await api.drainJobs();
    } finally {
      spy.mockRestore();
    }
    expect(crashed).toBe(true);
    const jobId = started.evaluation!.id;
    const mid = (await as<{ targetingRound: Round }>('officer', ROUND, { id: started.id })).data!.targetingRound;
    expect(mid).toMatchObject({ currentStage: 0, evaluating: true, evaluation: { status: 'RUNNING' } });
    const stageZero = await db<{ household_id: string; xmin: string }>('SELECT household_id, xmin::text AS xmin FROM targeting.stage_outcome WHERE round_id = $1 AND stage = 0 ORDER BY household_id', [started.id]);
    expect(stageZero.length).toBeGreaterThan(0);
    expect((await db<{ n: number }>('SELECT count(*)::int AS n FROM targeting.stage_outcome WHERE round_id = $1 AND stage = 1', [started.id]))[0].n).toBe(0);
    // while the job holds the round, nobody moves it or decides in it (cancelling stays possible)
    const early = await as('officer', ADVANCE, { id: started.id }, 'pt');
    expect(early.errors![0].extensions!.code).toBe('CONFLICT');
    expect(early.errors![0].message).toContain('a ser avaliadas');
    await db(`UPDATE core.job SET lease_owner = 'dead-process', lease_expires_at = now() - interval '1 second' WHERE id = $1`, [jobId]);
    expect(await api.app.get(JobRunner).recoverExpired()).toEqual({ requeued: 1, failed: 0 });
    await db('UPDATE core.job SET next_attempt_at = now() WHERE id = $1', [jobId]);
    await api.app.get(JobService).relay(null, 0);
    const after = await settled(started.id);
    expect(after).toMatchObject({ currentStage: 1, status: 'RUNNING', evaluating: false, evaluation: { status: 'COMPLETED' } });
    expect(after.stageRuns.map((r) => r.stage)).toEqual([0, 1]);
    expect((await db<{ attempts: number }>('SELECT attempts FROM core.job WHERE id = $1', [jobId]))[0].attempts).toBe(2);
    // stage 0 was not evaluated again: the same rows, written by the same transaction; stage 1 once per passer
    const again = await db<{ household_id: string; xmin: string }>('SELECT household_id, xmin::text AS xmin FROM targeting.stage_outcome WHERE round_id = $1 AND stage = 0 ORDER BY household_id', [started.id]);
    expect(again).toEqual(stageZero);
    const [counts] = await db<{ pending: number; passed: number }>(`SELECT (SELECT count(*)::int FROM targeting.stage_outcome WHERE round_id = $1 AND stage = 1) AS pending,
      (SELECT count(*)::int FROM targeting.stage_outcome WHERE round_id = $1 AND stage = 0 AND status = 'PASSED') AS passed`, [started.id]);
    expect(counts.pending).toBe(counts.passed);
    const audit = await db<{ n: number }>(`SELECT count(*)::int AS n FROM core.audit_log WHERE entity_type = 'TargetingRound' AND entity_id = $1 AND details ->> 'operation' = 'evaluateStage'`, [started.id]);
    expect(audit[0].n).toBe(2);
  });
  it('keeps a refusal met by the evaluation job on the round, translated, and takes the evaluation up again on advance', async () => {
    const [open] = await db<{ id: string }>(`SELECT id FROM targeting.targeting_round WHERE program_id = $1 AND status = 'RUNNING'`, [programId]);
    if (open) expect((await as('officer', 'mutation($id: ID!) { cancelTargetingRound(id: $id) { status } }', { id: open.id })).errors).toBeUndefined();
    const prototype = WorkflowService.prototype as unknown as { evaluate: (...args: unknown[]) => Promise<number | null> };
    // the scores went away between the mutation's checks and the job
    const spy = jest.spyOn(prototype, 'evaluate').mockRejectedValueOnce(invalidField('programId', 'targeting.errors.notScored', { code: 'PMT', version: 9 }));
    let started: Round;
    try {
      started = (await as<{ startTargetingRound: Round }>('officer', START, { input: { programId } })).data!.startTargetingRound;
      await api.app.get(JobService).waitFor(started.evaluation!.id, 60_000);
      await api.drainJobs();
    } finally {
      spy.mockRestore();
    }
    const failed = (await as<{ targetingRound: Round }>('officer', ROUND, { id: started.id }, 'fr')).data!.targetingRound;
    expect(failed).toMatchObject({ status: 'RUNNING', currentStage: -1, evaluating: false, evaluation: { status: 'FAILED' } });
    expect(failed.evaluationFailure).toContain('« PMT » version 9');
    const [job] = await db<{ error_message: string; attempts: number }>('SELECT error_message, attempts FROM core.job WHERE id = $1', [started.evaluation!.id]);
    expect(job).toEqual({ error_message: expect.stringContaining('version 9'), attempts: 1 });
    const again = await as<{ advanceTargetingRound: Round }>('officer', ADVANCE, { id: started.id });
    expect(again.errors).toBeUndefined();
    expect(await settled(started.id)).toMatchObject({ currentStage: 1, evaluating: false, evaluationFailure: null, evaluation: { status: 'COMPLETED' } });
  });
});
