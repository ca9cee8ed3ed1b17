import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GrmDataChangeRequests1796610000000 implements MigrationInterface {
  name = 'GrmDataChangeRequests1796610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE grm.data_change_request (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        record_type varchar(20) NOT NULL CHECK (record_type IN ('HOUSEHOLD', 'INDIVIDUAL')),
        record_id uuid NOT NULL,
        record_label varchar(250) NOT NULL,
        household_id uuid,
        area_path text COLLATE "C" NOT NULL,
        record_version integer NOT NULL,
        changes jsonb NOT NULL,
        reason text NOT NULL,
        ticket_id uuid REFERENCES grm.ticket (id),
        status varchar(20) NOT NULL CHECK (status IN ('PENDING', 'APPLIED', 'STALE', 'REJECTED')),
        pending_operation_id uuid,
        requested_by_id uuid,
        requested_by varchar(150),
        stale_fields text[] NOT NULL DEFAULT '{}',
        decision_note text,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    // the scoped list, newest first (the pager's key), and the household page's requests
    await q.query(`CREATE INDEX data_change_request_area_idx ON grm.data_change_request (area_path text_pattern_ops, created_at DESC, id)`);
    await q.query(`CREATE INDEX data_change_request_household_idx ON grm.data_change_request (household_id, created_at DESC) WHERE household_id IS NOT NULL`);
    // rejected approvals are carried over on read: only the pending requests are looked at
    await q.query(`CREATE INDEX data_change_request_pending_idx ON grm.data_change_request (pending_operation_id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX data_change_request_record_idx ON grm.data_change_request (record_id)`);
    await q.query(`CREATE UNIQUE INDEX data_change_request_operation_idx ON grm.data_change_request (pending_operation_id) WHERE pending_operation_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grm.data_change_request`);
  }
}
