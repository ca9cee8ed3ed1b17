import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A payroll's lines all change status several times (approved, submitted, paid, reconciled), each time in one
 * set-based statement. With `status` and `updated_at` in indexes and full pages, every such change wrote a new row
 * version elsewhere and a new entry in each of the eight indexes: 45.6 s and 1.9 GB of WAL to reconcile 1,019,908
 * lines, against 8.2 s and 0.37 GB once no index names a column those statements change and each page keeps room for
 * a second version (heap-only tuple updates: 100% of the rows), with the same 22.9-23.2 s to insert the lines
 * (EXPLAIN ANALYZE on the bench database, 2026-12-07, tools/bench/results). So:
 * - half-empty pages for new rows (`fillfactor` 50; rows written before keep their pages until rewritten);
 * - the payroll's lines by `(payroll_id, id)` instead of `(payroll_id, status, id)`; a flagged line keeps its flags,
 *   so the flagged lines waiting for review come from a small partial index on lines with flags;
 * - the payment-agent download reads a point's lines by `(payment_point_id, id)` and orders that point's few
 *   hundred lines by `(updated_at, id)` itself;
 * - "already paid for the period" finds the period's cycles first and their lines by the cycle key, instead of an
 *   index whose condition named the status.
 */
export class PaymentLineHotUpdates1797500000000 implements MigrationInterface {
  name = 'PaymentLineHotUpdates1797500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment.payroll_line SET (fillfactor = 50)`);
    await q.query(`DROP INDEX payment.payroll_line_payroll_idx`);
    await q.query(`CREATE INDEX payroll_line_payroll_idx ON payment.payroll_line (payroll_id, id)`);
    await q.query(`CREATE INDEX payroll_line_flagged_idx ON payment.payroll_line (payroll_id, id) WHERE flags <> '{}'`);
    await q.query(`DROP INDEX payment.payroll_line_point_sync_idx`);
    await q.query(`CREATE INDEX payroll_line_point_idx ON payment.payroll_line (payment_point_id, id) WHERE payment_point_id IS NOT NULL`);
    await q.query(`DROP INDEX payment.payroll_line_program_period_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX payroll_line_program_period_idx ON payment.payroll_line (program_id, period) WHERE status IN ('PAID', 'RECONCILED')`);
    await q.query(`DROP INDEX payment.payroll_line_point_idx`);
    await q.query(`CREATE INDEX payroll_line_point_sync_idx ON payment.payroll_line (payment_point_id, updated_at, id) WHERE payment_point_id IS NOT NULL`);
    await q.query(`DROP INDEX payment.payroll_line_flagged_idx`);
    await q.query(`DROP INDEX payment.payroll_line_payroll_idx`);
    await q.query(`CREATE INDEX payroll_line_payroll_idx ON payment.payroll_line (payroll_id, status, id)`);
    await q.query(`ALTER TABLE payment.payroll_line RESET (fillfactor)`);
  }
}
