import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeSchema1796411132510 implements MigrationInterface {
  name = 'IntakeSchema1796411132510';

  async up(q: QueryRunner): Promise<void> {
    // codes and paths in the "C" collation: byte comparisons, whatever the server's locale
    await q.query(`
      CREATE TABLE intake.connector (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        code varchar(50) COLLATE "C" NOT NULL,
        name varchar(200) NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('KOBO', 'ODK')),
        server_url varchar(500) NOT NULL,
        form_id varchar(200) NOT NULL,
        project_id varchar(50),
        username varchar(200),
        secret_sealed text NOT NULL,
        area_id uuid NOT NULL REFERENCES geo.admin_area (id),
        area_path text COLLATE "C" NOT NULL,
        mapping jsonb NOT NULL DEFAULT '{}',
        pull_interval_minutes integer CHECK (pull_interval_minutes BETWEEN 5 AND 10080),
        next_pull_at timestamptz,
        watermark varchar(40),
        last_job_id uuid,
        owner_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT connector_code_key UNIQUE (code)
      )`);
    await q.query(`CREATE INDEX connector_area_path_idx ON intake.connector (area_path text_pattern_ops, code)`);
    await q.query(`CREATE INDEX connector_next_pull_idx ON intake.connector (next_pull_at) WHERE next_pull_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE intake.submission (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        connector_id uuid REFERENCES intake.connector (id) ON DELETE CASCADE,
        source varchar(10) NOT NULL,
        uuid varchar(200) NOT NULL,
        source_id varchar(200),
        instance_id varchar(200) NOT NULL,
        instance_ids text[] NOT NULL,
        submitted_at timestamptz,
        raw jsonb NOT NULL,
        data jsonb NOT NULL,
        issues jsonb NOT NULL DEFAULT '[]',
        status varchar(10) NOT NULL CHECK (status IN ('VALID', 'REVIEW', 'ACCEPTED', 'REJECTED')),
        area_path text COLLATE "C" NOT NULL,
        household_id uuid,
        member_ids jsonb NOT NULL DEFAULT '[]',
        reject_reason varchar(500),
        program_code varchar(50),
        phone varchar(20),
        edited_after_accept boolean NOT NULL DEFAULT false,
        decided_by uuid,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    // idempotency: one row per submission of a connector (USSD applications have no connector)
    await q.query(`CREATE UNIQUE INDEX submission_connector_uuid_key ON intake.submission (connector_id, uuid) WHERE connector_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX submission_ussd_uuid_key ON intake.submission (uuid) WHERE connector_id IS NULL`);
    // the version last received (b-tree: a page looks up 2,000 at once); every earlier version through the GIN index
    await q.query(`CREATE INDEX submission_instance_idx ON intake.submission (connector_id, instance_id)`);
    // the server's own id of the submission, stable across edits (KoBo _id, ODK __id)
    await q.query(`CREATE INDEX submission_source_idx ON intake.submission (connector_id, source_id)`);
    await q.query(`CREATE INDEX submission_instance_ids_idx ON intake.submission USING gin (instance_ids)`);
    // the queue: scope prefix and status, newest first
    await q.query(`CREATE INDEX submission_queue_idx ON intake.submission (area_path text_pattern_ops, status, id)`);
    await q.query(`CREATE INDEX submission_connector_idx ON intake.submission (connector_id, id)`);
    await q.query(`CREATE INDEX submission_phone_idx ON intake.submission (program_code, phone) WHERE phone IS NOT NULL`);
    await q.query(`
      CREATE TABLE intake.correction (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        submission_id uuid NOT NULL REFERENCES intake.submission (id) ON DELETE CASCADE,
        field varchar(200) NOT NULL,
        old_value jsonb,
        new_value jsonb,
        rule varchar(30),
        corrected_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX correction_submission_idx ON intake.correction (submission_id, id)`);
    await q.query(`
      CREATE TABLE intake.attachment (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        submission_id uuid NOT NULL REFERENCES intake.submission (id) ON DELETE CASCADE,
        name varchar(300) NOT NULL,
        content_type varchar(100) NOT NULL,
        size integer NOT NULL,
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT attachment_name_key UNIQUE (submission_id, name)
      )`);
    await q.query(`
      CREATE TABLE intake.ussd_flow (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        program_code varchar(50) COLLATE "C" NOT NULL,
        title jsonb NOT NULL,
        root_area_id uuid NOT NULL REFERENCES geo.admin_area (id),
        area_path text COLLATE "C" NOT NULL,
        questions jsonb NOT NULL DEFAULT '[]',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT ussd_flow_program_code_key UNIQUE (program_code)
      )`);
    await q.query(`
      CREATE TABLE intake.ussd_session (
        session_id varchar(100) PRIMARY KEY,
        phone varchar(20) NOT NULL,
        program_code varchar(50) NOT NULL,
        last_text text NOT NULL,
        last_reply text NOT NULL,
        ended boolean NOT NULL DEFAULT false,
        submission_id uuid,
        started_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE intake.ussd_session, intake.ussd_flow, intake.attachment, intake.correction, intake.submission, intake.connector`);
  }
}
