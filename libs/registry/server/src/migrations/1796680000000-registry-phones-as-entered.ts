import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The phone numbers as they were typed or imported, kept beside their E.164 form when they differ (no rewrite of existing rows). */
export class RegistryPhonesAsEntered1796680000000 implements MigrationInterface {
  name = 'RegistryPhonesAsEntered1796680000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry.individual ADD COLUMN phones_as_entered text[]`);
    await q.query(`COMMENT ON COLUMN registry.individual.phones_as_entered IS 'The numbers as typed or imported, in order; NULL when they were already the E.164 values of phones'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry.individual DROP COLUMN phones_as_entered`);
  }
}
