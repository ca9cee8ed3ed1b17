import { householdRecipientsSql, NEAREST_POINT_SQL } from '../payroll/payroll-generation.sql';

/**
 * Set-based entitlement generation, one statement per chunk of beneficiaries (a range of the people's ids for an
 * individual programme, of the households' ids otherwise, cut as a payroll's are: generationBoundsSql): one row per
 * (beneficiary, item) of the goods rule, `ON CONFLICT DO NOTHING` on (cycle, beneficiary, item) so that a chunk run
 * twice, or a distribution generated again, adds nothing. The recipient and the payment point follow the payroll's
 * rules (primary recipient, else alternate, else head; the point set by hand, else the nearest up the area tree).
 * Parameters only.
 *
 * $1 distribution  $2 cycle  $3 programme  $4 rules (jsonb)  $5 rule version  $6 planned date  $7 scope patterns
 * $8 after this id, exclusive (null = from the start)  $9 up to this id, inclusive (null = to the end)
 */
export function goodsGenerationSql(unit: 'HOUSEHOLD' | 'INDIVIDUAL'): string {
  const inChunk = (column: string) => `($8::uuid IS NULL OR ${column} > $8::uuid) AND ($9::uuid IS NULL OR ${column} <= $9::uuid)`;
  const household = unit === 'HOUSEHOLD';
  // a household's active members and its recipient, once per household (not once per beneficiary and item); joined
  // to sel rather than IN (SELECT ...), whose distinct count the planner does not know. A person's own entitlement:
  // the person receives it, counted as one member.
  const people = household
    ? `m AS (
    SELECT i.household_id, count(*)::int AS members FROM registry.individual i JOIN sel ON sel.household_id = i.household_id
    WHERE ${inChunk('i.household_id')} AND i.status = 'ACTIVE' GROUP BY i.household_id
  ),
  rc AS (${householdRecipientsSql(inChunk('i.household_id'))}),`
    : `rc AS (
    SELECT i.id, i.given_name || ' ' || i.family_name AS name FROM registry.individual i JOIN sel ON sel.individual_id = i.id WHERE ${inChunk('i.id')}
  ),`;
  const joins = household
    ? `LEFT JOIN m ON m.household_id = b.household_id
      LEFT JOIN rc ON rc.household_id = b.household_id`
    : `LEFT JOIN rc ON rc.id = b.individual_id`;
  const members = household ? 'coalesce(m.members, 0)' : '1';
  return `
  WITH pt AS MATERIALIZED (${NEAREST_POINT_SQL}),
  sel AS MATERIALIZED (
    SELECT b.id, b.household_id, b.individual_id, b.area_id, b.area_path FROM programs.beneficiary b
    WHERE b.program_id = $3 AND b.status = 'ACTIVE' AND (b.enrolled_on IS NULL OR b.enrolled_on <= $6::date)
      AND ${inChunk(household ? 'b.household_id' : 'b.individual_id')}
      AND ($7::text[] IS NULL OR b.area_path LIKE ANY($7::text[]))
  ),
  ${people}
  ins AS (
    INSERT INTO payment.goods_entitlement (distribution_id, cycle_id, program_id, beneficiary_id, item_id, household_id, individual_id,
      recipient_id, recipient_name, area_id, area_path, payment_point_id, quantity, unit_value_minor, rule_version)
    SELECT $1, $2, $3, x.id, x.item_id, x.household_id, x.individual_id, x.recipient_id, x.recipient_name, x.area_id, x.area_path,
      x.payment_point_id, x.quantity, x.unit_value_minor, $5
    FROM (
      SELECT b.id, gi.id AS item_id, b.household_id, b.individual_id, rc.id AS recipient_id, rc.name AS recipient_name,
        b.area_id, b.area_path, coalesce(pa.payment_point_id, pp.id) AS payment_point_id, gi.unit_value_minor,
        r."perHousehold" + r."perMember" * least(${members}, coalesce(r."memberCap", ${members})) AS quantity
      FROM sel b
      CROSS JOIN jsonb_to_recordset($4::jsonb) AS r("itemId" uuid, "perHousehold" int, "perMember" int, "memberCap" int)
      JOIN payment.goods_item gi ON gi.id = r."itemId" AND gi.active
      ${joins}
      LEFT JOIN payment.point_assignment pa ON pa.beneficiary_id = b.id
      LEFT JOIN pt pp ON pa.payment_point_id IS NULL AND pp.path = b.area_path
    ) x
    WHERE x.quantity > 0
    -- in the order of the distribution's area index, as a payroll's lines (see generationSql)
    ORDER BY x.area_path COLLATE "C"
    ON CONFLICT (cycle_id, beneficiary_id, item_id) DO NOTHING
    RETURNING id
  )
  SELECT count(*)::int AS inserted FROM ins`;
}

/**
 * Moves entitlements of a distribution out of one state, set-based, one transition row each (the line transition
 * table, source GOODS:...). $1 distribution  $2 from  $3 to  $4 ids (null = all)  $5 reason  $6 source  $7 user
 * $8 scope patterns. One pass, as a payroll's lines (LINE_MOVE_ONE_STATUS_SQL): every caller holds the
 * distribution's row lock, so no other move runs meanwhile, and an agent's delivery, which locks its one
 * entitlement, is re-checked against its status by the UPDATE itself.
 */
export const ENTITLEMENT_TRANSITION_SQL = `
  WITH upd AS (
    UPDATE payment.goods_entitlement e SET status = $3, updated_at = now(), version = e.version + 1
    WHERE e.distribution_id = $1 AND e.status = $2 AND ($4::uuid[] IS NULL OR e.id = ANY($4::uuid[]))
      AND ($8::text[] IS NULL OR e.area_path LIKE ANY($8::text[]))
    RETURNING e.id
  ),
  tr AS (
    INSERT INTO payment.line_transition (line_id, payroll_id, from_status, to_status, reason, source, user_id)
    SELECT upd.id, $1, $2, $3, $5, $6, $7 FROM upd
  )
  SELECT count(*)::int AS moved FROM upd`;
