import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgramsSchema1796399399908 implements MigrationInterface {
  name = 'ProgramsSchema1796399399908';

  async up(q: QueryRunner): Promise<void> {
    // codes and paths in the "C" collation: byte comparisons, whatever the server's locale
    await q.query(`
      CREATE TABLE programs.program (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        code varchar(50) COLLATE "C" NOT NULL,
        name jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object' AND name ? 'en'),
        description text,
        target_unit varchar(20) NOT NULL CHECK (target_unit IN ('HOUSEHOLD', 'INDIVIDUAL')),
        coverage_area_ids uuid[] NOT NULL CHECK (cardinality(coverage_area_ids) > 0),
        coverage_paths text[] COLLATE "C" NOT NULL CHECK (cardinality(coverage_paths) = cardinality(coverage_area_ids)),
        budget numeric(18, 2) CHECK (budget > 0),
        currency char(3),
        max_beneficiaries integer CHECK (max_beneficiaries > 0),
        start_date date,
        end_date date,
        status varchar(20) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'ACTIVE', 'CLOSED')),
        benefits jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(benefits) = 'array'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT program_code_key UNIQUE (code),
        CONSTRAINT program_dates_check CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
        CONSTRAINT program_budget_currency_check CHECK (budget IS NULL OR currency IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX program_coverage_paths_idx ON programs.program USING gin (coverage_paths)`);

    await q.query(`
      CREATE TABLE programs.beneficiary (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        program_id uuid NOT NULL REFERENCES programs.program (id),
        household_id uuid REFERENCES registry.household (id),
        individual_id uuid REFERENCES registry.individual (id),
        area_id uuid NOT NULL REFERENCES geo.admin_area (id),
        area_path text COLLATE "C" NOT NULL,
        status varchar(20) NOT NULL CHECK (status IN ('POTENTIAL', 'ACTIVE', 'SUSPENDED', 'GRADUATED', 'WAITLISTED', 'INELIGIBLE', 'EXITED')),
        status_since timestamptz NOT NULL DEFAULT now(),
        enrolled_on date,
        score numeric(14, 4),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT beneficiary_one_subject_check CHECK ((household_id IS NULL) <> (individual_id IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX beneficiary_program_household_key ON programs.beneficiary (program_id, household_id) WHERE household_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX beneficiary_program_individual_key ON programs.beneficiary (program_id, individual_id) WHERE individual_id IS NOT NULL`);
    // the scoped list per programme: area prefix then id (the pager's key); status filters and counts
    await q.query(`CREATE INDEX beneficiary_program_area_idx ON programs.beneficiary (program_id, area_path text_pattern_ops, id)`);
    await q.query(`CREATE INDEX beneficiary_program_status_idx ON programs.beneficiary (program_id, status)`);
    await q.query(`CREATE INDEX beneficiary_household_idx ON programs.beneficiary (household_id) WHERE household_id IS NOT NULL`);
    await q.query(`CREATE INDEX beneficiary_individual_idx ON programs.beneficiary (individual_id) WHERE individual_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE programs.beneficiary_status_change (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        beneficiary_id uuid NOT NULL REFERENCES programs.beneficiary (id),
        program_id uuid NOT NULL REFERENCES programs.program (id),
        from_status varchar(20),
        to_status varchar(20) NOT NULL,
        effective_date date NOT NULL,
        reason_code varchar(40) NOT NULL,
        reason_text text,
        source varchar(20) NOT NULL CHECK (source IN ('ENROLMENT_RUN', 'BULK', 'MANUAL', 'IMPORT', 'EXIT_REVIEW')),
        source_ref uuid,
        user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX beneficiary_status_change_beneficiary_idx ON programs.beneficiary_status_change (beneficiary_id, created_at)`);
    await q.query(`CREATE INDEX beneficiary_status_change_source_idx ON programs.beneficiary_status_change (source_ref) WHERE source_ref IS NOT NULL`);

    await q.query(`
      CREATE TABLE programs.exit_proposal (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        program_id uuid NOT NULL REFERENCES programs.program (id),
        beneficiary_id uuid NOT NULL REFERENCES programs.beneficiary (id),
        area_path text COLLATE "C" NOT NULL,
        criteria_met text[] NOT NULL,
        state varchar(20) NOT NULL DEFAULT 'PROPOSED' CHECK (state IN ('PROPOSED', 'CONFIRMED', 'DISMISSED')),
        proposed_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid,
        decided_at timestamptz
      )`);
    // one open proposal per beneficiary: a second review refreshes it rather than piling up
    await q.query(`CREATE UNIQUE INDEX exit_proposal_open_key ON programs.exit_proposal (beneficiary_id) WHERE state = 'PROPOSED'`);
    await q.query(`CREATE INDEX exit_proposal_program_idx ON programs.exit_proposal (program_id, state, area_path text_pattern_ops, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE programs.exit_proposal`);
    await q.query(`DROP TABLE programs.beneficiary_status_change`);
    await q.query(`DROP TABLE programs.beneficiary`);
    await q.query(`DROP TABLE programs.program`);
  }
}
