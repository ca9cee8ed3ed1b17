import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Targeting workflows (immutable versions of a programme's stages), rounds (a cohort moving through the stages of the
 * version it started with) and the per-household outcome of each stage; enrolment runs may take a round's passers.
 */
export class TargetingWorkflow1796650000000 implements MigrationInterface {
  name = 'TargetingWorkflow1796650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE targeting.workflow_version (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        program_id uuid NOT NULL REFERENCES programs.program (id),
        number integer NOT NULL,
        stages jsonb NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT workflow_version_key UNIQUE (program_id, number)
      )`);
    await q.query(`
      CREATE TABLE targeting.targeting_round (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        program_id uuid NOT NULL REFERENCES programs.program (id),
        workflow_version_id uuid NOT NULL REFERENCES targeting.workflow_version (id),
        workflow_number integer NOT NULL,
        number integer NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'CANCELLED')),
        current_stage integer NOT NULL,
        intake_codes text[],
        stage_runs jsonb NOT NULL DEFAULT '[]',
        scope_paths text[],
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT targeting_round_number_key UNIQUE (program_id, number)
      )`);
    // one running round per programme: a second start at once is refused
    await q.query(`CREATE UNIQUE INDEX targeting_round_running_key ON targeting.targeting_round (program_id) WHERE status = 'RUNNING'`);
    await q.query(`
      CREATE TABLE targeting.round_household (
        round_id uuid NOT NULL REFERENCES targeting.targeting_round (id),
        household_id uuid NOT NULL REFERENCES registry.household (id),
        area_path text COLLATE "C" NOT NULL,
        PRIMARY KEY (round_id, household_id)
      )`);
    await q.query(`
      CREATE TABLE targeting.stage_outcome (
        round_id uuid NOT NULL REFERENCES targeting.targeting_round (id),
        stage integer NOT NULL,
        household_id uuid NOT NULL REFERENCES registry.household (id),
        area_path text COLLATE "C" NOT NULL,
        status varchar(8) NOT NULL CHECK (status IN ('PASSED', 'FAILED', 'PENDING')),
        reason varchar(30),
        note text,
        score double precision,
        decided_by uuid,
        decided_at timestamptz,
        PRIMARY KEY (round_id, stage, household_id)
      )`);
    await q.query(`CREATE INDEX stage_outcome_area_idx ON targeting.stage_outcome (round_id, stage, area_path)`);
    await q.query(`ALTER TABLE targeting.enrolment_run ADD COLUMN round_id uuid REFERENCES targeting.targeting_round (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE targeting.enrolment_run DROP COLUMN round_id`);
    await q.query(`DROP TABLE targeting.stage_outcome`);
    await q.query(`DROP TABLE targeting.round_household`);
    await q.query(`DROP TABLE targeting.targeting_round`);
    await q.query(`DROP TABLE targeting.workflow_version`);
  }
}
