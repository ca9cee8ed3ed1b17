import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The blocking keys of duplicate detection, kept by PostgreSQL as expression indexes on the registry
 * (maintained at every write and import): a batch finds the registered people who share a key with it
 * by indexed equi-joins instead of reading the whole registry. The expressions are the detection's
 * own (`coalesce(key, norm)` of each name part, both in either order within a village).
 */
export class DuplicateBlockingIndexes1796660000000 implements MigrationInterface {
  name = 'DuplicateBlockingIndexes1796660000000';

  async up(q: QueryRunner): Promise<void> {
    // the people of one import, read by the batch check
    await q.query(`CREATE INDEX IF NOT EXISTS individual_import_job_idx ON registry.individual (import_job_id) WHERE import_job_id IS NOT NULL`);
    await q.query(`CREATE INDEX individual_dup_given_birth_idx ON registry.individual ((coalesce(given_key, given_norm)), birth_date) WHERE birth_date IS NOT NULL`);
    await q.query(`CREATE INDEX individual_dup_family_birth_idx ON registry.individual ((coalesce(family_key, family_norm)), birth_date) WHERE birth_date IS NOT NULL`);
    await q.query(`
      CREATE INDEX individual_dup_names_area_idx ON registry.individual
        (area_path, (least(coalesce(given_key, given_norm), coalesce(family_key, family_norm))), (greatest(coalesce(given_key, given_norm), coalesce(family_key, family_norm))))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX registry.individual_dup_names_area_idx`);
    await q.query(`DROP INDEX registry.individual_dup_family_birth_idx`);
    await q.query(`DROP INDEX registry.individual_dup_given_birth_idx`);
    await q.query(`DROP INDEX IF EXISTS registry.individual_import_job_idx`);
  }
}
