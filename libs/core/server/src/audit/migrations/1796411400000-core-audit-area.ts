import type { MigrationInterface, QueryRunner } from 'typeorm';
import { asAuditOwner } from '../audit-protection';

/**
 * Entries carry the area path of the record they are about, so that the audit trail is area-scoped like the data.
 * The table may belong to the audit owner role (see `protectAuditLog`): a migrating role that is neither a
 * superuser nor that role borrows it for the two statements (it has CREATEROLE, or the table was never given away).
 */
export class CoreAuditArea1796411400000 implements MigrationInterface {
  name = 'CoreAuditArea1796411400000';

  async up(q: QueryRunner): Promise<void> {
    await asAuditOwner(q, async () => {
      await q.query(`ALTER TABLE core.audit_log ADD COLUMN IF NOT EXISTS area_path text`);
      await q.query(`CREATE INDEX IF NOT EXISTS audit_log_area_path_idx ON core.audit_log (area_path text_pattern_ops, id) WHERE area_path IS NOT NULL`);
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await asAuditOwner(q, async () => {
      await q.query(`DROP INDEX IF EXISTS core.audit_log_area_path_idx`);
      await q.query(`ALTER TABLE core.audit_log DROP COLUMN IF EXISTS area_path`);
    });
  }
}
