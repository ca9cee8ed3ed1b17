import { Logger } from '@nestjs/common';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** NOLOGIN role owning the audit table, its sequence and its trigger function (one per cluster, shared by its databases). */
export const AUDIT_OWNER_ROLE = 'coremis_audit_owner';

/**
 * Takes the audit table away from the application's database role: a table's owner (or a member of
 * its owning role) can disable its triggers, alter or truncate it. The application role keeps
 * SELECT and INSERT (and the id sequence), nothing else.
 *
 * Needs a migrating role that is a superuser or has CREATEROLE; otherwise the step is skipped with a
 * warning (the triggers still refuse UPDATE, DELETE and TRUNCATE, but the table's owner could drop
 * them). The application role is `coremis.application_role` (set by the migration runner from
 * DATABASE_URL when migrations run with DATABASE_MIGRATION_URL), or the migrating role itself.
 */
export class CoreAuditOwner1764800100000 implements MigrationInterface {
  name = 'CoreAuditOwner1764800100000';

  async up(q: QueryRunner): Promise<void> {
    const [me]: { name: string; super: boolean; createrole: boolean; app: string }[] = await q.query(
      `SELECT current_user AS name, rolsuper AS super, rolcreaterole AS createrole,
              coalesce(nullif(current_setting('coremis.application_role', true), ''), current_user) AS app
         FROM pg_roles WHERE rolname = current_user`,
    );
    const skip = (why: string) =>
      new Logger('Migrations').warn(
        `audit log protection skipped: ${why}; core.audit_log stays owned by "${me.name}", which could disable its triggers. ` +
          `Run migrations with DATABASE_MIGRATION_URL of a role that may create roles (see README, Security).`,
      );
    if (!me.super && !me.createrole) return skip(`the migrating database role "${me.name}" may not create roles (CREATEROLE)`);
    await q.query(`SAVEPOINT audit_owner`);
    try {
      // roles are cluster-wide: another database of the cluster (or a concurrent migration) may have created it
      await q.query(`DO $$ BEGIN CREATE ROLE ${AUDIT_OWNER_ROLE} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
      // a non-superuser may give away what it owns only to a role it can act as; it leaves that role below
      if (!me.super) await q.query(`GRANT ${AUDIT_OWNER_ROLE} TO CURRENT_USER`);
    } catch (error) {
      await q.query(`ROLLBACK TO SAVEPOINT audit_owner`);
      return skip(`the role ${AUDIT_OWNER_ROLE} could not be created or taken on (${(error as Error).message})`);
    }
    try {
      await q.query(`GRANT USAGE, CREATE ON SCHEMA core TO ${AUDIT_OWNER_ROLE}`);
      await q.query(`ALTER TABLE core.audit_log OWNER TO ${AUDIT_OWNER_ROLE}`); // its identity sequence follows
      await q.query(`ALTER FUNCTION core.audit_log_refuse_change() OWNER TO ${AUDIT_OWNER_ROLE}`);
      await q.query(`REVOKE ALL ON core.audit_log FROM PUBLIC`);
      await q.query(`REVOKE ALL ON FUNCTION core.audit_log_refuse_change() FROM PUBLIC`);
      await grantAuditAppend(q, me.app);
      if (me.app !== me.name) await grantAuditAppend(q, me.name);
    } finally {
      if (!me.super) await q.query(`REVOKE ${AUDIT_OWNER_ROLE} FROM CURRENT_USER`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE core.audit_log OWNER TO CURRENT_USER`);
    await q.query(`ALTER FUNCTION core.audit_log_refuse_change() OWNER TO CURRENT_USER`);
  }
}

/** Append and read, nothing else: no UPDATE, DELETE, TRUNCATE, ALTER or trigger changes. */
export async function grantAuditAppend(q: Pick<QueryRunner, 'query'>, role: string): Promise<void> {
  const quoted = `"${role.replace(/"/g, '""')}"`;
  await q.query(`GRANT SELECT, INSERT ON core.audit_log TO ${quoted}`);
  await q.query(`GRANT USAGE ON SEQUENCE ${await auditSequence(q)} TO ${quoted}`);
  await q.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON core.audit_log FROM ${quoted}`);
}

async function auditSequence(q: Pick<QueryRunner, 'query'>): Promise<string> {
  const [row]: { seq: string }[] = await q.query(`SELECT pg_get_serial_sequence('core.audit_log', 'id') AS seq`);
  return row.seq;
}
