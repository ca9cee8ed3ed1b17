import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CoreIdentity1732500400000 implements MigrationInterface {
  name = 'CoreIdentity1732500400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE core.role (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        code varchar(50) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        permissions text[] NOT NULL DEFAULT '{}',
        require_two_factor boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE TABLE core."user" (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        username varchar(100) NOT NULL,
        display_name varchar(200) NOT NULL,
        email varchar(254),
        password_hash text NOT NULL,
        is_active boolean NOT NULL DEFAULT true,
        must_change_password boolean NOT NULL DEFAULT false,
        failed_attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        totp_secret text,
        totp_enabled boolean NOT NULL DEFAULT false,
        totp_last_step bigint,
        area_ids uuid[],
        role_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX user_username_key ON core."user" (lower(username))`);
    await q.query(`
      CREATE TABLE core.session (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        user_id uuid NOT NULL REFERENCES core."user"(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason varchar(50),
        ip text,
        user_agent text
      )`);
    await q.query(`CREATE INDEX session_user_idx ON core.session (user_id) WHERE revoked_at IS NULL`);
    // Every refresh token ever issued for a session: presenting a used one again revokes the session.
    await q.query(`
      CREATE TABLE core.refresh_token (
        token_hash char(64) PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES core.session(id),
        issued_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_token_session_idx ON core.refresh_token (session_id)`);
    await q.query(`
      CREATE TABLE core.recovery_code (
        user_id uuid NOT NULL REFERENCES core."user"(id),
        code_hash char(64) NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE core.recovery_code, core.refresh_token, core.session, core."user", core.role`);
  }
}
