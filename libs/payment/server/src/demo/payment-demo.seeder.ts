import type { DataSource } from 'typeorm';

/**
 * Demo payments for the demo child grant (DEMO-CG): a December cycle, version 1 of its benefit rules (per member
 * with a cap, a top-up for young children, rounding) and one agent payment point per district of its province.
 * Runs once; the payroll itself is generated from the screens (or the API) like any other.
 */
export const paymentDemoSeeder = {
  async seed(dataSource: DataSource): Promise<void> {
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM payment.cycle');
    if (count > 0) return;
    const [program]: { id: string; area_id: string; area_path: string }[] = await dataSource.query(
      `SELECT p.id, a.id AS area_id, a.path AS area_path FROM programs.program p JOIN geo.admin_area a ON a.id = p.coverage_area_ids[1] WHERE p.code = 'DEMO-CG'`,
    );
    if (!program) return;
    await dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO payment.cycle (program_id, code, name, period, planned_date, currency, area_id, area_path)
         VALUES ($1, 'DEMO-CG-2026-12', 'Child grant, December 2026', '2026-12', '2026-12-15', 'USD', $2, $3)`,
        [program.id, program.area_id, program.area_path],
      );
      await em.query(`INSERT INTO payment.benefit_rule_set (program_id, rule_version, rules) VALUES ($1, 1, $2)`, [
        program.id,
        JSON.stringify({
          base: 'PER_MEMBER',
          baseAmountMinor: '1000',
          memberCap: 5,
          topUps: [{ label: 'Young children', condition: 'CHILD_UNDER_5', minCount: 1, amountMinor: '500', perMember: true }],
          maxPerTransactionMinor: '8000',
          roundingMinor: '100',
        }),
      ]);
      await em.query(
        `INSERT INTO payment.payment_point (code, name, type, area_id, area_path, opening_days)
         SELECT 'PP-' || a.code, 'Agent ' || a.code, 'AGENT', a.id, a.path, ARRAY['MON', 'WED', 'FRI'] FROM geo.admin_area a WHERE a.parent_id = $1
         ON CONFLICT (code) DO NOTHING`,
        [program.area_id],
      );
    });
  },
};
