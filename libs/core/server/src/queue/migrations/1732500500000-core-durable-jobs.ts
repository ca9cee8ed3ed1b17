import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Durable jobs: a running job holds a lease renewed by its heartbeat, attempts are counted with a
 * backoff, processors keep a checkpoint, and the row itself is the outbox a relay dispatches from.
 */
export class CoreDurableJobs1732500500000 implements MigrationInterface {
  name = 'CoreDurableJobs1732500500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE core.job
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN next_attempt_at timestamptz,
        ADD COLUMN lease_owner text,
        ADD COLUMN lease_expires_at timestamptz,
        ADD COLUMN checkpoint jsonb,
        ADD COLUMN dispatched_at timestamptz,
        ADD COLUMN request_id text,
        ADD COLUMN creator_area_paths text[]`);
    // rows queued before this migration were dispatched by the code that wrote them
    await q.query(`UPDATE core.job SET dispatched_at = created_at WHERE status = 'QUEUED'`);
    await q.query(`CREATE INDEX job_lease_idx ON core.job (lease_expires_at) WHERE status = 'RUNNING'`);
    await q.query(`CREATE INDEX job_relay_idx ON core.job (queue, next_attempt_at) WHERE status = 'QUEUED'`);
    await q.query(`ALTER TABLE core.pending_operation ADD COLUMN job_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE core.pending_operation DROP COLUMN job_id`);
    await q.query(`DROP INDEX core.job_relay_idx`);
    await q.query(`DROP INDEX core.job_lease_idx`);
    await q.query(`
      ALTER TABLE core.job
        DROP COLUMN attempts, DROP COLUMN next_attempt_at, DROP COLUMN lease_owner, DROP COLUMN lease_expires_at,
        DROP COLUMN checkpoint, DROP COLUMN dispatched_at, DROP COLUMN request_id, DROP COLUMN creator_area_paths`);
  }
}
