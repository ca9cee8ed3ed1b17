import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Scoring as a job (each score names its job and, when it failed, why), and enrolment runs with their proposals. */
export class TargetingScoringEnrolment1796500000000 implements MigrationInterface {
  name = 'TargetingScoringEnrolment1796500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE targeting.household_score ADD COLUMN error text, ADD COLUMN job_id uuid`);
    // per-area coefficient sets of a programme's formulas (`coef.<name>`), inherited down the hierarchy
    await q.query(`
      CREATE TABLE targeting.area_coefficient (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        program_id uuid NOT NULL REFERENCES programs.program (id),
        area_id uuid NOT NULL REFERENCES geo.admin_area (id),
        area_path text COLLATE "C" NOT NULL,
        coefficients jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT area_coefficient_key UNIQUE (program_id, area_id)
      )`);
    await q.query(`
      CREATE TABLE targeting.enrolment_run (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        program_id uuid NOT NULL REFERENCES programs.program (id),
        formula_id uuid NOT NULL REFERENCES targeting.formula (id),
        formula_version integer NOT NULL,
        criteria_formula_id uuid REFERENCES targeting.formula (id),
        criteria_version integer,
        max_score double precision,
        tie_breakers text[] NOT NULL DEFAULT '{}',
        quotas jsonb NOT NULL DEFAULT '[]',
        status varchar(12) NOT NULL CHECK (status IN ('PROPOSED', 'APPLIED', 'CANCELLED')),
        places integer,
        budget numeric(18, 2),
        budget_used numeric(18, 2) NOT NULL DEFAULT 0,
        registered integer NOT NULL DEFAULT 0,
        assessed integer NOT NULL DEFAULT 0,
        eligible integer NOT NULL DEFAULT 0,
        enrolled integer NOT NULL DEFAULT 0,
        waitlisted integer NOT NULL DEFAULT 0,
        ineligible integer NOT NULL DEFAULT 0,
        by_area jsonb NOT NULL DEFAULT '[]',
        created_by uuid,
        applied_by uuid,
        applied_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    // one open (proposed, not yet applied or cancelled) run per programme: a second start at once is refused
    await q.query(`CREATE UNIQUE INDEX enrolment_run_open_key ON targeting.enrolment_run (program_id) WHERE status = 'PROPOSED'`);
    await q.query(`
      CREATE TABLE targeting.enrolment_proposal (
        run_id uuid NOT NULL REFERENCES targeting.enrolment_run (id) ON DELETE CASCADE,
        household_id uuid NOT NULL REFERENCES registry.household (id),
        area_path text NOT NULL,
        quota_area_id uuid,
        score double precision,
        rank integer,
        outcome varchar(12) NOT NULL CHECK (outcome IN ('ENROLLED', 'WAITLISTED', 'INELIGIBLE')),
        reason varchar(30) NOT NULL,
        cost numeric(18, 2) NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, household_id)
      )`);
    await q.query(`CREATE INDEX enrolment_proposal_rank_idx ON targeting.enrolment_proposal (run_id, outcome, rank)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE targeting.enrolment_proposal`);
    await q.query(`DROP TABLE targeting.enrolment_run`);
    await q.query(`DROP TABLE targeting.area_coefficient`);
    await q.query(`ALTER TABLE targeting.household_score DROP COLUMN error, DROP COLUMN job_id`);
  }
}
