import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TargetingSchema1796400874929 implements MigrationInterface {
  name = 'TargetingSchema1796400874929';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE targeting.formula (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        program_id uuid NOT NULL REFERENCES programs.program (id),
        code varchar(50) COLLATE "C" NOT NULL,
        name varchar(200) NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('SCORE', 'CRITERIA')),
        current_version integer NOT NULL,
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT formula_code_key UNIQUE (program_id, code)
      )`);
    await q.query(`
      CREATE TABLE targeting.formula_version (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        formula_id uuid NOT NULL REFERENCES targeting.formula (id),
        number integer NOT NULL,
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT formula_version_key UNIQUE (formula_id, number)
      )`);
    // One row per household and score formula; NULL score = the formula fails for that household.
    await q.query(`
      CREATE TABLE targeting.household_score (
        formula_id uuid NOT NULL REFERENCES targeting.formula (id),
        household_id uuid NOT NULL REFERENCES registry.household (id),
        formula_version integer NOT NULL,
        score double precision,
        scored_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (formula_id, household_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE targeting.household_score`);
    await q.query(`DROP TABLE targeting.formula_version`);
    await q.query(`DROP TABLE targeting.formula`);
  }
}
