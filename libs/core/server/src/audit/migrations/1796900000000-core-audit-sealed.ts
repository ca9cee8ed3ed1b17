import type { MigrationInterface, QueryRunner } from 'typeorm';
import { asAuditOwner } from '../audit-protection';

/**
 * Rows written set-based (`appendSealedAuditRows`) are hashed one by one and sealed by the chained entry after them;
 * `sealed` tells the verifier which rows those are. A constant default: no table rewrite.
 */
export class CoreAuditSealed1796900000000 implements MigrationInterface {
  name = 'CoreAuditSealed1796900000000';

  async up(q: QueryRunner): Promise<void> {
    await asAuditOwner(q, () => q.query(`ALTER TABLE core.audit_log ADD COLUMN IF NOT EXISTS sealed boolean NOT NULL DEFAULT false`));
  }

  async down(q: QueryRunner): Promise<void> {
    await asAuditOwner(q, () => q.query(`ALTER TABLE core.audit_log DROP COLUMN IF EXISTS sealed`));
  }
}
