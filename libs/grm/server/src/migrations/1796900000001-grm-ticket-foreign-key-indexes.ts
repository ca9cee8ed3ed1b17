import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The two foreign keys to tickets get an index: without one, deleting tickets scanned every ticket (and every request) once per deleted row. */
export class GrmTicketForeignKeyIndexes1796900000001 implements MigrationInterface {
  name = 'GrmTicketForeignKeyIndexes1796900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS ticket_duplicate_of_idx ON grm.ticket (duplicate_of_id) WHERE duplicate_of_id IS NOT NULL`);
    await q.query(`CREATE INDEX IF NOT EXISTS data_change_request_ticket_idx ON grm.data_change_request (ticket_id) WHERE ticket_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS grm.data_change_request_ticket_idx`);
    await q.query(`DROP INDEX IF EXISTS grm.ticket_duplicate_of_idx`);
  }
}
