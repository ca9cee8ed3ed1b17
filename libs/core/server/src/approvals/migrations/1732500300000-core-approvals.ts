import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CoreApprovals1732500300000 implements MigrationInterface {
  name = 'CoreApprovals1732500300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE core.approval_flow (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        operation varchar(100) NOT NULL UNIQUE,
        enabled boolean NOT NULL DEFAULT true,
        levels jsonb NOT NULL CHECK (jsonb_typeof(levels) = 'array'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE TABLE core.pending_operation (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        operation varchar(100) NOT NULL,
        payload jsonb NOT NULL,
        payload_hash text NOT NULL,
        summary text NOT NULL,
        maker_id uuid,
        maker_username text,
        maker_actor jsonb,
        status varchar(16) NOT NULL CHECK (status IN ('PENDING','EXECUTING','EXECUTED','FAILED','REJECTED','CANCELLED')),
        current_level integer NOT NULL DEFAULT 1 CHECK (current_level >= 1),
        levels jsonb NOT NULL CHECK (jsonb_typeof(levels) = 'array'),
        result jsonb,
        error text,
        reject_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    // the inbox scans pending rows only; "my requests" reads by maker
    await q.query(`CREATE INDEX pending_operation_pending_idx ON core.pending_operation (id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX pending_operation_maker_idx ON core.pending_operation (maker_id, id)`);
    await q.query(`
      CREATE TABLE core.approval_decision (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        operation_id uuid NOT NULL REFERENCES core.pending_operation (id),
        level integer NOT NULL,
        user_id uuid NOT NULL,
        username text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        decision varchar(8) NOT NULL CHECK (decision IN ('APPROVE','REJECT')),
        comment text,
        decided_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT approval_decision_once UNIQUE (operation_id, level, user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE core.approval_decision`);
    await q.query(`DROP TABLE core.pending_operation`);
    await q.query(`DROP TABLE core.approval_flow`);
  }
}
