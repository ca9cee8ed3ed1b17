import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CoreAudit1732500200000 implements MigrationInterface {
  name = 'CoreAudit1732500200000';

  async up(q: QueryRunner): Promise<void> {
    // id is assigned by AuditService under the chain lock (OVERRIDING SYSTEM VALUE) so that it can be hashed.
    await q.query(`
      CREATE TABLE core.audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        user_id uuid,
        username text,
        action varchar(50) NOT NULL,
        entity_type varchar(100),
        entity_id text,
        changes jsonb,
        details jsonb,
        request_id text,
        ip text,
        prev_hash text,
        hash text NOT NULL
      )`);
    // searches are newest first: each index ends with id so that a filtered page is an index range
    await q.query(`CREATE INDEX audit_log_user_idx ON core.audit_log (user_id, id) WHERE user_id IS NOT NULL`);
    await q.query(`CREATE INDEX audit_log_username_idx ON core.audit_log (lower(username), id) WHERE username IS NOT NULL`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON core.audit_log (entity_id, id) WHERE entity_id IS NOT NULL`);
    await q.query(`CREATE INDEX audit_log_entity_type_idx ON core.audit_log (entity_type, id) WHERE entity_type IS NOT NULL`);
    await q.query(`CREATE INDEX audit_log_action_idx ON core.audit_log (action, id)`);
    await q.query(`CREATE INDEX audit_log_occurred_idx ON core.audit_log (occurred_at)`);
    // Append-only even for the application's own database user, which owns the table. Statement
    // triggers refuse the statement itself, even one that would touch no row.
    await q.query(`
      CREATE FUNCTION core.audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'core.audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON core.audit_log FOR EACH STATEMENT EXECUTE FUNCTION core.audit_log_refuse_change()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON core.audit_log FOR EACH STATEMENT EXECUTE FUNCTION core.audit_log_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE core.audit_log`);
    await q.query(`DROP FUNCTION core.audit_log_refuse_change()`);
  }
}
