import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { registryDefinition } from '@coremis/registry';
import { compileCriteria, type CriteriaGroup } from './criteria.compiler';
import { celContext, formulaEnvironment, type HouseholdData } from './formula-environment';
import { compileFormula, FormulaError } from './formula.compiler';
import { variableCatalogue, type VariableCatalogue } from './formula-variables';
import { scoreBatchSql } from '../scoring/score-batch.sql';

const REF = '2026-06-30';

/** Full years from birth to the reference date, negative for a birth after it (as PostgreSQL's age()). */
function ageAt(birth: string, ref: string): number {
  const years = (from: string, to: string) => {
    const [fy, fm, fd] = from.split('-').map(Number);
    const [ty, tm, td] = to.split('-').map(Number);
    return ty - fy - (tm * 100 + td < fm * 100 + fd ? 1 : 0);
  };
  return birth <= ref ? years(birth, ref) : -years(ref, birth);
}

const HOUSEHOLD_SCHEMA = {
  type: 'object',
  properties: { income: { type: 'number' }, children: { type: 'integer' }, label: { type: 'string' }, farmer: { type: 'boolean' }, tags: { type: 'array' } },
};
const MEMBER_SCHEMA = { type: 'object', properties: { schooling: { type: 'integer' }, wage: { type: 'number' } } };

const FORMULAS = [
  '1.5 + 0.25 * rooms - 0.1 * members.size()',
  '7.2 + 0.31 * log(double(members.size()) + 1.0) - 0.12 * members.filter(m, m.age < 5).size() + (members.exists(m, m.disability) ? -0.4 : 0.0)',
  '(wall_material == "BRICK" ? 0.3 : 0.0) + (water_source in ["PIPED", "WELL"] ? 0.2 : -0.1) + ("radio" in assets ? 0.15 : 0.0)',
  'extra.income / extra.children',
  'extra.income * 1e300 * 1e10',
  'extra.children * 4611686018427387904',
  'rooms / (members.size() - members.size())',
  'min(extra.income, 100.0) + max(rooms, 2) + exp(extra.income / 1000000.0)',
  'log(extra.income)',
  'members.filter(m, m.extra.schooling >= 6 && m.sex == "F").size() * 2 + members.filter(m, m.age >= 65).size()',
  'members.all(m, m.age >= 18) ? 1 : 0',
  // each age at a year's edge counted apart: a birth after the reference date is 0, -1, ... as age() says
  'members.filter(m, m.age == 0).size() * 1000 + members.filter(m, m.age == -1).size() * 100 + members.filter(m, m.age == 5).size() * 10 + members.filter(m, m.age == 64).size()',
  '-rooms % 3',
  'exp(extra.income)',
  '(has(extra.label) && extra.label.contains("é")) ? 1.0 : 0.5',
  'members.exists(m, m.extra.wage > 100.5) || extra.farmer ? 2 : 3',
  // a member predicate that reads the household
  'members.filter(m, m.age > rooms * 10).size() + 0.5',
];

const CRITERIA: CriteriaGroup[][] = [
  [
    { conditions: [{ field: 'rooms', operator: 'LESS', value: 3 }, { field: 'wall_material', operator: 'IN', values: ['MUD', 'WOOD', 'BRICK'] }] },
    { conditions: [{ field: 'members', aggregate: { kind: 'COUNT', where: { field: 'age', operator: 'LESS', value: 5 } }, operator: 'GREATER', value: 1 }] },
    { conditions: [{ field: 'extra.income', operator: 'BETWEEN', values: [0, 500.5] }, { field: 'extra.label', operator: 'IS_EMPTY' }] },
  ],
  [
    { conditions: [{ field: 'extra.label', operator: 'CONTAINS', value: 'ï' }] },
    { conditions: [{ field: 'assets', operator: 'CONTAINS', value: 'radio' }, { field: 'roof_material', operator: 'NOT_EQUALS', value: 'TIN' }] },
    { conditions: [{ field: 'members', aggregate: { kind: 'EXISTS', where: { field: 'disability', operator: 'EQUALS', value: true } }, operator: 'EQUALS', value: true }] },
  ],
];

describe('formula and criteria SQL equal the CEL library evaluation', () => {
  let api: TestApi;
  let catalogue: VariableCatalogue;
  let data: Map<string, HouseholdData>;

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition], { DEMO_DATA: 'true' });
    const url = api.databaseUrl;
    await sql(url, `INSERT INTO registry.field_schema (entity, schema) VALUES ('HOUSEHOLD', $1), ('INDIVIDUAL', $2)
      ON CONFLICT (entity) DO UPDATE SET schema = EXCLUDED.schema`, [HOUSEHOLD_SCHEMA, MEMBER_SCHEMA]);
    const [{ area_id, area_path }] = await sql<{ area_id: string; area_path: string }>(url, 'SELECT area_id, area_path FROM registry.household LIMIT 1');
    // Edge cases: empty and wrongly typed extra fields, zero members, zero and huge numbers, unicode, unknown ages.
    const edge: Array<[string, number | null, Record<string, unknown>, string[]]> = [
      ['EDGE-EMPTY', null, {}, []],
      ['EDGE-ZERO', 0, { income: 0, children: 0, label: '' }, []],
      ['EDGE-HUGE', 50, { income: 1.5e300, children: 3, label: 'ÉÎÕ naïve 日本 🎉' }, ['radio']],
      ['EDGE-WRONG', 2, { income: 'lots', children: 2.5, label: 7, farmer: 'yes' }, ['radio', 'tv']],
      ['EDGE-NEG', 1, { income: -20.75, children: 2, label: 'café', farmer: true }, []],
      ['EDGE-EXP', 4, { income: 709.9, children: 1, farmer: false }, []],
      ['EDGE-BIGINT', 3, { income: 12.5, children: 3, label: 'x' }, []],
    ];
    for (const [code, rooms, extra, assets] of edge) {
      await sql(url, `INSERT INTO registry.household (code, area_id, area_path, rooms, wall_material, water_source, extra, assets)
        VALUES ($1, $2, $3, $4, 'BRICK', 'PIPED', $5, $6)`, [code, area_id, area_path, rooms, extra, assets]);
    }
    const member = async (household: string, birth: string | null, sex: string, disability: string | null, extra: Record<string, unknown>) =>
      sql(url, `INSERT INTO registry.individual (given_name, family_name, sex, birth_date, disability, household_id, relationship, extra)
        SELECT 'Zoë', 'Ñandú', $2, $3::date, $4, id, 'MEMBER', $5 FROM registry.household WHERE code = $1`, [household, sex, birth, disability, extra]);
    await member('EDGE-HUGE', '2024-01-01', 'F', 'NONE', { schooling: 7, wage: 1e308 });
    await member('EDGE-HUGE', '1950-06-30', 'M', 'MOBILITY', { schooling: 0 });
    await member('EDGE-WRONG', null, 'F', null, { schooling: 'six' });
    await member('EDGE-NEG', '2026-07-01', 'F', 'NONE', {});
    await member('EDGE-BIGINT', '2000-02-29', 'M', 'NONE', { wage: 100.5 });
    // ages at the edges of a year, before and after the reference date (2026-06-30), and a leap day after it
    await member('EDGE-NEG', '2021-06-30', 'M', 'NONE', {});
    await member('EDGE-NEG', '2021-07-01', 'F', 'NONE', {});
    await member('EDGE-NEG', '1961-07-01', 'F', 'NONE', {});
    await member('EDGE-NEG', '2028-02-29', 'M', 'NONE', {});
    await member('EDGE-NEG', '2031-06-30', 'F', 'NONE', {});

    const [hs, is] = await Promise.all([
      sql<{ schema: Record<string, unknown> }>(url, `SELECT schema FROM registry.field_schema WHERE entity = 'HOUSEHOLD'`),
      sql<{ schema: Record<string, unknown> }>(url, `SELECT schema FROM registry.field_schema WHERE entity = 'INDIVIDUAL'`),
    ]);
    catalogue = variableCatalogue(hs[0].schema, is[0].schema);

    const households = await sql<Record<string, unknown>>(url, `SELECT id, rooms, wall_material, roof_material, floor_material, water_source,
      sanitation, lighting, cooking_fuel, assets, extra FROM registry.household`);
    const members = await sql<Record<string, unknown>>(url, `SELECT household_id, to_char(birth_date, 'YYYY-MM-DD') AS birth, sex, disability,
      education, marital_status, occupation, relationship, extra FROM registry.individual WHERE status = 'ACTIVE' AND household_id IS NOT NULL`);
    data = new Map(households.map((h) => [h['id'] as string, { values: h, extra: h['extra'] as Record<string, unknown>, members: [] }]));
    for (const m of members) {
      const birth = m['birth'] as string | null;
      const disability = m['disability'] as string | null;
      data.get(m['household_id'] as string)?.members.push({
        values: {
          ...m,
          age: birth === null ? null : ageAt(birth, REF),
          disability: disability === null ? null : disability !== 'NONE',
          disability_type: disability,
          is_head: m['relationship'] === 'HEAD',
        },
        extra: m['extra'] as Record<string, unknown>,
      });
    }
    expect(data.size).toBeGreaterThan(50);
  });

  afterAll(() => api?.close());

  /** A CEL error, or a result outside the double range, is what the SQL reports as NULL. */
  function celValue(source: string, household: HouseholdData): number | boolean | null {
    const env = formulaEnvironment(catalogue);
    try {
      const value = env.evaluate(source, celContext(catalogue, household)) as unknown;
      if (typeof value === 'bigint') return Number(value);
      if (typeof value === 'number') return Number.isFinite(value) ? value : null;
      return value as boolean;
    } catch {
      return null;
    }
  }

  async function compare(source: string, expect_: 'number' | 'bool') {
    const compiled = compileFormula(catalogue, source, { referenceDate: REF, expect: expect_ });
    const cast = expect_ === 'number' ? '::float8' : '';
    // both forms of the member aggregates: per household (lateral) and grouped over a set of households
    const rows = await sql<{ id: string; v: number | boolean | null }>(
      api.databaseUrl,
      `SELECT h.id, (${compiled.sql})${cast} AS v FROM registry.household h ${compiled.lateral}`,
      compiled.params,
    );
    const grouped = await sql<{ id: string; v: number | boolean | null }>(
      api.databaseUrl,
      `SELECT h.id, (${compiled.sql})${cast} AS v FROM registry.household h ${compiled.grouped('mm.household_id IN (SELECT id FROM registry.household)')}`,
      compiled.params,
    );
    expect(rows.length).toBe(data.size);
    const byId = new Map(grouped.map((row) => [row.id, row.v]));
    expect(grouped.length).toBe(data.size);
    expect(rows.filter((row) => byId.get(row.id) !== row.v).map((row) => `${row.id}: lateral ${row.v} grouped ${byId.get(row.id)}`).slice(0, 5)).toEqual([]);
    const mismatches: string[] = [];
    let errors = 0;
    for (const row of rows) {
      const expected = celValue(source, data.get(row.id)!);
      if (expected === null) errors++;
      const same =
        expected === null || row.v === null
          ? expected === row.v
          : typeof expected === 'number'
            ? Math.abs(expected - (row.v as number)) <= 1e-9 * Math.max(1, Math.abs(expected))
            : expected === row.v;
      if (!same) mismatches.push(`${row.id}: CEL ${expected} SQL ${row.v}`);
    }
    expect({ source, mismatches: mismatches.slice(0, 5) }).toEqual({ source, mismatches: [] });
    return { errors, rows: rows.length };
  }

  it.each(FORMULAS)('formula %s', async (source) => {
    await compare(source, 'number');
  });

  // The scoring job's own statement (keyset batches, upsert, per-term error reason) gives the same scores as the
  // CEL library, households without members included, across batch boundaries.
  it.each(FORMULAS)('scoring batches of formula %s', async (source) => {
    const compiled = compileFormula(catalogue, source, { referenceDate: REF, expect: 'number', terms: true, paramOffset: 6 });
    const statement = scoreBatchSql(compiled, '($1::text[] IS NULL AND $2::text[] IS NULL)', 'bench_household_score');
    await sql(api.databaseUrl, `CREATE TABLE IF NOT EXISTS bench_household_score (formula_id uuid, household_id uuid, formula_version int, score float8, error text, job_id uuid, scored_at timestamptz, PRIMARY KEY (formula_id, household_id))`);
    const formulaId = '00000000-0000-4000-8000-000000000001';
    await sql(api.databaseUrl, 'DELETE FROM bench_household_score');
    let lastId: string | null = null;
    for (let batches = 0; ; batches++) {
      const rows: { scanned: number; last_id: string | null }[] = await sql(api.databaseUrl, statement.sql, [null, null, formulaId, 1, lastId, 40, ...compiled.params, ...statement.extraParams(null)]);
      const row = rows[0];
      lastId = row.last_id ?? lastId;
      if (row.scanned < 40) {
        expect(batches).toBeGreaterThan(3);
        break;
      }
    }
    const stored = await sql<{ household_id: string; score: number | null }>(api.databaseUrl, 'SELECT household_id, score FROM bench_household_score');
    expect(stored.length).toBe(data.size);
    const mismatches = stored
      .map((r) => ({ r, expected: celValue(source, data.get(r.household_id)!) }))
      .filter(({ r, expected }) => (expected === null || r.score === null ? expected !== r.score : Math.abs((expected as number) - r.score) > 1e-9 * Math.max(1, Math.abs(expected as number))))
      .map(({ r, expected }) => `${r.household_id}: CEL ${expected} SQL ${r.score}`);
    expect({ source, mismatches: mismatches.slice(0, 5) }).toEqual({ source, mismatches: [] });
  });

  it('scores the demo households (not only errors)', async () => {
    const result = await compare('0.8 * members.size() + 0.5 * members.filter(m, m.sex == "F").size() - 0.1', 'number');
    expect(result.errors).toBeLessThan(result.rows / 2);
  });

  it('reports per-household errors instead of failing the statement (division by zero, overflow, missing values)', async () => {
    expect((await compare('rooms / (members.size() - members.size())', 'number')).errors).toBe(data.size);
    expect((await compare('extra.children * 4611686018427387904', 'number')).errors).toBeGreaterThan(0);
  });

  it.each(CRITERIA.map((groups, i) => [i, groups] as const))('criteria %i', async (_i, groups) => {
    const source = compileCriteria(catalogue, groups);
    const result = await compare(source, 'bool');
    expect(result.rows).toBe(data.size);
  });

  it('rejects unknown variables, wrong types and syntax errors with their position', () => {
    const problem = (source: string) => {
      try {
        compileFormula(catalogue, source, { referenceDate: REF });
      } catch (error) {
        return (error as FormulaError).problem;
      }
      throw new Error(`accepted: ${source}`);
    };
    expect(problem('1.0 + unknown_thing')).toMatchObject({ key: 'targeting.formula.type', start: 6 });
    expect(problem('rooms + ')).toMatchObject({ key: 'targeting.formula.syntax', start: 8 });
    expect(problem('wall_material * 2')).toMatchObject({ key: 'targeting.formula.type' });
    expect(problem('extra.tags + 1')).toMatchObject({ key: 'targeting.formula.type' });
    expect(problem('rooms > 2')).toMatchObject({ key: 'targeting.formula.mustBeNumber' });
    expect(problem('[1, 2].exists(x, x > 1) ? 1 : 0')).toMatchObject({ key: 'targeting.formula.membersOnly' });
  });

  it('binds every literal as a parameter', () => {
    const compiled = compileFormula(catalogue, `wall_material == "x'; DROP TABLE registry.household; --" ? 1 : 0`, { referenceDate: REF });
    expect(compiled.sql).not.toContain('DROP');
    expect(compiled.params).toContain("x'; DROP TABLE registry.household; --");
  });
});
