import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How common each name is in the registry, counted by the last registry-wide duplicate run: an exact match on a
 * rare name weighs more than on a common one (term-frequency adjustment). Only names held by two people or more.
 */
export class DuplicateNameFrequency1796700000000 implements MigrationInterface {
  name = 'DuplicateNameFrequency1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registry.duplicate_name_frequency (
        kind char(1) NOT NULL CHECK (kind IN ('G', 'F')),
        term text COLLATE "C" NOT NULL,
        share float8 NOT NULL CHECK (share > 0 AND share <= 1),
        holders integer NOT NULL CHECK (holders > 1),
        model_version integer NOT NULL,
        PRIMARY KEY (kind, term)
      )`);
    await q.query(`COMMENT ON TABLE registry.duplicate_name_frequency IS 'Share and number of the people of the registry holding each normalised given (G) or family (F) name, from the registry-wide duplicate run that estimated model_version; names held by one person are absent'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registry.duplicate_name_frequency`);
  }
}
