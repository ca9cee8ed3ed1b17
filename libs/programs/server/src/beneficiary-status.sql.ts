import { transitionPairs } from './programs-vocabulary';

/** Column names the selection of `setStatusesFromSelection` must return. */
export const SELECTION_COLUMNS = ['subject_id', 'to_status', 'score'] as const;

/**
 * One statement that applies the status transitions a selection proposes, for one programme:
 * subjects outside the caller's areas or the programme's coverage are left out, transitions not in the
 * declared table are refused, no-ops are skipped, new beneficiaries are inserted, existing ones
 * updated, and every change is written to the history, all in the caller's transaction.
 *
 * `selection` uses `$1..$n` (its own `params`); this statement's parameters follow them.
 */
export function statusTransitionSql(selection: string, paramOffset: number, subject: 'household' | 'individual'): string {
  const p = (n: number) => `$${paramOffset + n}`;
  // $1 programme id, $2 scope paths (text[] or null = unrestricted), $3 reason code, $4 reason text,
  // $5 source, $6 source ref, $7 user id, $8 effective date, $9 allowed pairs "FROM>TO"
  const subjectSql =
    subject === 'household'
      ? `SELECT h.id AS subject_id, h.area_id, h.area_path FROM registry.household h WHERE h.id = ANY(ARRAY(SELECT subject_id FROM sel))`
      : `SELECT i.id AS subject_id, h.area_id, h.area_path FROM registry.individual i JOIN registry.household h ON h.id = i.household_id
          WHERE i.id = ANY(ARRAY(SELECT subject_id FROM sel)) AND i.status = 'ACTIVE'`;
  const subjectColumn = subject === 'household' ? 'household_id' : 'individual_id';
  return `
    WITH sel AS MATERIALIZED (
      SELECT DISTINCT ON (s.subject_id) s.subject_id::uuid AS subject_id, s.to_status::text AS to_status, s.score::numeric AS score
      FROM (${selection}) s
      ORDER BY s.subject_id
    ),
    prog AS (SELECT coverage_paths FROM programs.program WHERE id = ${p(1)}),
    subj AS (${subjectSql}),
    inscope AS (
      SELECT sel.subject_id, sel.to_status, sel.score, subj.area_id, subj.area_path, b.id AS beneficiary_id, b.status AS from_status
      FROM sel
      JOIN subj ON subj.subject_id = sel.subject_id
      CROSS JOIN prog
      LEFT JOIN programs.beneficiary b ON b.program_id = ${p(1)} AND b.${subjectColumn} = sel.subject_id
      WHERE EXISTS (SELECT 1 FROM unnest(prog.coverage_paths) c WHERE starts_with(subj.area_path, c))
        AND (${p(2)}::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest(${p(2)}::text[]) u WHERE starts_with(subj.area_path, u)))
    ),
    allowed AS (
      SELECT * FROM inscope
      WHERE coalesce(from_status, '') || '>' || to_status = ANY(${p(9)}::text[])
    ),
    ins AS (
      INSERT INTO programs.beneficiary (program_id, ${subjectColumn}, area_id, area_path, status, status_since, enrolled_on, score)
      SELECT ${p(1)}, subject_id, area_id, area_path, to_status, now(), CASE WHEN to_status = 'ACTIVE' THEN ${p(8)}::date END, score
      FROM allowed WHERE beneficiary_id IS NULL
      RETURNING id, status
    ),
    upd AS (
      UPDATE programs.beneficiary b
      SET status = a.to_status, status_since = now(), updated_at = now(), version = b.version + 1,
          score = coalesce(a.score, b.score),
          enrolled_on = CASE WHEN a.to_status = 'ACTIVE' THEN coalesce(b.enrolled_on, ${p(8)}::date) ELSE b.enrolled_on END
      FROM allowed a
      WHERE b.id = a.beneficiary_id
      RETURNING b.id, a.from_status, b.status
    ),
    hist AS (
      INSERT INTO programs.beneficiary_status_change
        (beneficiary_id, program_id, from_status, to_status, effective_date, reason_code, reason_text, source, source_ref, user_id)
      SELECT id, ${p(1)}, from_status, status, ${p(8)}::date, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}::uuid, ${p(7)}::uuid
      FROM (SELECT id, NULL::text AS from_status, status FROM ins UNION ALL SELECT id, from_status, status FROM upd) changed
      RETURNING to_status
    )
    SELECT
      (SELECT count(*) FROM sel)::int AS selected,
      (SELECT count(*) FROM inscope)::int AS in_scope,
      (SELECT count(*) FROM inscope WHERE from_status IS NOT DISTINCT FROM to_status)::int AS unchanged,
      (SELECT count(*) FROM inscope WHERE from_status IS DISTINCT FROM to_status)::int - (SELECT count(*) FROM allowed)::int AS refused,
      (SELECT count(*) FROM ins)::int AS created,
      (SELECT count(*) FROM upd)::int AS updated,
      (SELECT coalesce(jsonb_object_agg(to_status, n), '{}') FROM (SELECT to_status, count(*)::int AS n FROM hist GROUP BY to_status) t) AS by_status
  `;
}

/** The transition table as `FROM>TO` strings ('' for "not yet a beneficiary"), the statement's last parameter. */
export function transitionKeys(): string[] {
  return transitionPairs().map(({ from, to }) => `${from}>${to}`);
}
