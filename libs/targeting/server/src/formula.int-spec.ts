import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
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
const SCORE = 'mutation($id: ID!) { scoreHouseholds(formulaId: $id) { formulaId formulaVersion scored errors } }';
const CREATE_PROGRAM = 'mutation($input: CreateProgramInput!) { createProgram(input: $input) { id } }';
const PASSWORD = 'Scoped-user#2026!';
const SCORE_SOURCE = '1.0 + 0.5 * members.size() - 0.2 * members.filter(m, m.sex == "F").size() + (wall_material == "BRICK" ? 0.3 : 0.0)';

interface Row {
  id: string;
  code: string;
  currentVersion: number;
  version: number;
  versions: { number: number; source: string }[];
}

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

  it('scores every household of the coverage in one statement, each score with its formula version', async () => {
    const formula = (await api.graphql<{ formulas: { edges: { node: Row }[] } }>(LIST, { programId: northProgram })).data!.formulas.edges[0].node;
    const run = await api.graphql<{ scoreHouseholds: { scored: number; formulaVersion: number; errors: number } }>(SCORE, { id: formula.id }, { token: managerToken });
    expect(run.errors).toBeUndefined();
    expect(run.data!.scoreHouseholds).toMatchObject({ formulaVersion: 2 });
    const stored = await sql<{ n: number; versions: number[]; outside: number }>(api.databaseUrl, `SELECT count(*)::int AS n, array_agg(DISTINCT formula_version) AS versions,
      count(*) FILTER (WHERE NOT starts_with(h.area_path, p.coverage_paths[1]))::int AS outside
      FROM targeting.household_score s JOIN registry.household h ON h.id = s.household_id JOIN programs.program p ON p.id = $2 WHERE s.formula_id = $1`, [formula.id, northProgram]);
    expect(stored[0]).toEqual({ n: run.data!.scoreHouseholds.scored, versions: [2], outside: 0 });
    const handScore = await sql<{ bad: number }>(api.databaseUrl, `SELECT count(*)::int AS bad FROM targeting.household_score s JOIN registry.household h ON h.id = s.household_id
      WHERE s.formula_id = $1 AND abs(s.score - (1.0 + 0.5 * (SELECT count(*) FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE')
        - 0.2 * (SELECT count(*) FROM registry.individual i WHERE i.household_id = h.id AND i.status = 'ACTIVE' AND i.sex = 'F')
        + CASE WHEN h.wall_material = 'BRICK' THEN 0.3 ELSE 0 END)) > 1e-9`, [formula.id]);
    expect(handScore[0].bad).toBe(0);
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
