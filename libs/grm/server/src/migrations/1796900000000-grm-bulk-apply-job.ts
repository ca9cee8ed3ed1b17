import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A bulk update is applied by a durable job: APPLYING while it is queued or running. */
export class GrmBulkApplyJob1796900000000 implements MigrationInterface {
  name = 'GrmBulkApplyJob1796900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE grm.bulk_update DROP CONSTRAINT IF EXISTS bulk_update_status_check`);
    await q.query(`ALTER TABLE grm.bulk_update ADD CONSTRAINT bulk_update_status_check CHECK (status IN ('CHECKING', 'FAILED', 'INVALID', 'READY', 'APPLYING', 'APPLIED', 'STALE'))`);
    await q.query(`ALTER TABLE grm.bulk_update ADD COLUMN IF NOT EXISTS apply_job_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE grm.bulk_update SET status = 'READY' WHERE status = 'APPLYING'`);
    await q.query(`ALTER TABLE grm.bulk_update DROP COLUMN IF EXISTS apply_job_id`);
    await q.query(`ALTER TABLE grm.bulk_update DROP CONSTRAINT IF EXISTS bulk_update_status_check`);
    await q.query(`ALTER TABLE grm.bulk_update ADD CONSTRAINT bulk_update_status_check CHECK (status IN ('CHECKING', 'FAILED', 'INVALID', 'READY', 'APPLIED', 'STALE'))`);
  }
}
