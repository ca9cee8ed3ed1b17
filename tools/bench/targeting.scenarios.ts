// Targeting scenarios of the benchmark suite (issue 14): scoring every household with a compiled 12-term CEL formula
// (two filtered member aggregates and a member count) against a hand-written statement doing the same work, and a
// three-group criteria count. Runs after the registry scenarios, on the population they imported.
import { compileCriteria, compileFormula, variableCatalogue } from '@coremis/targeting';
import type { BenchContext } from './registry.scenarios';

const REFERENCE_DATE = '2026-06-30';

export const BENCH_FORMULA = [
  '6.5 + 0.12 * rooms',
  '(wall_material == "brick" ? 0.2 : 0.0)',
  '(roof_material in ["iron_sheet", "tiles"] ? 0.15 : 0.0)',
  '(water_source == "piped" ? 0.25 : 0.0)',
  '(sanitation == "flush" ? 0.1 : 0.0)',
  '(lighting == "electricity" ? 0.18 : 0.0)',
  '(cooking_fuel in ["gas", "electricity"] ? 0.22 : 0.0)',
  '("radio" in assets ? 0.05 : 0.0)',
  '("tv" in assets ? 0.09 : 0.0)',
  '0.11 * members.size()',
  '0.08 * members.filter(m, m.age < 5).size()',
  '0.06 * members.filter(m, m.age >= 18 && m.sex == "F").size()',
].join(' + ').replace('+ 0.11', '- 0.11').replace('+ 0.08', '- 0.08');

/** The same score written by hand: one aggregate pass over members, plain arithmetic. */
const HAND_WRITTEN = `
  INSERT INTO bench_score_hand (household_id, score)
  SELECT h.id,
    6.5 + 0.12 * h.rooms
    + CASE WHEN h.wall_material = 'brick' THEN 0.2 ELSE 0 END
    + CASE WHEN h.roof_material IN ('iron_sheet', 'tiles') THEN 0.15 ELSE 0 END
    + CASE WHEN h.water_source = 'piped' THEN 0.25 ELSE 0 END
    + CASE WHEN h.sanitation = 'flush' THEN 0.1 ELSE 0 END
    + CASE WHEN h.lighting = 'electricity' THEN 0.18 ELSE 0 END
    + CASE WHEN h.cooking_fuel IN ('gas', 'electricity') THEN 0.22 ELSE 0 END
    + CASE WHEN 'radio' = ANY(h.assets) THEN 0.05 ELSE 0 END
    + CASE WHEN 'tv' = ANY(h.assets) THEN 0.09 ELSE 0 END
    - 0.11 * coalesce(m.n, 0) - 0.08 * coalesce(m.under5, 0) + 0.06 * coalesce(m.women, 0)
  FROM registry.household h
  LEFT JOIN (
    SELECT household_id, count(*) AS n,
      count(*) FILTER (WHERE date_part('year', age($1::date, birth_date)) < 5) AS under5,
      count(*) FILTER (WHERE date_part('year', age($1::date, birth_date)) >= 18 AND sex = 'F') AS women
    FROM registry.individual WHERE status = 'ACTIVE' AND household_id IS NOT NULL GROUP BY household_id
  ) m ON m.household_id = h.id`;

export async function runTargetingScenarios(ctx: BenchContext): Promise<void> {
  const [hs, is] = await Promise.all([
    ctx.pool.query<{ schema: Record<string, unknown> }>(`SELECT schema FROM registry.field_schema WHERE entity = 'HOUSEHOLD'`),
    ctx.pool.query<{ schema: Record<string, unknown> }>(`SELECT schema FROM registry.field_schema WHERE entity = 'INDIVIDUAL'`),
  ]);
  const catalogue = variableCatalogue(hs.rows[0]?.schema, is.rows[0]?.schema);
  await ctx.pool.query('CREATE UNLOGGED TABLE IF NOT EXISTS bench_score (household_id uuid PRIMARY KEY, score float8)');
  await ctx.pool.query('CREATE UNLOGGED TABLE IF NOT EXISTS bench_score_hand (household_id uuid PRIMARY KEY, score float8)');
  await ctx.pool.query('TRUNCATE bench_score, bench_score_hand');

  const hand = await ctx.timed(async () => (await ctx.pool.query(HAND_WRITTEN, [REFERENCE_DATE])).rowCount ?? 0);
  const compiled = compileFormula(catalogue, BENCH_FORMULA, { referenceDate: REFERENCE_DATE });
  const scored = await ctx.timed(
    async () =>
      (await ctx.pool.query(`INSERT INTO bench_score (household_id, score) SELECT h.id, (${compiled.sql})::float8 FROM registry.household h ${compiled.lateral}`, compiled.params))
        .rowCount ?? 0,
  );
  const differing = await ctx.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM bench_score s JOIN bench_score_hand b USING (household_id)
      WHERE (s.score IS NULL) <> (b.score IS NULL) OR abs(s.score - b.score) > 1e-9 * greatest(1, abs(b.score))`,
  );
  ctx.record(
    'targeting: score every household, 12-term CEL formula with member aggregates',
    scored.value,
    scored,
    hand.ms,
    `hand-written INSERT ... SELECT in ${Math.round(hand.ms)} ms; ${differing.rows[0].n} scores differ (households with a member without birth date are errors in CEL)`,
  );

  const criteria = compileCriteria(catalogue, [
    { conditions: [{ field: 'rooms', operator: 'LESS', value: 3 }, { field: 'wall_material', operator: 'IN', values: ['mud', 'wood'] }] },
    { conditions: [{ field: 'members', aggregate: { kind: 'COUNT', where: { field: 'age', operator: 'LESS', value: 5 } }, operator: 'GREATER', value: 1 }] },
    { conditions: [{ field: 'water_source', operator: 'EQUALS', value: 'surface_water' }, { field: 'assets', operator: 'IS_EMPTY' }] },
  ]);
  const where = compileFormula(catalogue, criteria, { referenceDate: REFERENCE_DATE, expect: 'bool' });
  const counted = await ctx.timed(
    async () => Number((await ctx.pool.query<{ n: string }>(`SELECT count(*) AS n FROM registry.household h ${where.lateral} WHERE ${where.sql}`, where.params)).rows[0].n),
  );
  ctx.record('targeting: criteria preview count, three groups', counted.value, counted, null, `${counted.value} households pass`);
  await ctx.pool.query('DROP TABLE bench_score, bench_score_hand');
}
