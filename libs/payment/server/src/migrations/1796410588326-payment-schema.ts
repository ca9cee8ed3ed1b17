import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentSchema1796410588326 implements MigrationInterface {
  name = 'PaymentSchema1796410588326';

  async up(q: QueryRunner): Promise<void> {
    // codes and paths in the "C" collation: byte comparisons, whatever the server's locale
    await q.query(`
      CREATE TABLE payment.cycle (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        program_id uuid NOT NULL REFERENCES programs.program (id),
        code varchar(50) COLLATE "C" NOT NULL,
        name varchar(200) NOT NULL,
        period varchar(20) COLLATE "C" NOT NULL,
        planned_date date NOT NULL,
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        area_id uuid NOT NULL REFERENCES geo.admin_area (id),
        area_path text COLLATE "C" NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT cycle_code_key UNIQUE (code)
      )`);
    // several cycles may pay the same period (a supplementary one): the "already paid" flag guards that
    await q.query(`CREATE INDEX cycle_program_idx ON payment.cycle (program_id, period)`);
    await q.query(`CREATE INDEX cycle_area_path_idx ON payment.cycle (area_path text_pattern_ops, code)`);

    // Benefit rules are versioned: a new version is a new row; payroll lines keep the version they used.
    await q.query(`
      CREATE TABLE payment.benefit_rule_set (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        program_id uuid NOT NULL REFERENCES programs.program (id),
        rule_version integer NOT NULL CHECK (rule_version > 0),
        rules jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'object'),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT benefit_rule_set_version_key UNIQUE (program_id, rule_version)
      )`);

    await q.query(`
      CREATE TABLE payment.payment_point (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        code varchar(50) COLLATE "C" NOT NULL,
        name varchar(200) NOT NULL,
        type varchar(20) NOT NULL CHECK (type IN ('AGENT', 'BANK_BRANCH', 'POST_OFFICE', 'MOBILE_MONEY')),
        area_id uuid NOT NULL REFERENCES geo.admin_area (id),
        area_path text COLLATE "C" NOT NULL,
        latitude numeric(9, 6) CHECK (latitude BETWEEN -90 AND 90),
        longitude numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
        staff_user_ids uuid[] NOT NULL DEFAULT '{}',
        opening_days text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT payment_point_code_key UNIQUE (code)
      )`);
    await q.query(`CREATE INDEX payment_point_area_path_idx ON payment.payment_point (area_path text_pattern_ops, code)`);
    // assignment by hand: one payment point per beneficiary (otherwise the area rule: the nearest point up the area tree)
    await q.query(`
      CREATE TABLE payment.point_assignment (
        beneficiary_id uuid PRIMARY KEY REFERENCES programs.beneficiary (id),
        payment_point_id uuid NOT NULL REFERENCES payment.payment_point (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE payment.payroll (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        cycle_id uuid NOT NULL REFERENCES payment.cycle (id),
        program_id uuid NOT NULL REFERENCES programs.program (id),
        code varchar(60) COLLATE "C" NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'IN_PAYMENT', 'RECONCILED', 'REJECTED')),
        rule_set_id uuid REFERENCES payment.benefit_rule_set (id),
        provider_account_id uuid,
        parent_payroll_id uuid REFERENCES payment.payroll (id),
        area_id uuid NOT NULL REFERENCES geo.admin_area (id),
        area_path text COLLATE "C" NOT NULL,
        generation_job_id uuid,
        submission_job_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT payroll_code_key UNIQUE (code)
      )`);
    await q.query(`CREATE INDEX payroll_cycle_idx ON payment.payroll (cycle_id)`);

    // One line per beneficiary per cycle (attempt 1); a follow-up payroll carries failed lines as attempt 2, 3...
    await q.query(`
      CREATE TABLE payment.payroll_line (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        payroll_id uuid NOT NULL REFERENCES payment.payroll (id),
        cycle_id uuid NOT NULL,
        program_id uuid NOT NULL,
        beneficiary_id uuid NOT NULL,
        attempt smallint NOT NULL DEFAULT 1,
        household_id uuid,
        individual_id uuid,
        recipient_id uuid,
        recipient_name varchar(210),
        phone text,
        document_number text COLLATE "C",
        account_number text COLLATE "C",
        area_id uuid NOT NULL,
        area_path text COLLATE "C" NOT NULL,
        payment_point_id uuid,
        period varchar(20) COLLATE "C" NOT NULL,
        currency char(3) NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
        rule_version integer,
        components jsonb NOT NULL DEFAULT '{}',
        status varchar(20) NOT NULL DEFAULT 'CREATED' CHECK (status IN ('CREATED', 'FLAGGED', 'APPROVED', 'SUBMITTED', 'PAID', 'FAILED', 'CANCELLED', 'RECONCILED')),
        flags text[] NOT NULL DEFAULT '{}',
        carried_from_id uuid,
        carried_to_id uuid,
        provider_reference text,
        receipt text,
        paid_amount_minor bigint,
        failure_reason text,
        submitted_at timestamptz,
        settled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT payroll_line_cycle_beneficiary_key UNIQUE (cycle_id, beneficiary_id, attempt)
      )`);
    await q.query(`CREATE INDEX payroll_line_payroll_idx ON payment.payroll_line (payroll_id, status, id)`);
    await q.query(`CREATE INDEX payroll_line_area_idx ON payment.payroll_line (payroll_id, area_path text_pattern_ops, id)`);
    await q.query(`CREATE INDEX payroll_line_beneficiary_idx ON payment.payroll_line (beneficiary_id)`);
    await q.query(`CREATE INDEX payroll_line_program_period_idx ON payment.payroll_line (program_id, period) WHERE status IN ('PAID', 'RECONCILED')`);
    // An approved line cannot change what is paid to whom: the amount, recipient and references are frozen in
    // the database itself once the line has left CREATED/FLAGGED (whatever the code path).
    await q.query(`
      CREATE FUNCTION payment.payroll_line_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status NOT IN ('CREATED', 'FLAGGED') AND (
             NEW.amount_minor IS DISTINCT FROM OLD.amount_minor OR NEW.components IS DISTINCT FROM OLD.components
          OR NEW.recipient_id IS DISTINCT FROM OLD.recipient_id OR NEW.phone IS DISTINCT FROM OLD.phone
          OR NEW.account_number IS DISTINCT FROM OLD.account_number OR NEW.currency IS DISTINCT FROM OLD.currency
          OR NEW.payroll_id IS DISTINCT FROM OLD.payroll_id OR NEW.beneficiary_id IS DISTINCT FROM OLD.beneficiary_id) THEN
          RAISE EXCEPTION 'payroll line % is approved and cannot change', OLD.id USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END
      $$`);
    await q.query(`CREATE TRIGGER payroll_line_frozen BEFORE UPDATE ON payment.payroll_line FOR EACH ROW EXECUTE FUNCTION payment.payroll_line_frozen()`);

    // Every line transition, one row each (set-based writes insert them in the same statement).
    await q.query(`
      CREATE TABLE payment.line_transition (
        id bigserial PRIMARY KEY,
        line_id uuid NOT NULL,
        payroll_id uuid NOT NULL,
        from_status varchar(20),
        to_status varchar(20) NOT NULL,
        reason text,
        source varchar(30) NOT NULL,
        user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX line_transition_line_idx ON payment.line_transition (line_id, id)`);

    // Results that could not be applied (unknown reference, amount differing from the line...).
    await q.query(`
      CREATE TABLE payment.payment_exception (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        line_id uuid,
        payroll_id uuid,
        account_id text,
        idempotency_key text NOT NULL,
        kind varchar(30) NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX payment_exception_payroll_idx ON payment.payment_exception (payroll_id, created_at)`);

    // Reconciliation files applied, by content hash: replaying the same file changes nothing.
    await q.query(`
      CREATE TABLE payment.reconciliation_file (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        payroll_id uuid NOT NULL REFERENCES payment.payroll (id),
        sha256 char(64) NOT NULL,
        file_name text NOT NULL,
        rows_total integer NOT NULL,
        rows_applied integer NOT NULL,
        rows_unchanged integer NOT NULL,
        rows_rejected integer NOT NULL,
        report jsonb NOT NULL DEFAULT '[]',
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['reconciliation_file', 'payment_exception', 'line_transition', 'payroll_line', 'payroll', 'point_assignment', 'payment_point', 'benefit_rule_set', 'cycle']) {
      await q.query(`DROP TABLE payment.${table}`);
    }
    await q.query(`DROP FUNCTION payment.payroll_line_frozen()`);
  }
}
