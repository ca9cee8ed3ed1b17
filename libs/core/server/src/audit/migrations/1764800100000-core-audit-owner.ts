import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectAuditLog } from '../audit-protection';

/** The audit table changes hands: see `protectAuditLog` (the migration runner re-applies it at every start). */
export class CoreAuditOwner1764800100000 implements MigrationInterface {
  name = 'CoreAuditOwner1764800100000';

  async up(q: QueryRunner): Promise<void> {
    await protectAuditLog(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE core.audit_log OWNER TO CURRENT_USER`);
    await q.query(`ALTER FUNCTION core.audit_log_refuse_change() OWNER TO CURRENT_USER`);
  }
}
