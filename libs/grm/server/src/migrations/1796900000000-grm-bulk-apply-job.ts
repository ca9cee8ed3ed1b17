import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A bulk update is applied by a durable job: APPLYING while it is queued or running. And the two foreign keys to
 * tickets get an index: without one, deleting tickets scanned every ticket (and every request) once per deleted row.
 */
export class GrmBulkApplyJob1796900000000 implements MigrationInterface {
  name = 'GrmBulkApplyJob1796900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE grm.bulk_update DROP CONSTRAINT IF EXISTS bulk_update_status_check`);
    await q.query(`ALTER TABLE grm.bulk_update ADD CONSTRAINT bulk_update_status_check CHECK (status IN ('CHECKING', 'FAILED', 'INVALID', 'READY', 'APPLYING', 'APPLIED', 'STALE'))`);
    await q.query(`ALTER TABLE grm.bulk_update ADD COLUMN IF NOT EXISTS apply_job_id uuid`);
    await q.query(`CREATE INDEX IF NOT EXISTS ticket_duplicate_of_idx ON grm.ticket (duplicate_of_id) WHERE duplicate_of_id IS NOT NULL`);
    await q.query(`CREATE INDEX IF NOT EXISTS data_change_request_ticket_idx ON grm.data_change_request (ticket_id) WHERE ticket_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS grm.data_change_request_ticket_idx`);
    await q.query(`DROP INDEX IF EXISTS grm.ticket_duplicate_of_idx`);
    await q.query(`UPDATE grm.bulk_update SET status = 'READY' WHERE status = 'APPLYING'`);
    await q.query(`ALTER TABLE grm.bulk_update DROP COLUMN IF EXISTS apply_job_id`);
    await q.query(`ALTER TABLE grm.bulk_update DROP CONSTRAINT IF EXISTS bulk_update_status_check`);
    await q.query(`ALTER TABLE grm.bulk_update ADD CONSTRAINT bulk_update_status_check CHECK (status IN ('CHECKING', 'FAILED', 'INVALID', 'READY', 'APPLIED', 'STALE'))`);
  }
}
