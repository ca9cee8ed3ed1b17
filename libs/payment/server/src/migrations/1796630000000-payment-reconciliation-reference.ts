import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reconciliation files name lines by the provider's reference as well as by line id: found by index, per payroll. */
export class PaymentReconciliationReference1796630000000 implements MigrationInterface {
  name = 'PaymentReconciliationReference1796630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX payroll_line_provider_reference_idx ON payment.payroll_line (payroll_id, provider_reference) WHERE provider_reference IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX payment.payroll_line_provider_reference_idx`);
  }
}
