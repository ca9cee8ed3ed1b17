/**
 * Set-based payroll generation: one `INSERT ... SELECT` per batch of beneficiaries (ordered by id), with
 * `ON CONFLICT DO NOTHING` on (cycle, beneficiary, attempt) so that generating a cycle twice adds nothing.
 * Parameters only; the two variants differ by the programme's target unit (household members or the person).
 *
 * $1 payroll  $2 cycle  $3 programme  $4 period  $5 currency  $6 planned date  $7 rule version  $8 base kind
 * $9 base amount  $10 member cap  $11 max per transaction  $12 rounding  $13 top-ups (jsonb)  $14 after id
 * $15 batch size  $16 scope prefixes (text[] LIKE patterns, null = unrestricted)
 */
export function generationSql(unit: 'HOUSEHOLD' | 'INDIVIDUAL'): string {
  const members =
    unit === 'HOUSEHOLD'
      ? `registry.individual i WHERE i.household_id = sel.household_id AND i.status = 'ACTIVE'`
      : `registry.individual i WHERE i.id = sel.individual_id AND i.status = 'ACTIVE'`;
  // the recipient: the primary recipient, else the alternate when the primary is unavailable, else the head
  const recipient =
    unit === 'HOUSEHOLD'
      ? `SELECT i.id, i.given_name || ' ' || i.family_name AS name, i.phones[1] AS phone FROM registry.individual i
           WHERE i.household_id = sel.household_id AND i.status = 'ACTIVE' AND (i.recipient_role IN ('PRIMARY', 'ALTERNATE') OR i.relationship = 'HEAD')
           ORDER BY CASE WHEN i.recipient_role = 'PRIMARY' THEN 0 WHEN i.recipient_role = 'ALTERNATE' THEN 1 ELSE 2 END, i.id LIMIT 1`
      : `SELECT i.id, i.given_name || ' ' || i.family_name AS name, i.phones[1] AS phone FROM registry.individual i WHERE i.id = sel.individual_id`;
  return `
    WITH sel AS (
      SELECT b.id, b.household_id, b.individual_id, b.area_id, b.area_path FROM programs.beneficiary b
      WHERE b.program_id = $3 AND b.status = 'ACTIVE' AND (b.enrolled_on IS NULL OR b.enrolled_on <= $6::date)
        AND ($14::uuid IS NULL OR b.id > $14::uuid)
        AND ($16::text[] IS NULL OR b.area_path LIKE ANY($16::text[]))
      ORDER BY b.id LIMIT $15
    ), calc AS (
      SELECT sel.*, r.id AS recipient_id, r.name AS recipient_name, r.phone,
        (SELECT min(d.number) FROM registry.individual_document d WHERE d.individual_id = r.id) AS document_number,
        coalesce(pa.payment_point_id, pp.id) AS payment_point_id,
        CASE $8::text WHEN 'PER_MEMBER' THEN $9::bigint * least(m.members, coalesce($10::int, m.members)) ELSE $9::bigint END AS base,
        t.topups, t.topup_total
      FROM sel
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS members,
          count(*) FILTER (WHERE i.birth_date > $6::date - interval '5 years')::int AS child_under_5,
          count(*) FILTER (WHERE i.birth_date > $6::date - interval '18 years')::int AS child_under_18,
          count(*) FILTER (WHERE i.birth_date <= $6::date - interval '60 years')::int AS elderly_60,
          count(*) FILTER (WHERE i.disability IS NOT NULL AND i.disability <> 'NONE')::int AS disabled,
          count(*) FILTER (WHERE (i.relationship = 'HEAD' OR i.relationship IS NULL) AND i.sex = 'F')::int AS female_headed
        FROM ${members}
      ) m
      LEFT JOIN LATERAL (${recipient}) r ON true
      LEFT JOIN payment.point_assignment pa ON pa.beneficiary_id = sel.id
      LEFT JOIN LATERAL (
        SELECT p.id FROM payment.payment_point p WHERE p.active AND sel.area_path LIKE p.area_path || '%'
        ORDER BY length(p.area_path) DESC, p.code LIMIT 1
      ) pp ON pa.payment_point_id IS NULL
      CROSS JOIN LATERAL (
        SELECT coalesce(jsonb_agg(jsonb_build_object('code', 'TOPUP:' || x.label, 'amountMinor', x.amount::text)) FILTER (WHERE x.amount > 0), '[]'::jsonb) AS topups,
               coalesce(sum(x.amount), 0)::bigint AS topup_total
        FROM (
          SELECT tu.label, CASE WHEN c.n >= tu."minCount" THEN tu."amountMinor"::bigint * CASE WHEN tu."perMember" THEN c.n ELSE 1 END ELSE 0 END AS amount
          FROM jsonb_to_recordset($13::jsonb) AS tu(label text, condition text, "minCount" int, "amountMinor" text, "perMember" boolean)
          CROSS JOIN LATERAL (SELECT CASE tu.condition WHEN 'CHILD_UNDER_5' THEN m.child_under_5 WHEN 'CHILD_UNDER_18' THEN m.child_under_18
            WHEN 'ELDERLY_60' THEN m.elderly_60 WHEN 'DISABLED' THEN m.disabled WHEN 'FEMALE_HEADED' THEN m.female_headed ELSE 0 END AS n) c
        ) x
      ) t
    ), amounts AS (
      SELECT calc.*, calc.base + calc.topup_total AS gross,
        least(calc.base + calc.topup_total, coalesce($11::bigint, calc.base + calc.topup_total)) AS capped
      FROM calc
    ), rounded AS (
      SELECT amounts.*, amounts.capped - amounts.capped % $12::bigint AS net FROM amounts
    ), ins AS (
      INSERT INTO payment.payroll_line (payroll_id, cycle_id, program_id, beneficiary_id, attempt, household_id, individual_id, recipient_id,
        recipient_name, phone, document_number, area_id, area_path, payment_point_id, period, currency, amount_minor, rule_version, components)
      SELECT $1, $2, $3, rounded.id, 1, rounded.household_id, rounded.individual_id, rounded.recipient_id, rounded.recipient_name, rounded.phone,
        rounded.document_number, rounded.area_id, rounded.area_path, rounded.payment_point_id, $4, $5, rounded.net, $7,
        jsonb_build_array(jsonb_build_object('code', 'BASE:' || $8::text, 'amountMinor', rounded.base::text)) || rounded.topups
          || CASE WHEN rounded.capped < rounded.gross THEN jsonb_build_array(jsonb_build_object('code', 'MAX_PER_TRANSACTION', 'amountMinor', (rounded.capped - rounded.gross)::text)) ELSE '[]'::jsonb END
          || CASE WHEN rounded.net < rounded.capped THEN jsonb_build_array(jsonb_build_object('code', 'ROUNDING', 'amountMinor', (rounded.net - rounded.capped)::text)) ELSE '[]'::jsonb END
      FROM rounded
      ON CONFLICT (cycle_id, beneficiary_id, attempt) DO NOTHING
      RETURNING id
    )
    SELECT (SELECT count(*) FROM sel)::int AS selected, (SELECT count(*) FROM ins)::int AS inserted, (SELECT max(id::text) FROM sel) AS last_id`;
}

/**
 * Duplicate flags over a whole cycle, set-based: a CREATED line not yet reviewed (no flags) whose recipient,
 * document, phone or account appears on another live line of the cycle, or whose beneficiary was already paid
 * for the same period in the programme, becomes FLAGGED with its reasons; each change is a transition row.
 * $1 payroll  $2 user
 */
export const FLAG_SQL = `
  WITH p AS (SELECT cycle_id FROM payment.payroll WHERE id = $1),
  live AS (
    SELECT l.id, l.payroll_id, l.status, l.flags, l.beneficiary_id, l.program_id, l.period,
      count(*) OVER (PARTITION BY l.recipient_id) AS n_recipient,
      count(*) OVER (PARTITION BY l.document_number) AS n_document,
      count(*) OVER (PARTITION BY l.phone) AS n_phone,
      count(*) OVER (PARTITION BY l.account_number) AS n_account,
      l.recipient_id, l.document_number, l.phone, l.account_number
    FROM payment.payroll_line l, p
    WHERE l.cycle_id = p.cycle_id AND l.status <> 'CANCELLED' AND l.carried_to_id IS NULL
  ),
  reasons AS (
    SELECT live.id, array_remove(ARRAY[
      CASE WHEN live.recipient_id IS NOT NULL AND live.n_recipient > 1 THEN 'SHARED_RECIPIENT' END,
      CASE WHEN live.document_number IS NOT NULL AND live.n_document > 1 THEN 'SHARED_DOCUMENT' END,
      CASE WHEN live.phone IS NOT NULL AND live.n_phone > 1 THEN 'SHARED_PHONE' END,
      CASE WHEN live.account_number IS NOT NULL AND live.n_account > 1 THEN 'SHARED_ACCOUNT' END,
      CASE WHEN EXISTS (SELECT 1 FROM payment.payroll_line o WHERE o.program_id = live.program_id AND o.period = live.period
        AND o.beneficiary_id = live.beneficiary_id AND o.id <> live.id AND o.status IN ('PAID', 'RECONCILED')) THEN 'ALREADY_PAID_FOR_PERIOD' END
    ], NULL) AS flags
    FROM live WHERE live.payroll_id = $1 AND live.status = 'CREATED' AND live.flags = '{}'
  ),
  upd AS (
    UPDATE payment.payroll_line l SET status = 'FLAGGED', flags = reasons.flags, updated_at = now(), version = l.version + 1
    FROM reasons WHERE l.id = reasons.id AND cardinality(reasons.flags) > 0
    RETURNING l.id, l.payroll_id, l.flags
  ),
  tr AS (
    INSERT INTO payment.line_transition (line_id, payroll_id, from_status, to_status, reason, source, user_id)
    SELECT upd.id, upd.payroll_id, 'CREATED', 'FLAGGED', array_to_string(upd.flags, ','), 'FLAGGING', $2 FROM upd
  )
  SELECT count(*)::int AS flagged FROM upd`;

/**
 * Moves lines of a payroll from any of the allowed statuses to another, set-based, with one transition row each.
 * $1 payroll  $2 from statuses  $3 to status  $4 line ids (null = all)  $5 reason  $6 source  $7 user
 */
export const LINE_TRANSITION_SQL = `
  WITH o AS (
    SELECT l.id, l.status AS old FROM payment.payroll_line l
    WHERE l.payroll_id = $1 AND l.status = ANY($2::text[]) AND ($4::uuid[] IS NULL OR l.id = ANY($4::uuid[]))
    ORDER BY l.id FOR UPDATE
  ),
  upd AS (
    UPDATE payment.payroll_line l SET status = $3, updated_at = now(), version = l.version + 1
    FROM o WHERE l.id = o.id RETURNING l.id, o.old
  ),
  tr AS (
    INSERT INTO payment.line_transition (line_id, payroll_id, from_status, to_status, reason, source, user_id)
    SELECT upd.id, $1, upd.old, $3, $5, $6, $7 FROM upd
  )
  SELECT count(*)::int AS moved FROM upd`;
