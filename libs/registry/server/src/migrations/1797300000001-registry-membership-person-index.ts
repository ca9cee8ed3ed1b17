import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BULK_DROPPABLE_INDEXES, bulkIndexesDropFunction } from './1797100000000-registry-bulk-indexes';

const PERSON_INDEX = 'membership_individual_idx';

/**
 * A person's membership periods, past and current (the person page, a merge of duplicates), were read with a scan of
 * every membership: only open periods were indexed by person (the unique `membership_open_idx`). 837 ms for one
 * person at 1,019,908 memberships (EXPLAIN ANALYZE on the bench database, a parallel sequential scan); an index on
 * (individual_id, started_at) answers it from a few entries. A first import drops and rebuilds it with the others:
 * the bulk drop function's list gains it.
 */
export class RegistryMembershipPersonIndex1797300000001 implements MigrationInterface {
  name = 'RegistryMembershipPersonIndex1797300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ${PERSON_INDEX} ON registry.membership (individual_id, started_at)`);
    await q.query(bulkIndexesDropFunction('registry.bulk_indexes_drop(tables text[])', 'AND t.relname = ANY(tables)', [...BULK_DROPPABLE_INDEXES, PERSON_INDEX]));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(bulkIndexesDropFunction('registry.bulk_indexes_drop(tables text[])', 'AND t.relname = ANY(tables)'));
    await q.query(`DROP INDEX registry.${PERSON_INDEX}`);
  }
}
