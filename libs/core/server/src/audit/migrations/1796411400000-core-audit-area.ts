import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_OWNER_ROLE } from '../audit-protection';

/**
 * Entries carry the area path of the record they are about, so that the audit trail is area-scoped like the data.
 * The table may belong to the audit owner role (see `protectAuditLog`): a migrating role that is neither a
 * superuser nor that role borrows it for the two statements (it has CREATEROLE, or the table was never given away).
 */
export class CoreAuditArea1796411400000 implements MigrationInterface {
  name = 'CoreAuditArea1796411400000';

  async up(q: QueryRunner): Promise<void> {
    await this.asOwner(q, async () => {
      await q.query(`ALTER TABLE core.audit_log ADD COLUMN IF NOT EXISTS area_path text`);
      await q.query(`CREATE INDEX IF NOT EXISTS audit_log_area_path_idx ON core.audit_log (area_path text_pattern_ops, id) WHERE area_path IS NOT NULL`);
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await this.asOwner(q, async () => {
      await q.query(`DROP INDEX IF EXISTS core.audit_log_area_path_idx`);
      await q.query(`ALTER TABLE core.audit_log DROP COLUMN IF EXISTS area_path`);
    });
  }

  private async asOwner(q: QueryRunner, work: () => Promise<void>): Promise<void> {
    const [me] = (await q.query(
      `SELECT r.rolsuper AS super, pg_has_role(current_user, c.relowner, 'USAGE') AS member, pg_get_userbyid(c.relowner) AS owner
         FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'core.audit_log'::regclass`,
    )) as { super: boolean; member: boolean; owner: string }[];
    const borrow = !me.super && !me.member && me.owner === AUDIT_OWNER_ROLE;
    if (borrow) await q.query(`GRANT ${AUDIT_OWNER_ROLE} TO CURRENT_USER`);
    try {
      await work();
    } finally {
      if (borrow) await q.query(`REVOKE ${AUDIT_OWNER_ROLE} FROM CURRENT_USER`);
    }
  }
}
