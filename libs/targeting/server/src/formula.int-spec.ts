import { coreDefinition } from '@coremis/core';
import { JobLeaseLostError, JobRunner, JobService } from '@coremis/core';
import { recordSqlStatements, sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { ScoreJobService } from './scoring/score-job.service';
import { geoDefinition } from '@coremis/geo';
import { programsDefinition } from '@coremis/programs';
import { registryDefinition } from '@coremis/registry';
import { targetingDefinition } from './targeting.definition';

const FIELDS = 'id programId code name kind currentVersion source version versions { number source }';
const LIST = `query($programId: ID!) { formulas(programId: $programId, first: 50) { totalCount edges { node { ${FIELDS} } } } }`;
const GET = `query($id: ID!) { formula(id: $id) { ${FIELDS} } }`;
const SAVE = `mutation($input: SaveFormulaInput!) { saveFormula(input: $input) { ${FIELDS} } }`;
const VALIDATE = 'query($input: ValidateFormulaInput!) { validateFormula(input: $input) { valid type problems { key args start end } } }';
const PREVIEW = 'query($input: PreviewFormulaInput!) { previewFormula(input: $input) { households passing errors histogram { from to count } sample { code score passes terms { source value } } } }';
const SCORE = 'mutation($id: ID!) { scoreHouseholds(formulaId: $id) { id status } }';
const ERRORS = 'query($id: ID!) { scoringErrors(formulaId: $id, first: 500) { total households { code term formulaVersion } } }';
const CREATE_PROGRAM = 'mutation($input: CreateProgramInput!) { createProgram(input: $input) { id } }';
const PASSWORD = 'Scoped-user#2026!';
const SCORE_SOURCE = '1.0 + 0.5 * members.size() - 0.2 * members.filter(m, m.sex == "F").size() + (wall_material == "BRICK" ? 0.3 : 0.0)';

interface Row {
  id: string;
  code: string;
  kind: string;
  currentVersion: number;
  version: number;
  versions: { number: number; source: string }[];
}

const BATCH = 7;

describe('targeting formulas', () => {
  let api: TestApi;
  let northProgram: string;
  let southProgram: string;
  let viewerToken: string;
  let managerToken: string;

  const areaId = async (code: string) => {
    const result = await api.graphql<{ adminAreas: { edges: { node: { id: string; code: string } }[] } }>(
      'query($s: String) { adminAreas(first: 5, filter: { search: $s }) { edges { node { id code } } } }',
      { s: code },
    );
    return result.data!.adminAreas.edges.find((edge) => edge.node.code === code)!.node.id;
  };
  const count = async () => (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM targeting.formula_version'))[0].n;
  const role = async (code: string, permissions: string[]) => {
    const saved = await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } });
    expect(saved.errors).toBeUndefined();
  };
  const program = async (code: string, area: string) => {
    const created = await api.graphql<{ createProgram: { id: string } }>(CREATE_PROGRAM, { input: { code, name: { en: code }, targetUnit: 'HOUSEHOLD', coverageAreaIds: [area] } });
    expect(created.errors).toBeUndefined();
    return created.data!.createProgram.id;
  };

  beforeAll(async () => {
    process.env['TARGETING_SCORE_BATCH'] = String(BATCH);
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, programsDefinition, targetingDefinition], { DEMO_DATA: 'true' });
    const [north, south] = [await areaId('DL-01'), await areaId('DL-02')];
    northProgram = await program('PMT-N', north);
    southProgram = await program('PMT-S', south);
    await role('targeting_viewer', ['targeting.view']);
    await role('targeting_manager', ['targeting.view', 'targeting.manage']);
    await api.createUser('viewer', PASSWORD, 'targeting_viewer', [north]);
    await api.createUser('manager', PASSWORD, 'targeting_manager', [north]);
    viewerToken = (await api.login('viewer', PASSWORD)).accessToken;
    managerToken = (await api.login('manager', PASSWORD)).accessToken;
  });

  afterAll(() => api?.stop());

  it('validates as the user types: errors with their position, translated keys', async () => {
    const ok = await api.graphql<{ validateFormula: { valid: boolean; type: string } }>(VALIDATE, { input: { source: SCORE_SOURCE, kind: 'SCORE' } }, { token: viewerToken });
    expect(ok.data!.validateFormula).toMatchObject({ valid: true, type: 'double' });
    const bad = await api.graphql<{ validateFormula: { valid: boolean; problems: { key: string; start: number }[] } }>(VALIDATE, { input: { source: '1.0 + unknown_var', kind: 'SCORE' } });
    expect(bad.data!.validateFormula).toMatchObject({ valid: false, problems: [{ key: 'targeting.formula.type', start: 6 }] });
    const notBool = await api.graphql<{ validateFormula: { problems: { key: string }[] } }>(VALIDATE, { input: { source: 'rooms + 1', kind: 'CRITERIA' } });
    expect(notBool.data!.validateFormula.problems[0].key).toBe('targeting.formula.mustBeBool');
  });

  it('saves versions, refuses a formula that does not compile without writing anything', async () => {
    const first = await api.graphql<{ saveFormula: Row }>(SAVE, { input: { programId: northProgram, code: 'PMT', name: 'PMT', kind: 'SCORE', source: '1.0 + 0.5 * members.size()' } });
    expect(first.errors).toBeUndefined();
    expect(first.data!.saveFormula).toMatchObject({ code: 'PMT', currentVersion: 1 });
    const before = await count();
    const broken = await api.graphql(SAVE, { input: { id: first.data!.saveFormula.id, programId: northProgram, code: 'PMT', name: 'PMT', kind: 'SCORE', source: '1.0 + ' } }, { lang: 'fr' });
    expect(broken.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'source' }] });
    expect(broken.errors![0].message).toMatch(/^Erreur de syntaxe à la position 7/);
    expect(await count()).toBe(before);
    const second = await api.graphql<{ saveFormula: Row }>(SAVE, { input: { id: first.data!.saveFormula.id, version: first.data!.saveFormula.version, programId: northProgram, code: 'PMT', name: 'PMT', kind: 'SCORE', source: SCORE_SOURCE } });
    expect(second.data!.saveFormula).toMatchObject({ currentVersion: 2, versions: [{ number: 2, source: SCORE_SOURCE }, { number: 1 }] });
    const audited = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM core.audit_log WHERE entity_type IN ('Formula', 'FormulaVersion')`);
    expect(audited[0].n).toBeGreaterThanOrEqual(4);
  });

  it("reads a list page's versions in one statement, newest first within each formula", async () => {
    for (const code of ['PMT-B', 'PMT-C']) {
      const saved = await api.graphql<{ saveFormula: Row }>(SAVE, { input: { programId: northProgram, code, name: code, kind: 'CRITERIA', source: 'true' } });
      expect(saved.errors).toBeUndefined();
      const again = await api.graphql(SAVE, { input: { id: saved.data!.saveFormula.id, version: saved.data!.saveFormula.version, programId: northProgram, code, name: code, kind: 'CRITERIA', source: 'rooms > 0' } });
      expect(again.errors).toBeUndefined();
    }
    const { statements, stop } = recordSqlStatements();
    try {
      const page = await api.graphql<{ formulas: { edges: { node: Row }[] } }>(LIST, { programId: northProgram });
      expect(page.errors).toBeUndefined();
      const nodes = page.data!.formulas.edges.map((e) => e.node);
      expect(nodes.length).toBeGreaterThanOrEqual(2);
      const stored = await sql<{ formula_id: string; numbers: number[] }>(
        api.databaseUrl,
        'SELECT formula_id, array_agg(number ORDER BY number DESC) AS numbers FROM targeting.formula_version WHERE formula_id = ANY($1::uuid[]) GROUP BY formula_id',
        [nodes.map((n) => n.id)],
      );
      const byFormula = new Map(stored.map((r) => [r.formula_id, r.numbers]));
      for (const node of nodes) expect([node.code, node.versions.map((v) => v.number)]).toEqual([node.code, byFormula.get(node.id)]);
      expect(nodes.find((n) => n.code === 'PMT-B')!.versions.map((v) => v.source)).toEqual(['rooms > 0', 'true']);
      expect(statements.filter((t) => t.includes('"targeting"."formula_version"'))).toHaveLength(1);
    } finally {
      stop();
    }
  });

  it('previews on the programme households: count, histogram, sample with each term', async () => {
    const preview = await api.graphql<{ previewFormula: { households: number; passing: number; errors: number; histogram: { count: number }[]; sample: { score: number; terms: { value: number }[] }[] } }>(
      PREVIEW,
      { input: { programId: northProgram, source: SCORE_SOURCE, kind: 'SCORE', buckets: 5, sampleSize: 3 } },
    );
    expect(preview.errors).toBeUndefined();
    const p = preview.data!.previewFormula;
    expect(p.households).toBeGreaterThan(0);
    expect(p.passing + p.errors).toBe(p.households);
    expect(p.histogram).toHaveLength(5);
    expect(p.histogram.reduce((s, b) => s + b.count, 0)).toBe(p.passing);
    expect(p.sample).toHaveLength(3);
    for (const row of p.sample) expect(row.terms.reduce((s, t) => s + t.value, 0)).toBeCloseTo(row.score, 9);
    const criteria = await api.graphql<{ previewFormula: { passing: number; households: number } }>(PREVIEW, { input: { programId: northProgram, source: 'members.size() >= 3', kind: 'CRITERIA' } });
    const expected = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM registry.household h JOIN programs.program p ON p.id = $1
      WHERE h.status = 'ACTIVE' AND starts_with(h.area_path, p.coverage_paths[1]) AND (SELECT count(*) FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE') >= 3`, [northProgram]);
    expect(criteria.data!.previewFormula.passing).toBe(expected[0].n);
  });

  it('counts the same households whether the preview reads every member (whole country) or only those in scope', async () => {
    const roots = await sql<{ id: string }>(api.databaseUrl, 'SELECT id FROM geo.admin_area WHERE parent_id IS NULL');
    expect(roots.length).toBeGreaterThan(0);
    const created = await api.graphql<{ createProgram: { id: string } }>(CREATE_PROGRAM, { input: { code: 'PMT-ALL', name: { en: 'All' }, targetUnit: 'HOUSEHOLD', coverageAreaIds: roots.map((r) => r.id) } });
    expect(created.errors).toBeUndefined();
    const source = 'members.filter(m, m.age >= 18).size() >= 2 || members.exists(m, m.disability)';
    const byHand = async (prefix: string) =>
      (await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM registry.household h WHERE h.status = 'ACTIVE' AND starts_with(h.area_path, $1) AND (
        (SELECT count(*) FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE' AND date_part('year', age(current_date, i.birth_date)) >= 18) >= 2
        OR EXISTS (SELECT 1 FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE' AND i.disability <> 'NONE'))`, [prefix]))[0].n;
    const everywhere = await api.graphql<{ previewFormula: { passing: number; households: number } }>(PREVIEW, { input: { programId: created.data!.createProgram.id, source, kind: 'CRITERIA' } });
    expect(everywhere.errors).toBeUndefined();
    expect(everywhere.data!.previewFormula.passing).toBe(await byHand(''));
    // the north-only viewer previews the same programme: only north's households, their members joined in scope
    const [north] = await sql<{ path: string }>(api.databaseUrl, `SELECT path FROM geo.admin_area WHERE code = 'DL-01'`);
    const northOnly = await api.graphql<{ previewFormula: { passing: number; households: number } }>(PREVIEW, { input: { programId: created.data!.createProgram.id, source, kind: 'CRITERIA' } }, { token: viewerToken });
    expect(northOnly.errors).toBeUndefined();
    expect(northOnly.data!.previewFormula.passing).toBe(await byHand(north.path));
    expect(northOnly.data!.previewFormula.passing).toBeLessThan(everywhere.data!.previewFormula.passing);
  });

  it('writes the criteria builder\'s groups as CEL with the one compiler, and names the condition at fault', async () => {
    const CRITERIA_SOURCE = 'query($input: CriteriaSourceInput!) { criteriaSource(input: $input) { source problem { key group condition } } }';
    const groups = [
      {
        conditions: [
          { field: 'members', operator: 'GREATER', value: '1', aggregate: { kind: 'COUNT', where: { field: 'age', operator: 'LESS', value: '5' } } },
          { field: 'rooms', operator: 'BETWEEN', values: ['1', '3'] },
        ],
      },
      { conditions: [{ field: 'members', operator: 'EQUALS', value: 'true', aggregate: { kind: 'EXISTS', where: { field: 'disability', operator: 'EQUALS', value: 'true' } } }] },
    ];
    const written = await api.graphql<{ criteriaSource: { source: string | null; problem: unknown } }>(CRITERIA_SOURCE, { input: { groups } });
    expect(written.errors).toBeUndefined();
    const source = written.data!.criteriaSource.source!;
    expect(source).toBe('((members.filter(m, m.age < 5).size() > 1) && ((rooms >= 1 && rooms <= 3))) || ((members.exists(m, m.disability == true) == true))');
    // the builder's count is the preview of that source, equal to the same rule written by hand in SQL
    const previewed = await api.graphql<{ previewFormula: { passing: number } }>(PREVIEW, { input: { programId: northProgram, source, kind: 'CRITERIA' } });
    const [byHand] = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM registry.household h JOIN programs.program p ON p.id = $1
      WHERE h.status = 'ACTIVE' AND starts_with(h.area_path, p.coverage_paths[1]) AND (
        ((SELECT count(*) FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE' AND date_part('year', age(current_date, i.birth_date)) < 5) > 1 AND h.rooms BETWEEN 1 AND 3)
        OR EXISTS (SELECT 1 FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE' AND i.disability <> 'NONE'))`, [northProgram]);
    expect(byHand.n).toBeGreaterThan(0);
    expect(previewed.data!.previewFormula.passing).toBe(byHand.n);
    // a text where a number is expected, an operator the field cannot take, an unknown field: the condition is named
    for (const [condition, key] of [
      [{ field: 'rooms', operator: 'GREATER', value: 'many' }, 'targeting.criteria.valueType'],
      [{ field: 'wall_material', operator: 'BETWEEN', values: ['A', 'B'] }, 'targeting.criteria.operatorType'],
      [{ field: 'nope', operator: 'EQUALS', value: '1' }, 'targeting.criteria.unknownField'],
      [{ field: 'members', operator: 'GREATER', value: '1' }, 'targeting.criteria.aggregateRequired'],
    ] as const) {
      const refused = await api.graphql<{ criteriaSource: { source: string | null; problem: { key: string; group: number; condition: number } } }>(CRITERIA_SOURCE, {
        input: { groups: [groups[0], { conditions: [groups[1].conditions[0], condition] }] },
      });
      expect(refused.data!.criteriaSource).toEqual({ source: null, problem: { key, group: 1, condition: 1 } });
    }
    const malformed = await api.graphql(CRITERIA_SOURCE, { input: { groups: [{ conditions: [{ field: 'rooms', operator: 'EQUALS', values: Array.from({ length: 101 }, () => '1') }] }] } });
    expect(malformed.errors![0].extensions!.code).toBe('BAD_USER_INPUT');

    // saved with its groups, the formula reopens in the builder; a text changed by hand drops them
    const WITH_CRITERIA = `mutation($input: SaveFormulaInput!) { saveFormula(input: $input) { id version currentVersion criteria } }`;
    const saved = await api.graphql<{ saveFormula: { id: string; version: number; criteria: unknown } }>(WITH_CRITERIA, {
      input: { programId: northProgram, code: 'BUILT', name: 'Built with the builder', kind: 'CRITERIA', source, criteria: groups },
    });
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveFormula.criteria).toEqual(groups.map((g) => ({ conditions: g.conditions.map((c) => expect.objectContaining(c)) })));
    const read = await api.graphql<{ formula: { criteria: unknown } }>('query($id: ID!) { formula(id: $id) { criteria } }', { id: saved.data!.saveFormula.id });
    expect(read.data!.formula.criteria).toEqual(saved.data!.saveFormula.criteria);
    const byHandEdit = await api.graphql<{ saveFormula: { currentVersion: number; criteria: unknown } }>(WITH_CRITERIA, {
      input: { id: saved.data!.saveFormula.id, version: saved.data!.saveFormula.version, programId: northProgram, code: 'BUILT', name: 'Built', kind: 'CRITERIA', source: `${source} || rooms > 8`, criteria: groups },
    });
    expect(byHandEdit.data!.saveFormula).toMatchObject({ currentVersion: 2, criteria: null });
  });

  const settle = async (id: string) => {
    await api.app.get(JobService).waitFor(id, 60_000);
    await api.drainJobs();
  };
  const jobRow = (id: string) =>
    sql<{ status: string; attempts: number; progress: number; result: Record<string, number> | null }>(api.databaseUrl, 'SELECT status, attempts, progress, result FROM core.job WHERE id = $1', [id]).then((r) => r[0]);

  it('scores every household of the coverage as a job in keyset batches, each score with its formula version', async () => {
    const formula = (await api.graphql<{ formulas: { edges: { node: Row }[] } }>(LIST, { programId: northProgram })).data!.formulas.edges.find((e) => e.node.kind === 'SCORE')!.node;
    const run = await api.graphql<{ scoreHouseholds: { id: string; status: string } }>(SCORE, { id: formula.id }, { token: managerToken });
    expect(run.errors).toBeUndefined();
    // a second start while the first is queued or running is refused, translated
    const twice = await api.graphql(SCORE, { id: formula.id }, { token: managerToken, lang: 'pt' });
    expect(twice.errors![0].extensions!.code).toBe('CONFLICT');
    expect(twice.errors![0].message).toMatch(/já estão a ser pontuados/);
    await settle(run.data!.scoreHouseholds.id);
    const job = await jobRow(run.data!.scoreHouseholds.id);
    expect(job).toMatchObject({ status: 'COMPLETED', attempts: 1, progress: 1, result: { formulaVersion: 2, errors: 0 } });
    const stored = await sql<{ n: number; versions: number[]; outside: number; jobs: string[] }>(api.databaseUrl, `SELECT count(*)::int AS n, array_agg(DISTINCT formula_version) AS versions,
      count(*) FILTER (WHERE NOT starts_with(h.area_path, p.coverage_paths[1]))::int AS outside, array_agg(DISTINCT s.job_id::text) AS jobs
      FROM targeting.household_score s JOIN registry.household h ON h.id = s.household_id JOIN programs.program p ON p.id = $2 WHERE s.formula_id = $1`, [formula.id, northProgram]);
    expect(stored[0]).toEqual({ n: job.result!['scored'], versions: [2], outside: 0, jobs: [run.data!.scoreHouseholds.id] });
    expect(job.result!['scored']).toBeGreaterThan(BATCH * 2);
    const handScore = await sql<{ bad: number }>(api.databaseUrl, `SELECT count(*)::int AS bad FROM targeting.household_score s JOIN registry.household h ON h.id = s.household_id
      WHERE s.formula_id = $1 AND abs(s.score - (1.0 + 0.5 * (SELECT count(*) FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE')
        - 0.2 * (SELECT count(*) FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE' AND i.sex = 'F')
        + CASE WHEN h.wall_material = 'BRICK' THEN 0.3 ELSE 0 END)) > 1e-9`, [formula.id]);
    expect(handScore[0].bad).toBe(0);
  });

  it('resumes a scoring job taken over after its process died mid-batch, without scoring a household twice', async () => {
    const saved = await api.graphql<{ saveFormula: Row }>(SAVE, { input: { programId: northProgram, code: 'CRASH', name: 'Crash', kind: 'SCORE', source: '3.0 - 0.1 * members.size()' } });
    const formulaId = saved.data!.saveFormula.id;
    const original = ScoreJobService.prototype.batch;
    let calls = 0;
    let crashed = false;
    const spy = jest.spyOn(ScoreJobService.prototype, 'batch').mockImplementation(async function (this: ScoreJobService, ...args: Parameters<typeof original>) {
      calls += 1;
      const next = await original.apply(this, args);
      // once a batch has committed scores, the next one does its writes, then the process "dies" before committing them
      if (!crashed && args[3].scored > 0) {
        crashed = true;
        throw new JobLeaseLostError('simulated crash');
      }
      return next;
    });
    let jobId: string;
    try {
      jobId = (await api.graphql<{ scoreHouseholds: { id: string } }>(SCORE, { id: formulaId }, { token: managerToken })).data!.scoreHouseholds.id;
      for (let i = 0; i < 200 && !crashed; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      await api.drainJobs();
    } finally {
      spy.mockRestore();
    }
    expect((await jobRow(jobId)).status).toBe('RUNNING');
    const firstBatch = await sql<{ household_id: string; scored_at: Date }>(api.databaseUrl, 'SELECT household_id, scored_at FROM targeting.household_score WHERE formula_id = $1 ORDER BY household_id', [formulaId]);
    expect(firstBatch.length).toBeGreaterThan(0);
    expect(firstBatch.length).toBeLessThanOrEqual(BATCH * (calls - 1));
    await sql(api.databaseUrl, `UPDATE core.job SET lease_owner = 'dead-process', lease_expires_at = now() - interval '1 second' WHERE id = $1`, [jobId]);
    expect(await api.app.get(JobRunner).recoverExpired()).toEqual({ requeued: 1, failed: 0 });
    await sql(api.databaseUrl, 'UPDATE core.job SET next_attempt_at = now() WHERE id = $1', [jobId]);
    await api.app.get(JobService).relay(null, 0);
    await settle(jobId);
    const job = await jobRow(jobId);
    const households = (await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM registry.household h JOIN programs.program p ON p.id = $1 WHERE h.status = 'ACTIVE' AND starts_with(h.area_path, p.coverage_paths[1])`, [northProgram]))[0].n;
    expect(job).toMatchObject({ status: 'COMPLETED', attempts: 2, result: { scored: households, errors: 0 } });
    const all = await sql<{ household_id: string; scored_at: Date }>(api.databaseUrl, 'SELECT household_id, scored_at FROM targeting.household_score WHERE formula_id = $1 ORDER BY household_id', [formulaId]);
    expect(all).toHaveLength(households);
    // the batch committed before the crash was not scored again: same rows, same time
    const before = new Map(firstBatch.map((r) => [r.household_id, r.scored_at.getTime()]));
    expect(all.filter((r) => before.has(r.household_id)).map((r) => r.scored_at.getTime())).toEqual([...before.values()]);
  });

  it('gives every household the formula cannot score its reason: the first term that fails', async () => {
    const source = '2 + 10 / members.filter(m, m.age < 5).size() - members.size()';
    const saved = await api.graphql<{ saveFormula: Row }>(SAVE, { input: { programId: northProgram, code: 'DIV', name: 'Division', kind: 'SCORE', source } });
    const started = await api.graphql<{ scoreHouseholds: { id: string } }>(SCORE, { id: saved.data!.saveFormula.id }, { token: managerToken });
    await settle(started.data!.scoreHouseholds.id);
    expect(started.errors).toBeUndefined();
    const job = await jobRow(started.data!.scoreHouseholds.id);
    const noYoungChild = (await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM registry.household h JOIN programs.program p ON p.id = $1
      WHERE h.status = 'ACTIVE' AND starts_with(h.area_path, p.coverage_paths[1])
        AND (NOT EXISTS (SELECT 1 FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE' AND i.birth_date > current_date - interval '5 years')
          OR EXISTS (SELECT 1 FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE' AND i.birth_date IS NULL))`, [northProgram]))[0].n;
    expect(noYoungChild).toBeGreaterThan(0);
    expect(job.result).toMatchObject({ errors: noYoungChild });
    const errors = await api.graphql<{ scoringErrors: { total: number; households: { term: string; formulaVersion: number }[] } }>(ERRORS, { id: saved.data!.saveFormula.id }, { token: viewerToken });
    expect(errors.errors).toBeUndefined();
    expect(errors.data!.scoringErrors.total).toBe(noYoungChild);
    expect(new Set(errors.data!.scoringErrors.households.map((h) => h.term))).toEqual(new Set(['10 / members.filter(m, m.age < 5).size()']));
  });

  it('reads per-area coefficients, inherited down the hierarchy, the deepest area setting a name winning', async () => {
    const SET = 'mutation($input: SetAreaCoefficientsInput!) { setAreaCoefficients(input: $input) { areaId coefficients } }';
    const [north] = await sql<{ id: string; path: string }>(api.databaseUrl, `SELECT id, path FROM geo.admin_area WHERE code = 'DL-01'`);
    const [district] = await sql<{ id: string; path: string }>(api.databaseUrl, `SELECT a.id, a.path FROM geo.admin_area a JOIN registry.household h ON starts_with(h.area_path, a.path) WHERE a.parent_id = $1 GROUP BY a.id ORDER BY count(*) DESC LIMIT 1`, [north.id]);
    expect((await api.graphql(SET, { input: { programId: northProgram, areaId: north.id, coefficients: { a: 1.0, b: 2.0 } } }, { token: managerToken })).errors).toBeUndefined();
    expect((await api.graphql(SET, { input: { programId: northProgram, areaId: district.id, coefficients: { a: 5.0 } } }, { token: managerToken })).errors).toBeUndefined();
    // bad names, values and areas are refused, translated
    const badName = await api.graphql(SET, { input: { programId: northProgram, areaId: north.id, coefficients: { 'a b': 1 } } }, { token: managerToken, lang: 'fr' });
    expect(badName.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'coefficients' }] });
    expect(badName.errors![0].message).toContain('« a b »');
    const badValue = await api.graphql(SET, { input: { programId: northProgram, areaId: north.id, coefficients: { a: 'x' } } }, { token: managerToken });
    expect(badValue.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const south = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM geo.admin_area WHERE code = 'DL-02'`);
    const outside = await api.graphql(SET, { input: { programId: northProgram, areaId: south[0].id, coefficients: { a: 1 } } });
    expect(outside.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'areaId' }] });
    const otherProgramme = await api.graphql(SET, { input: { programId: southProgram, areaId: south[0].id, coefficients: { a: 1 } } }, { token: managerToken });
    expect(otherProgramme.errors![0].extensions!.code).toBe('NOT_FOUND');
    // the editor knows the programme's coefficients; without a programme they are unknown
    const known = await api.graphql<{ validateFormula: { valid: boolean } }>(VALIDATE, { input: { source: 'coef.a * 10.0 + coef.b', kind: 'SCORE', programId: northProgram } });
    expect(known.data!.validateFormula.valid).toBe(true);
    const unknown = await api.graphql<{ validateFormula: { valid: boolean } }>(VALIDATE, { input: { source: 'coef.a * 10.0', kind: 'SCORE' } });
    expect(unknown.data!.validateFormula.valid).toBe(false);

    const saved = await api.graphql<{ saveFormula: Row }>(SAVE, { input: { programId: northProgram, code: 'COEF', name: 'Coefficients', kind: 'SCORE', source: 'coef.a * 10.0 + coef.b' } });
    expect(saved.errors).toBeUndefined();
    const started = await api.graphql<{ scoreHouseholds: { id: string } }>(SCORE, { id: saved.data!.saveFormula.id }, { token: managerToken });
    await settle(started.data!.scoreHouseholds.id);
    const scores = await sql<{ inside: boolean; score: number; n: number }>(api.databaseUrl, `SELECT starts_with(h.area_path, $2) AS inside, s.score, count(*)::int AS n
      FROM targeting.household_score s JOIN registry.household h ON h.id = s.household_id WHERE s.formula_id = $1 GROUP BY 1, 2 ORDER BY 1`, [saved.data!.saveFormula.id, district.path]);
    expect(scores.map(({ inside, score }) => ({ inside, score }))).toEqual([{ inside: false, score: 12 }, { inside: true, score: 52 }]);
  });

  it('keeps restricted users to their programmes and permissions', async () => {
    const south = await api.graphql<{ saveFormula: Row }>(SAVE, { input: { programId: southProgram, code: 'S', name: 'S', kind: 'SCORE', source: '1' } });
    expect(south.errors).toBeUndefined();
    const hidden = await api.graphql<{ formula: Row | null }>(GET, { id: south.data!.saveFormula.id }, { token: viewerToken });
    expect(hidden.data!.formula).toBeNull();
    const listed = await api.graphql<{ formulas: { totalCount: number } }>(LIST, { programId: southProgram }, { token: viewerToken });
    expect(listed.data!.formulas.totalCount).toBe(0);
    const before = await count();
    const refused = await api.graphql(SAVE, { input: { programId: northProgram, code: 'V', name: 'V', kind: 'SCORE', source: '1' } }, { token: viewerToken });
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    const outside = await api.graphql(SAVE, { input: { programId: southProgram, code: 'M', name: 'M', kind: 'SCORE', source: '1' } }, { token: managerToken });
    expect(outside.errors![0].extensions!.code).toBe('NOT_FOUND');
    const scoreOutside = await api.graphql(SCORE, { id: south.data!.saveFormula.id }, { token: managerToken });
    expect(scoreOutside.errors![0].extensions!.code).toBe('NOT_FOUND');
    const previewOutside = await api.graphql(PREVIEW, { input: { programId: southProgram, source: '1', kind: 'SCORE' } }, { token: viewerToken });
    expect(previewOutside.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect(await count()).toBe(before);
    const anonymous = await api.graphql(VALIDATE, { input: { source: '1', kind: 'SCORE' } }, { token: null });
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});
