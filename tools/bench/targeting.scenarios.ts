// Targeting scenarios of the benchmark suite (issue 14), on the population the registry scenarios imported:
// - scoring every household with a 12-term CEL formula (two filtered member aggregates and a member count) as the
//   product does it (the scoring job through the API: keyset batches, checkpoint per batch), and the compiled
//   expression as one statement, both against a hand-written INSERT ... SELECT doing the same work;
// - a three-group criteria preview count through the API, against the compiled count run directly;
// - an enrolment run with per-area quotas through the API over every scored household.
import { postGraphql } from '@coremis/core/testing';
import { compileCriteria, compileFormula, variableCatalogue } from '@coremis/targeting';
import { type BenchContext, settleWal } from './registry.scenarios';

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

/**
 * The same score written by hand: one aggregate pass over members, plain arithmetic, written as formula `$2`'s scores
 * into a table of the score table's shape (the job writes durable rows with their formula, version and time: so does
 * the reference).
 */
const handWritten = (table: 'bench_score_hand' | 'bench_score_unlogged') => `
  INSERT INTO ${table} (formula_id, household_id, formula_version, score)
  SELECT $2::uuid, h.id, 1,
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

/** The score table's shape: what the scoring job writes for every household. */
const SCORE_SHAPE = `(formula_id uuid NOT NULL, household_id uuid NOT NULL, formula_version int NOT NULL, score float8, error text, job_id uuid,
  scored_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (formula_id, household_id))`;
const BENCH_FORMULA_ID = '00000000-0000-7000-8000-00000000b001';

export async function runTargetingScenarios(ctx: BenchContext): Promise<void> {
  const [hs, is] = await Promise.all([
    ctx.pool.query<{ schema: Record<string, unknown> }>(`SELECT schema FROM registry.field_schema WHERE entity = 'HOUSEHOLD'`),
    ctx.pool.query<{ schema: Record<string, unknown> }>(`SELECT schema FROM registry.field_schema WHERE entity = 'INDIVIDUAL'`),
  ]);
  const catalogue = variableCatalogue(hs.rows[0]?.schema, is.rows[0]?.schema);
  await ctx.pool.query('DROP TABLE IF EXISTS bench_score, bench_score_hand, bench_score_unlogged');
  await ctx.pool.query(`CREATE TABLE bench_score ${SCORE_SHAPE}`);
  await ctx.pool.query(`CREATE TABLE bench_score_hand ${SCORE_SHAPE}`);
  await ctx.pool.query(`CREATE UNLOGGED TABLE bench_score_unlogged ${SCORE_SHAPE}`);

  // first, the same statement into an unlogged table (no WAL): the reference of the runs before 2026-12-06, kept as a row
  // every timed statement starts after a checkpoint: none pays for the WAL the one before wrote (with the default
  // max_wal_size a checkpoint otherwise lands in whichever statement crosses the line)
  await settleWal(ctx.pool);
  const unlogged = await ctx.timed(async () => (await ctx.pool.query(handWritten('bench_score_unlogged'), [REFERENCE_DATE, BENCH_FORMULA_ID])).rowCount ?? 0);
  await settleWal(ctx.pool);
  const hand = await ctx.timed(async () => (await ctx.pool.query(handWritten('bench_score_hand'), [REFERENCE_DATE, BENCH_FORMULA_ID])).rowCount ?? 0);
  ctx.record(
    'targeting: hand-written scoring INSERT ... SELECT into a logged table of the score table\'s shape (the baseline below)',
    hand.value,
    hand,
    unlogged.ms,
    `the same statement into an unlogged table took ${Math.round(unlogged.ms)} ms (the ratio column: logged / unlogged)`,
  );
  const compiled = compileFormula(catalogue, BENCH_FORMULA, { referenceDate: REFERENCE_DATE });
  await settleWal(ctx.pool);
  const scored = await ctx.timed(
    async () =>
      (
        await ctx.pool.query(
          `INSERT INTO bench_score (formula_id, household_id, formula_version, score) SELECT $${compiled.params.length + 1}::uuid, h.id, 1, (${compiled.sql})::float8 FROM registry.household h ${compiled.grouped('true')}`,
          [...compiled.params, BENCH_FORMULA_ID],
        )
      ).rowCount ?? 0,
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
    `hand-written INSERT ... SELECT in ${Math.round(hand.ms)} ms (logged, score table's shape); ${differing.rows[0].n} scores differ (households with a member without birth date are errors in CEL)`,
  );

  const criteria = compileCriteria(catalogue, [
    { conditions: [{ field: 'rooms', operator: 'LESS', value: 3 }, { field: 'wall_material', operator: 'IN', values: ['mud', 'wood'] }] },
    { conditions: [{ field: 'members', aggregate: { kind: 'COUNT', where: { field: 'age', operator: 'LESS', value: 5 } }, operator: 'GREATER', value: 1 }] },
    { conditions: [{ field: 'water_source', operator: 'EQUALS', value: 'surface_water' }, { field: 'assets', operator: 'IS_EMPTY' }] },
  ]);
  const where = compileFormula(catalogue, criteria, { referenceDate: REFERENCE_DATE, expect: 'bool' });
  await settleWal(ctx.pool);
  const counted = await ctx.timed(
    async () => Number((await ctx.pool.query<{ n: string }>(`SELECT count(*) AS n FROM registry.household h ${where.grouped('true')} WHERE ${where.sql}`, where.params)).rows[0].n),
  );
  await ctx.pool.query('DROP TABLE bench_score, bench_score_hand, bench_score_unlogged');
  await productScenarios(ctx, hand.ms, criteria, counted.ms);
}

async function gql<T>(ctx: BenchContext, query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await postGraphql<T>(ctx.apiUrl, query, variables, { token: ctx.token });
  if (result.errors?.length || !result.data) throw new Error(`bench: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The API runs the job in its own process: follow it in the database; the job's own start and end give its time. */
async function jobTime(ctx: BenchContext, id: string): Promise<{ ms: number; result: Record<string, unknown> }> {
  for (;;) {
    const [job] = (await ctx.pool.query(`SELECT status, result, error_message, extract(epoch FROM finished_at - started_at) * 1000 AS ms FROM core.job WHERE id = $1`, [id])).rows;
    if (job.status === 'COMPLETED') return { ms: Number(job.ms), result: job.result };
    if (!['QUEUED', 'RUNNING'].includes(job.status)) throw new Error(`bench: job ${id} ${job.status}: ${job.error_message}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function productScenarios(ctx: BenchContext, handMs: number, criteria: string, directCountMs: number): Promise<void> {
  const roots = (await ctx.pool.query<{ id: string }>('SELECT id FROM geo.admin_area WHERE parent_id IS NULL ORDER BY code')).rows.map((r) => r.id);
  const households = Number((await ctx.pool.query<{ n: string }>(`SELECT count(*) AS n FROM registry.household WHERE status = 'ACTIVE'`)).rows[0].n);
  const code = `BENCH-${Date.now()}`;
  const created = await gql<{ createProgram: { id: string; version: number } }>(ctx, 'mutation($input: CreateProgramInput!) { createProgram(input: $input) { id version } }', {
    input: {
      code, name: { en: 'Bench cash transfer' }, targetUnit: 'HOUSEHOLD', coverageAreaIds: roots, budget: households * 40, currency: 'USD', maxBeneficiaries: Math.round(households * 0.3),
      benefits: [{ kind: 'CASH', label: 'Base', amount: 100, basis: 'PER_HOUSEHOLD' }, { kind: 'CASH', label: 'Per member', amount: 10, basis: 'PER_MEMBER' }],
    },
  });
  const programId = created.createProgram.id;
  await gql(ctx, 'mutation($input: ProgramStatusInput!) { activateProgram(input: $input) { status } }', { input: { id: programId, version: created.createProgram.version } });
  const formula = await gql<{ saveFormula: { id: string } }>(ctx, 'mutation($input: SaveFormulaInput!) { saveFormula(input: $input) { id } }', { input: { programId, code: 'PMT', name: 'PMT', kind: 'SCORE', source: BENCH_FORMULA } });

  await settleWal(ctx.pool);
  const started = Date.now();
  const job = await gql<{ scoreHouseholds: { id: string } }>(ctx, 'mutation($id: ID!) { scoreHouseholds(formulaId: $id) { id } }', { id: formula.saveFormula.id });
  const scored = await jobTime(ctx, job.scoreHouseholds.id);
  const wall = Date.now() - started;
  ctx.record(
    'targeting: scoring job (API, keyset batches + checkpoints), 12-term formula with member aggregates',
    Number(scored.result['scored']),
    { ms: scored.ms, peakMb: null, memoryOf: 'in the API process' },
    handMs,
    `job's own run time; ${Math.round(wall)} ms from the request to the client seeing it done; ${scored.result['errors']} households could not be scored (reason stored per household); baseline: the hand-written INSERT ... SELECT above (logged, score table's shape)`,
  );

  await settleWal(ctx.pool);
  const preview = await ctx.timed(async () =>
    (await gql<{ previewFormula: { passing: number } }>(ctx, 'query($input: PreviewFormulaInput!) { previewFormula(input: $input) { passing } }', { input: { programId, source: criteria, kind: 'CRITERIA', sampleSize: 1 } })).previewFormula.passing,
  );
  ctx.record('targeting: criteria preview through the API (count, three groups)', preview.value, preview, directCountMs, `${preview.value} households pass; baseline: the compiled count run directly`);

  // quotas per second-level area, shared in proportion to its households (30% of them), rounded down
  const areas = (await ctx.pool.query<{ id: string; n: string }>(`SELECT a.id, count(h.id) AS n FROM geo.admin_area a JOIN geo.admin_area p ON p.id = a.parent_id AND p.parent_id IS NULL
      JOIN registry.household h ON starts_with(h.area_path, a.path) AND h.status = 'ACTIVE' GROUP BY a.id`)).rows;
  const quotas = areas.map((a) => ({ areaId: a.id, places: Math.floor(Number(a.n) * 0.1) })).filter((q) => q.places > 0);
  await settleWal(ctx.pool);
  const enrolStarted = Date.now();
  const queued = await gql<{ startEnrolmentRun: { id: string; jobId: string } }>(ctx, 'mutation($input: StartEnrolmentRunInput!) { startEnrolmentRun(input: $input) { id jobId } }', {
    input: { programId, formulaId: formula.saveFormula.id, tieBreakers: ['MORE_CHILDREN_UNDER_FIVE', 'OLDER_HEAD'], quotas },
  });
  const computed = await jobTime(ctx, queued.startEnrolmentRun.jobId);
  const enrolWall = Date.now() - enrolStarted;
  const run = (await gql<{ enrolmentRun: { status: string; registered: number; eligible: number; enrolled: number; waitlisted: number } }>(ctx, 'query($id: ID!) { enrolmentRun(id: $id) { status registered eligible enrolled waitlisted } }', { id: queued.startEnrolmentRun.id })).enrolmentRun;
  if (run.status !== 'PROPOSED') throw new Error(`bench: enrolment run ${run.status}`);
  ctx.record(
    'targeting: enrolment run with per-area quotas (durable job: rank, quotas, places, budget; one statement)',
    run.registered,
    { ms: computed.ms, peakMb: null, memoryOf: 'in the API process' },
    null,
    `job's own run time; ${Math.round(enrolWall)} ms from the request to the client seeing it done; ${quotas.length} quota areas; eligible ${run.eligible}, enrolled ${run.enrolled}, wait-listed ${run.waitlisted}`,
  );
}
