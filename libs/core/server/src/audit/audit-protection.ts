import { Logger } from '@nestjs/common';

/** NOLOGIN role owning the audit table, its sequence and its trigger function (one per cluster, shared by its databases). */
export const AUDIT_OWNER_ROLE = 'coremis_audit_owner';

interface Sql {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export type AuditProtection = 'protected' | 'already-protected' | 'skipped';

/**
 * Takes the audit table away from the application's database role: a table's owner (or a member of
 * its owning role) can disable its triggers, alter or truncate it. The owner becomes the NOLOGIN
 * role AUDIT_OWNER_ROLE; the migrating role and the application role keep SELECT and INSERT (and
 * the id sequence), nothing else. Run inside a transaction (a savepoint guards the role creation).
 *
 * Needs a migrating role that is a superuser or has CREATEROLE; otherwise it is skipped with a
 * warning (the triggers still refuse UPDATE, DELETE and TRUNCATE, but the table's owner could drop
 * them). Idempotent: the migration runner calls it again at every start, so that a deployment that
 * later migrates with a role that may (DATABASE_MIGRATION_URL) gets the protection then.
 */
export async function protectAuditLog(q: Sql, applicationRole?: string): Promise<AuditProtection> {
  const [me] = (await q.query(
    `SELECT current_user AS name, r.rolsuper AS super, r.rolcreaterole AS createrole, pg_get_userbyid(c.relowner) AS owner
       FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'core.audit_log'::regclass`,
  )) as { name: string; super: boolean; createrole: boolean; owner: string }[];
  const grantees = [...new Set([me.name, applicationRole].filter((r): r is string => !!r && r !== AUDIT_OWNER_ROLE))];
  if (me.owner === AUDIT_OWNER_ROLE) {
    // a new application role still needs its grants; only a superuser (or a member of the owner) may give them
    if (me.super) for (const role of grantees) await grantAuditAppend(q, role);
    return 'already-protected';
  }
  const skip = (why: string): AuditProtection => {
    new Logger('Migrations').warn(
      `audit log protection skipped: ${why}; core.audit_log stays owned by "${me.owner}", which could disable its triggers. ` +
        `Run migrations with DATABASE_MIGRATION_URL of a role that may create roles (see README, Security).`,
    );
    return 'skipped';
  };
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
    for (const role of grantees) await grantAuditAppend(q, role);
  } finally {
    if (!me.super) await q.query(`REVOKE ${AUDIT_OWNER_ROLE} FROM CURRENT_USER`);
  }
  return 'protected';
}

/** Append and read, nothing else: no UPDATE, DELETE, TRUNCATE, ALTER or trigger changes. */
async function grantAuditAppend(q: Sql, role: string): Promise<void> {
  const quoted = `"${role.replace(/"/g, '""')}"`;
  const [{ seq }] = (await q.query(`SELECT pg_get_serial_sequence('core.audit_log', 'id') AS seq`)) as { seq: string }[];
  await q.query(`GRANT SELECT, INSERT ON core.audit_log TO ${quoted}`);
  await q.query(`GRANT USAGE ON SEQUENCE ${seq} TO ${quoted}`);
  await q.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON core.audit_log FROM ${quoted}`);
}

/**
 * Runs a migration's statements on the audit table as its owner: a migrating role that is neither a superuser nor
 * a member of the audit owner role borrows it for the statements (it has CREATEROLE, or the table was never given away).
 */
export async function asAuditOwner(q: Sql, work: () => Promise<unknown>): Promise<void> {
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
