import type { MigrationInterface, QueryRunner } from 'typeorm';
import { bulkIndexesDropFunction } from './1797100000000-registry-bulk-indexes';

const ALL_TABLES = `ARRAY['household', 'individual', 'membership', 'individual_document']`;

/**
 * A bulk update of one table (the grm module's file changing every person's occupation) rebuilds only that table's
 * indexes: `registry.bulk_indexes_drop(tables)` drops the listed non-unique indexes of the named tables. The first
 * function keeps its contract (every registry table, for a first import) and now calls this one.
 */
export class RegistryBulkIndexesPerTable1797200000000 implements MigrationInterface {
  name = 'RegistryBulkIndexesPerTable1797200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(bulkIndexesDropFunction('registry.bulk_indexes_drop(tables text[])', 'AND t.relname = ANY(tables)'));
    await q.query(`REVOKE ALL ON FUNCTION registry.bulk_indexes_drop(text[]) FROM PUBLIC`);
    await q.query(`DROP FUNCTION registry.bulk_indexes_drop()`);
    await q.query(
      `CREATE FUNCTION registry.bulk_indexes_drop() RETURNS SETOF text
         LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ SELECT registry.bulk_indexes_drop(${ALL_TABLES}) $$`,
    );
    await q.query(`REVOKE ALL ON FUNCTION registry.bulk_indexes_drop() FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION registry.bulk_indexes_drop()`);
    await q.query(bulkIndexesDropFunction('registry.bulk_indexes_drop()', ''));
    await q.query(`REVOKE ALL ON FUNCTION registry.bulk_indexes_drop() FROM PUBLIC`);
    await q.query(`DROP FUNCTION registry.bulk_indexes_drop(text[])`);
  }
}
