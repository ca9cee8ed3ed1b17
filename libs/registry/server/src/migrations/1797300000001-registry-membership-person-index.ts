import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's membership periods, past and current (the person page, a merge of duplicates, the person's payments),
 * were read with a scan of every membership: only open periods were indexed by person (the unique
 * `membership_open_idx`). 837 ms for one person at 1,019,908 memberships (EXPLAIN ANALYZE on the bench database, a
 * parallel sequential scan). The ended periods get their own partial index, so the two together answer
 * `(individual_id = $1 AND ended_at IS NULL) OR (individual_id = $1 AND ended_at IS NOT NULL)` with a bitmap OR
 * (0.77 ms). An import writes only open periods: this index costs it nothing (a full index on the person would
 * have added 2.7 s of rebuild to a first import of 1,000,000 people).
 */
export class RegistryMembershipPersonIndex1797300000001 implements MigrationInterface {
  name = 'RegistryMembershipPersonIndex1797300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX membership_individual_past_idx ON registry.membership (individual_id, started_at) WHERE ended_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX registry.membership_individual_past_idx`);
  }
}
