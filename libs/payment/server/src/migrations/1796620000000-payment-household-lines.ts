import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The household page's Payments tab reads a household's lines across payrolls. */
export class PaymentHouseholdLines1796620000000 implements MigrationInterface {
  name = 'PaymentHouseholdLines1796620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX payroll_line_household_idx ON payment.payroll_line (household_id, created_at DESC) WHERE household_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS payment.payroll_line_household_idx`);
  }
}
