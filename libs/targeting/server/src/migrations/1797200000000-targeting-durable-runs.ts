import type { MigrationInterface, QueryRunner } from 'typeorm';

const BULK_FOREIGN_KEYS = [
  ['household_score', 'household_score_formula_id_fkey'],
  ['household_score', 'household_score_household_id_fkey'],
  ['enrolment_proposal', 'enrolment_proposal_run_id_fkey'],
  ['enrolment_proposal', 'enrolment_proposal_household_id_fkey'],
  ['round_household', 'round_household_round_id_fkey'],
  ['round_household', 'round_household_household_id_fkey'],
  ['stage_outcome', 'stage_outcome_round_id_fkey'],
  ['stage_outcome', 'stage_outcome_household_id_fkey'],
] as const;

/**
 * Stage evaluation and enrolment runs become durable jobs: a round remembers the job evaluating its stages and why it
 * last failed, a run the job computing it, its failure (a message key and its arguments, translated when read) and
 * the starter's areas; the rows those jobs write in bulk lose their per-row foreign keys.
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
    // The per-household rows that jobs write set-based (scores, cohorts, stage outcomes, proposals) lose their foreign
    // keys: each is selected from its parents in the statement that writes it, and neither households (the registry
    // only changes their status) nor formulas, rounds or runs are ever deleted. A key check is a lookup and a row lock
    // per written row: at 220,000 households they took 6.5 s of a 17 s enrolment run (EXPLAIN ANALYZE, bench1m), and
    // each locked every registry household the job read.
    for (const [table, constraint] of BULK_FOREIGN_KEYS) await q.query(`ALTER TABLE targeting.${table} DROP CONSTRAINT IF EXISTS ${constraint}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM targeting.enrolment_proposal p USING targeting.enrolment_run r WHERE r.id = p.run_id AND r.status IN ('COMPUTING', 'FAILED')`);
    await q.query(`DELETE FROM targeting.enrolment_run WHERE status IN ('COMPUTING', 'FAILED')`);
    await q.query(`ALTER TABLE targeting.household_score ADD CONSTRAINT household_score_formula_id_fkey FOREIGN KEY (formula_id) REFERENCES targeting.formula (id)`);
    await q.query(`ALTER TABLE targeting.household_score ADD CONSTRAINT household_score_household_id_fkey FOREIGN KEY (household_id) REFERENCES registry.household (id)`);
    await q.query(`ALTER TABLE targeting.enrolment_proposal ADD CONSTRAINT enrolment_proposal_run_id_fkey FOREIGN KEY (run_id) REFERENCES targeting.enrolment_run (id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE targeting.enrolment_proposal ADD CONSTRAINT enrolment_proposal_household_id_fkey FOREIGN KEY (household_id) REFERENCES registry.household (id)`);
    await q.query(`ALTER TABLE targeting.round_household ADD CONSTRAINT round_household_round_id_fkey FOREIGN KEY (round_id) REFERENCES targeting.targeting_round (id)`);
    await q.query(`ALTER TABLE targeting.round_household ADD CONSTRAINT round_household_household_id_fkey FOREIGN KEY (household_id) REFERENCES registry.household (id)`);
    await q.query(`ALTER TABLE targeting.stage_outcome ADD CONSTRAINT stage_outcome_round_id_fkey FOREIGN KEY (round_id) REFERENCES targeting.targeting_round (id)`);
    await q.query(`ALTER TABLE targeting.stage_outcome ADD CONSTRAINT stage_outcome_household_id_fkey FOREIGN KEY (household_id) REFERENCES registry.household (id)`);
    await q.query(`DROP INDEX targeting.enrolment_run_open_key`);
    await q.query(`CREATE UNIQUE INDEX enrolment_run_open_key ON targeting.enrolment_run (program_id) WHERE status = 'PROPOSED'`);
    await q.query(`ALTER TABLE targeting.enrolment_run DROP CONSTRAINT enrolment_run_status_check`);
    await q.query(`ALTER TABLE targeting.enrolment_run ADD CONSTRAINT enrolment_run_status_check CHECK (status IN ('PROPOSED', 'APPLIED', 'CANCELLED'))`);
    await q.query(`ALTER TABLE targeting.enrolment_run DROP COLUMN job_id, DROP COLUMN failure, DROP COLUMN scope_paths`);
    await q.query(`ALTER TABLE targeting.targeting_round DROP COLUMN evaluation_job_id, DROP COLUMN evaluation_failure`);
  }
}
