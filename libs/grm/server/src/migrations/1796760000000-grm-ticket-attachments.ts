import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GrmTicketAttachments1796760000000 implements MigrationInterface {
  name = 'GrmTicketAttachments1796760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE grm.ticket_attachment (
        id uuid PRIMARY KEY DEFAULT core.uuid_v7(),
        ticket_id uuid NOT NULL REFERENCES grm.ticket (id),
        name varchar(200) NOT NULL,
        content_type varchar(100) NOT NULL,
        size integer NOT NULL CHECK (size > 0),
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        from_reporter boolean NOT NULL DEFAULT false,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX ticket_attachment_ticket_idx ON grm.ticket_attachment (ticket_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grm.ticket_attachment`);
  }
}
