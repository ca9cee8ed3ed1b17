import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A criteria formula made with the builder keeps the builder's groups, so that it reopens in the builder. */
export class TargetingFormulaCriteria1796900000000 implements MigrationInterface {
  name = 'TargetingFormulaCriteria1796900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE targeting.formula ADD COLUMN IF NOT EXISTS criteria jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE targeting.formula DROP COLUMN IF EXISTS criteria`);
  }
}
