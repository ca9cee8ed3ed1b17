import { NEAREST_POINT_SQL } from '../payroll/payroll-generation.sql';

/**
 * Set-based entitlement generation: one row per (beneficiary, item) of the goods rule, `ON CONFLICT DO NOTHING`
 * on (cycle, beneficiary, item) so that generating a distribution twice adds nothing. The recipient and the
 * payment point follow the payroll's rules (primary recipient, else alternate, else head; the point set by hand,
 * else the nearest up the area tree). Parameters only.
 *
 * $1 distribution  $2 cycle  $3 programme  $4 rules (jsonb)  $5 rule version  $6 planned date  $7 scope patterns
 */
export const GOODS_GENERATION_SQL = `
  WITH pt AS MATERIALIZED (${NEAREST_POINT_SQL}),
  ins AS (
    INSERT INTO payment.goods_entitlement (distribution_id, cycle_id, program_id, beneficiary_id, item_id, household_id, individual_id,
      recipient_id, recipient_name, area_id, area_path, payment_point_id, quantity, unit_value_minor, rule_version)
    SELECT $1, $2, $3, x.id, x.item_id, x.household_id, x.individual_id, x.recipient_id, x.recipient_name, x.area_id, x.area_path,
      x.payment_point_id, x.quantity, x.unit_value_minor, $5
    FROM (
      SELECT b.id, gi.id AS item_id, b.household_id, b.individual_id, rc.id AS recipient_id, rc.name AS recipient_name, b.area_id, b.area_path,
        coalesce(pa.payment_point_id, pp.id) AS payment_point_id, gi.unit_value_minor,
        r."perHousehold" + r."perMember" * least(m.members, coalesce(r."memberCap", m.members)) AS quantity
      FROM programs.beneficiary b
      CROSS JOIN jsonb_to_recordset($4::jsonb) AS r("itemId" uuid, "perHousehold" int, "perMember" int, "memberCap" int)
      JOIN payment.goods_item gi ON gi.id = r."itemId" AND gi.active
      CROSS JOIN LATERAL (
        SELECT CASE WHEN b.individual_id IS NOT NULL THEN 1
          ELSE (SELECT count(*)::int FROM registry.individual i WHERE i.household_id = b.household_id AND i.status = 'ACTIVE') END AS members
      ) m
      LEFT JOIN LATERAL (
        SELECT i.id, i.given_name || ' ' || i.family_name AS name FROM registry.individual i
        WHERE (b.individual_id IS NOT NULL AND i.id = b.individual_id)
           OR (b.individual_id IS NULL AND i.household_id = b.household_id AND i.status = 'ACTIVE' AND (i.recipient_role IN ('PRIMARY', 'ALTERNATE') OR i.relationship = 'HEAD'))
        ORDER BY CASE WHEN i.recipient_role = 'PRIMARY' THEN 0 WHEN i.recipient_role = 'ALTERNATE' THEN 1 ELSE 2 END, i.id LIMIT 1
      ) rc ON true
      LEFT JOIN payment.point_assignment pa ON pa.beneficiary_id = b.id
      LEFT JOIN pt pp ON pa.payment_point_id IS NULL AND pp.path = b.area_path
      WHERE b.program_id = $3 AND b.status = 'ACTIVE' AND (b.enrolled_on IS NULL OR b.enrolled_on <= $6::date)
        AND ($7::text[] IS NULL OR b.area_path LIKE ANY($7::text[]))
    ) x
    WHERE x.quantity > 0
    ON CONFLICT (cycle_id, beneficiary_id, item_id) DO NOTHING
    RETURNING id
  )
  SELECT count(*)::int AS inserted FROM ins`;

/**
 * Moves entitlements of a distribution between states, set-based, one transition row each (the line transition
 * table, source GOODS:...). $1 distribution  $2 from statuses  $3 to  $4 ids (null = all)  $5 reason  $6 source
 * $7 user  $8 scope patterns
 */
export const ENTITLEMENT_TRANSITION_SQL = `
  WITH o AS (
    SELECT e.id, e.status AS old FROM payment.goods_entitlement e
    WHERE e.distribution_id = $1 AND e.status = ANY($2::text[]) AND ($4::uuid[] IS NULL OR e.id = ANY($4::uuid[]))
      AND ($8::text[] IS NULL OR e.area_path LIKE ANY($8::text[]))
    ORDER BY e.id FOR UPDATE
  ),
  upd AS (
    UPDATE payment.goods_entitlement e SET status = $3, updated_at = now(), version = e.version + 1
    FROM o WHERE e.id = o.id RETURNING e.id, o.old
  ),
  tr AS (
    INSERT INTO payment.line_transition (line_id, payroll_id, from_status, to_status, reason, source, user_id)
    SELECT upd.id, $1, upd.old, $3, $5, $6, $7 FROM upd
  )
  SELECT count(*)::int AS moved FROM upd`;
