import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A bulk update from a file (grm) or a data-change request rewrites people and households without touching an indexed
 * column most of the time (an occupation, a dwelling's materials, a disability). On full pages each new row version
 * went to another page with an entry in each of the table's indexes (eleven for the people, two of them GIN): a
 * hand-written `UPDATE ... FROM` of one column of 1,019,908 people took 87.6 s, and the apply dropped and rebuilt the
 * indexes to get under that. With room on each page for a second version the update stays on the page (heap-only
 * tuple) and no index is touched. New rows fill pages to half (`fillfactor` 50); the tables are rewritten once here
 * (CLUSTER: an exclusive lock for as long as the rewrite and its index builds take: 29 s for 1,019,908 people and 4 s
 * for their 222,599 households on the bench database; nothing on a new installation), people by household and
 * households by area, the order the pages read them in.
 */
export class RegistryHotUpdates1797600000000 implements MigrationInterface {
  name = 'RegistryHotUpdates1797600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry.individual SET (fillfactor = 50)`);
    await q.query(`ALTER TABLE registry.household SET (fillfactor = 50)`);
    await q.query(`CLUSTER registry.individual USING individual_household_idx`);
    await q.query(`CLUSTER registry.household USING household_area_path_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry.household SET WITHOUT CLUSTER`);
    await q.query(`ALTER TABLE registry.individual SET WITHOUT CLUSTER`);
    await q.query(`ALTER TABLE registry.household RESET (fillfactor)`);
    await q.query(`ALTER TABLE registry.individual RESET (fillfactor)`);
  }
}
