import type { CompiledFormula } from '../formula/formula.compiler';

/** Where scores go: the module's table, or a bench copy with the same columns (a constant of the code, never input). */
export type ScoreTable = 'targeting.household_score' | 'bench_household_score';

/**
 * One keyset batch of scoring, as a single statement: the next `$6` households by id after `$5` (a range of the
 * primary key, so every batch reads only its own rows), of which those `scope` selects (over `registry.household h`, with `$1`/`$2`), each scored and upserted with the formula
 * version `$4` of formula `$3`; a household the formula fails for gets a NULL score and, as its reason, the text
 * of the first term that cannot be computed ('' when the formula is a single term). The compiled formula must
 * have been compiled with `terms: true` and `paramOffset: 6`. Returns the statement and the parameters that
 * follow the compiled ones (term texts, then the job id). The batch's households are a key range (inlined, not
 * materialised: 4% of a batch at 60,000 households), and the formula's member aggregates are grouped over the members
 * of the same key range (one range scan of the members' household index), never over households outside the batch.
 */
export function scoreBatchSql(compiled: CompiledFormula, scope: string, table: ScoreTable = 'targeting.household_score'): { sql: string; extraParams: (jobId: string | null) => unknown[] } {
  const base = 6 + compiled.params.length;
  const termTexts = compiled.terms.map((t) => t.source);
  const reason = compiled.terms.length ? `CASE ${compiled.terms.map((t, i) => `WHEN (${t.sql}) IS NULL THEN $${base + i + 1}::text`).join(' ')} ELSE '' END` : `''`;
  const jobParam = `$${base + termTexts.length + 1}::uuid`;
  const sql = `
    WITH ids AS MATERIALIZED (
      SELECT h.id FROM registry.household h
      WHERE ($5::uuid IS NULL OR h.id > $5::uuid)
      ORDER BY h.id LIMIT $6::int),
    batch AS (
      SELECT h.* FROM registry.household h
      WHERE ($5::uuid IS NULL OR h.id > $5::uuid) AND h.id <= (SELECT id FROM ids ORDER BY id DESC LIMIT 1) AND ${scope}),
    scored AS (
      INSERT INTO ${table} (formula_id, household_id, formula_version, score, error, job_id, scored_at)
      SELECT $3::uuid, h.id, $4::int, sc.v, CASE WHEN sc.v IS NULL THEN ${reason} END, ${jobParam}, now()
      FROM batch h ${compiled.grouped('($5::uuid IS NULL OR mm.household_id > $5::uuid) AND mm.household_id <= (SELECT id FROM ids ORDER BY id DESC LIMIT 1)')}
      CROSS JOIN LATERAL (SELECT (${compiled.sql})::float8 AS v) sc
      ON CONFLICT (formula_id, household_id) DO UPDATE
        SET formula_version = EXCLUDED.formula_version, score = EXCLUDED.score, error = EXCLUDED.error, job_id = EXCLUDED.job_id, scored_at = EXCLUDED.scored_at
      RETURNING score)
    SELECT (SELECT count(*) FROM ids)::int AS scanned, (SELECT count(*) FROM scored)::int AS n,
           (SELECT count(*) FROM scored WHERE score IS NULL)::int AS errors, (SELECT max(id::text) FROM ids)::uuid AS last_id`;
  return { sql, extraParams: (jobId) => [...termTexts, jobId] };
}
