import type { DataSource } from 'typeorm';

/**
 * Demo programmes: an active child grant in the first demo province with beneficiaries in every common
 * status (and their history), and a national draft programme without beneficiaries. Runs once.
 */
export const programsDemoSeeder = {
  async seed(dataSource: DataSource): Promise<void> {
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM programs.program');
    if (count > 0) return;
    const areas: { id: string; code: string; path: string }[] = await dataSource.query(`SELECT id, code, path FROM geo.admin_area WHERE code IN ('DL', 'DL-01')`);
    const country = areas.find((a) => a.code === 'DL');
    const province = areas.find((a) => a.code === 'DL-01');
    if (!country || !province) return;
    await dataSource.transaction(async (em) => {
      const [{ id: grant }] = await em.query(
        `INSERT INTO programs.program (code, name, description, target_unit, coverage_area_ids, coverage_paths, budget, currency, max_beneficiaries, start_date, end_date, status, benefits)
         VALUES ('DEMO-CG', $1, $2, 'HOUSEHOLD', $3, $4, 250000, 'USD', 120, current_date - 400, current_date + 700, 'ACTIVE', $5) RETURNING id`,
        [
          JSON.stringify({ en: 'Child grant', fr: 'Allocation enfant', pt: 'Subsídio infantil' }),
          'Monthly cash transfer to poor households with children under five.',
          [province.id],
          [province.path],
          JSON.stringify([
            { kind: 'CASH', label: 'Monthly transfer', amount: 15, basis: 'PER_MEMBER' },
            { kind: 'SERVICE', label: 'Health check-ups', amount: null, basis: 'PER_HOUSEHOLD' },
          ]),
        ],
      );
      await em.query(
        `INSERT INTO programs.program (code, name, description, target_unit, coverage_area_ids, coverage_paths, budget, currency, start_date, status, benefits)
         VALUES ('DEMO-OAP', $1, $2, 'INDIVIDUAL', $3, $4, 1000000, 'USD', current_date + 60, 'DRAFT', $5)`,
        [
          JSON.stringify({ en: 'Old-age pension', fr: 'Pension de vieillesse', pt: 'Pensão de velhice' }),
          'Social pension for people aged 65 and over (in preparation).',
          [country.id],
          [country.path],
          JSON.stringify([{ kind: 'CASH', label: 'Monthly pension', amount: 30, basis: 'PER_HOUSEHOLD' }]),
        ],
      );
      // the first 50 households of the province, by code: statuses by rank, with a score and a history
      await em.query(
        `WITH picked AS (
           SELECT h.id, h.area_id, h.area_path, row_number() OVER (ORDER BY h.code) AS n
           FROM registry.household h WHERE starts_with(h.area_path, $2) ORDER BY h.code LIMIT 50
         ),
         statuses AS (
           SELECT *, CASE WHEN n <= 30 THEN 'ACTIVE' WHEN n <= 34 THEN 'SUSPENDED' WHEN n <= 43 THEN 'WAITLISTED' ELSE 'INELIGIBLE' END AS status,
                  round((20 + ((n * 37) % 50) * 1.3)::numeric, 2) AS score
           FROM picked
         ),
         inserted AS (
           INSERT INTO programs.beneficiary (program_id, household_id, area_id, area_path, status, status_since, enrolled_on, score)
           SELECT $1, id, area_id, area_path, status, now() - interval '30 days', CASE WHEN status IN ('ACTIVE', 'SUSPENDED') THEN current_date - 380 END, score
           FROM statuses RETURNING id, status
         ),
         first_status AS (
           INSERT INTO programs.beneficiary_status_change (beneficiary_id, program_id, from_status, to_status, effective_date, reason_code, reason_text, source, created_at)
           SELECT id, $1, NULL, CASE WHEN status = 'SUSPENDED' THEN 'ACTIVE' ELSE status END, current_date - 380,
                  CASE status WHEN 'WAITLISTED' THEN 'WAITLISTED_QUOTA' WHEN 'INELIGIBLE' THEN 'NOT_ELIGIBLE' ELSE 'ENROLLED' END,
                  'Demo enrolment', 'IMPORT', now() - interval '380 days'
           FROM inserted RETURNING 1
         )
         INSERT INTO programs.beneficiary_status_change (beneficiary_id, program_id, from_status, to_status, effective_date, reason_code, reason_text, source, created_at)
         SELECT id, $1, 'ACTIVE', 'SUSPENDED', current_date - 30, 'NON_COMPLIANCE', 'Missed two health check-ups', 'MANUAL', now() - interval '30 days'
         FROM inserted WHERE status = 'SUSPENDED'`,
        [grant, province.path],
      );
    });
  },
};
