import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The signal behind the API's response cache: every data-changing statement on a watched table (see
 * `watchDataChanges`) advances `core.data_change_seq` at once and notifies `coremis_data_change`
 * when its transaction commits. The sequence is read in the request's own actor statement, so a write
 * committed before a request starts is always seen; the notification covers a transaction that was
 * still open when a page was read.
 */
export class CoreDataChangeSignal1797000000000 implements MigrationInterface {
  name = 'CoreDataChangeSignal1797000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE IF NOT EXISTS core.data_change_seq`);
    await q.query(`CREATE OR REPLACE FUNCTION core.signal_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM nextval('core.data_change_seq');
        PERFORM pg_notify('coremis_data_change', '');
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS core.signal_data_change() CASCADE`);
    await q.query(`DROP SEQUENCE IF EXISTS core.data_change_seq`);
  }
}
