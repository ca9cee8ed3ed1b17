// Payment scenarios of the benchmark suite (issue 15): payroll generation of one line per individual (an individual
// programme with every imported person ACTIVE) through the module's own set-based statement, in the batches its job
// commits, against one hand-written INSERT ... SELECT of the same lines; then duplicate flagging over that payroll.
// Runs after the registry scenarios, on the population they imported.
import { FLAG_SQL, generationSql } from '@coremis/payment';
import type { BenchContext } from './registry.scenarios';

const BATCH = 20000;
const PLANNED = '2026-12-15';

const HAND_WRITTEN = `
  INSERT INTO bench_payroll_hand (beneficiary_id, recipient_id, phone, amount_minor)
  SELECT b.id, i.id, i.phones[1], 1500 FROM programs.beneficiary b JOIN registry.individual i ON i.id = b.individual_id
  WHERE b.program_id = $1 AND b.status = 'ACTIVE'`;

export async function runPayrollScenarios(ctx: BenchContext): Promise<void> {
  const { pool } = ctx;
  const area = (await pool.query<{ id: string; path: string }>(`SELECT id, path FROM geo.admin_area WHERE parent_id IS NULL ORDER BY code LIMIT 1`)).rows[0];
  const program = (
    await pool.query<{ id: string }>(
      `INSERT INTO programs.program (code, name, target_unit, coverage_area_ids, coverage_paths, currency, status)
       VALUES ('BENCH-PAY', '{"en":"Bench payroll"}', 'INDIVIDUAL', ARRAY[$1::uuid], ARRAY[$2], 'USD', 'ACTIVE') RETURNING id`,
      [area.id, area.path],
    )
  ).rows[0].id;
  await pool.query(
    `INSERT INTO programs.beneficiary (program_id, individual_id, area_id, area_path, status, enrolled_on)
     SELECT $1, i.id, h.area_id, h.area_path, 'ACTIVE', '2026-01-01' FROM registry.individual i JOIN registry.household h ON h.id = i.household_id`,
    [program],
  );
  await pool.query('ANALYZE programs.beneficiary');
  const cycle = (await pool.query<{ id: string }>(`INSERT INTO payment.cycle (program_id, code, name, period, planned_date, currency, area_id, area_path) VALUES ($1, 'BENCH-C1', 'Bench', '2026-12', $2, 'USD', $3, $4) RETURNING id`, [program, PLANNED, area.id, area.path])).rows[0].id;
  const rules = (await pool.query<{ id: string }>(`INSERT INTO payment.benefit_rule_set (program_id, rule_version, rules) VALUES ($1, 1, '{}') RETURNING id`, [program])).rows[0].id;
  const payroll = (await pool.query<{ id: string }>(`INSERT INTO payment.payroll (cycle_id, program_id, code, rule_set_id, area_id, area_path) VALUES ($1, $2, 'BENCH-P1', $3, $4, $5) RETURNING id`, [cycle, program, rules, area.id, area.path])).rows[0].id;

  await pool.query('CREATE UNLOGGED TABLE IF NOT EXISTS bench_payroll_hand (beneficiary_id uuid PRIMARY KEY, recipient_id uuid, phone text, amount_minor bigint)');
  await pool.query('TRUNCATE bench_payroll_hand');
  const hand = await ctx.timed(async () => (await pool.query(HAND_WRITTEN, [program])).rowCount ?? 0);

  const sql = generationSql('INDIVIDUAL');
  const generated = await ctx.timed(async () => {
    let lastId: string | null = null;
    let inserted = 0;
    for (;;) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result: { rows: { selected: number; inserted: number; last_id: string | null }[] } = await client.query(sql, [
          payroll, cycle, program, '2026-12', 'USD', PLANNED, 1, 'PER_INDIVIDUAL', '1500', null, null, '1', '[]', lastId, BATCH, null,
        ]);
        await client.query('COMMIT');
        const rows = result.rows;
        inserted += rows[0].inserted;
        lastId = rows[0].last_id ?? lastId;
        if (rows[0].selected < BATCH) return inserted;
      } finally {
        client.release();
      }
    }
  });
  ctx.record('payment: payroll generation, one line per individual (job batches of 20,000)', generated.value, generated, hand.ms, `hand-written INSERT ... SELECT in ${Math.round(hand.ms)} ms (no recipient rules, components or payment point)`);

  const again = await ctx.timed(async () => (await pool.query(sql, [payroll, cycle, program, '2026-12', 'USD', PLANNED, 1, 'PER_INDIVIDUAL', '1500', null, null, '1', '[]', null, 2_000_000, null])).rows[0].inserted as number);
  ctx.record('payment: regenerating the same cycle (idempotent)', again.value, again, null, `${again.value} lines added`);

  const flagged = await ctx.timed(async () => (await pool.query<{ flagged: number }>(FLAG_SQL, [payroll, null])).rows[0].flagged);
  ctx.record('payment: duplicate flagging over the payroll', generated.value, flagged, null, `${flagged.value} lines flagged (shared phones/documents in the synthetic data)`);
  await pool.query('DROP TABLE bench_payroll_hand');
}
