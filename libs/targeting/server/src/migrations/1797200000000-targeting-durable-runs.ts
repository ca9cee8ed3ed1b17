import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stage evaluation and enrolment runs become durable jobs: a round remembers the job evaluating its stages and why it
 * last failed, a run the job computing it, its failure (a message key and its arguments, translated when read) and the starter's areas.
 */
export class TargetingDurableRuns1797200000000 implements MigrationInterface {
  name = 'TargetingDurableRuns1797200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE targeting.targeting_round ADD COLUMN evaluation_job_id uuid, ADD COLUMN evaluation_failure jsonb`);
    await q.query(`ALTER TABLE targeting.enrolment_run ADD COLUMN job_id uuid, ADD COLUMN failure jsonb, ADD COLUMN scope_paths text[]`);
    await q.query(`ALTER TABLE targeting.enrolment_run DROP CONSTRAINT enrolment_run_status_check`);
    await q.query(`ALTER TABLE targeting.enrolment_run ADD CONSTRAINT enrolment_run_status_check CHECK (status IN ('COMPUTING', 'PROPOSED', 'APPLIED', 'CANCELLED', 'FAILED'))`);
    // one open run per programme, whether still computing or proposed
    await q.query(`DROP INDEX targeting.enrolment_run_open_key`);
    await q.query(`CREATE UNIQUE INDEX enrolment_run_open_key ON targeting.enrolment_run (program_id) WHERE status IN ('COMPUTING', 'PROPOSED')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM targeting.enrolment_run WHERE status IN ('COMPUTING', 'FAILED')`);
    await q.query(`DROP INDEX targeting.enrolment_run_open_key`);
    await q.query(`CREATE UNIQUE INDEX enrolment_run_open_key ON targeting.enrolment_run (program_id) WHERE status = 'PROPOSED'`);
    await q.query(`ALTER TABLE targeting.enrolment_run DROP CONSTRAINT enrolment_run_status_check`);
    await q.query(`ALTER TABLE targeting.enrolment_run ADD CONSTRAINT enrolment_run_status_check CHECK (status IN ('PROPOSED', 'APPLIED', 'CANCELLED'))`);
    await q.query(`ALTER TABLE targeting.enrolment_run DROP COLUMN job_id, DROP COLUMN failure, DROP COLUMN scope_paths`);
    await q.query(`ALTER TABLE targeting.targeting_round DROP COLUMN evaluation_job_id, DROP COLUMN evaluation_failure`);
  }
}
