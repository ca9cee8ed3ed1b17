import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GrmSchema1796414581044 implements MigrationInterface {
  name = 'GrmSchema1796414581044';

  async up(q: QueryRunner): Promise<void> {
    // categories and sub-categories, configured per deployment; a sensitive one is hidden without grm.sensitive.view
    await q.query(`
      CREATE TABLE grm.category (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        code varchar(50) COLLATE "C" NOT NULL,
        name varchar(200) NOT NULL,
        parent_id uuid REFERENCES grm.category (id),
        sensitive boolean NOT NULL DEFAULT false,
        resolution_days integer NOT NULL DEFAULT 14 CHECK (resolution_days BETWEEN 1 AND 365),
        supervisor_role varchar(100),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT category_code_key UNIQUE (code)
      )`);
    // assignment: the most specific rule (deepest area) of the ticket's category wins
    await q.query(`
      CREATE TABLE grm.assignment_rule (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        category_id uuid NOT NULL REFERENCES grm.category (id) ON DELETE CASCADE,
        area_id uuid NOT NULL REFERENCES geo.admin_area (id),
        area_path text COLLATE "C" NOT NULL,
        assignee_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT assignment_rule_key UNIQUE (category_id, area_id)
      )`);
    await q.query(`
      CREATE TABLE grm.ticket (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        reference varchar(20) COLLATE "C" NOT NULL,
        channel varchar(30) NOT NULL,
        category_id uuid NOT NULL REFERENCES grm.category (id),
        sensitive boolean NOT NULL DEFAULT false,
        priority varchar(10) NOT NULL DEFAULT 'MEDIUM',
        status varchar(20) NOT NULL DEFAULT 'RECEIVED',
        description text NOT NULL,
        reporter_kind varchar(20) NOT NULL,
        reporter_name varchar(200),
        reporter_phone varchar(40),
        hide_identity boolean NOT NULL DEFAULT false,
        household_id uuid,
        individual_id uuid,
        program_id uuid,
        payment_line_id uuid,
        area_id uuid NOT NULL REFERENCES geo.admin_area (id),
        area_path text COLLATE "C" NOT NULL,
        assignee_id uuid,
        due_at timestamptz NOT NULL,
        escalated_at timestamptz,
        escalated_to_role varchar(100),
        duplicate_of_id uuid REFERENCES grm.ticket (id),
        resolution text,
        secret_hash varchar(64),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT ticket_reference_key UNIQUE (reference)
      )`);
    // the scoped list: area prefix, newest first (the pager's key)
    await q.query(`CREATE INDEX ticket_area_path_idx ON grm.ticket (area_path text_pattern_ops, created_at DESC, id)`);
    await q.query(`CREATE INDEX ticket_created_idx ON grm.ticket (created_at DESC, id)`);
    await q.query(`CREATE INDEX ticket_overdue_idx ON grm.ticket (due_at) WHERE escalated_at IS NULL AND status NOT IN ('RESOLVED', 'CLOSED')`);
    await q.query(`CREATE INDEX ticket_household_idx ON grm.ticket (household_id) WHERE household_id IS NOT NULL`);
    await q.query(`CREATE INDEX ticket_individual_idx ON grm.ticket (individual_id) WHERE individual_id IS NOT NULL`);
    await q.query(`CREATE INDEX ticket_duplicate_idx ON grm.ticket (category_id, reporter_phone, created_at) WHERE reporter_phone IS NOT NULL`);
    // the timeline: transitions, comments, assignments, escalations
    await q.query(`
      CREATE TABLE grm.ticket_event (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        ticket_id uuid NOT NULL REFERENCES grm.ticket (id) ON DELETE CASCADE,
        kind varchar(20) NOT NULL,
        from_status varchar(20),
        to_status varchar(20),
        body text,
        internal boolean NOT NULL DEFAULT false,
        actor_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX ticket_event_ticket_idx ON grm.ticket_event (ticket_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grm.ticket_event, grm.ticket, grm.assignment_rule, grm.category`);
  }
}
