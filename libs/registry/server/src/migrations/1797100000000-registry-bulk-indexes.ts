import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Non-unique indexes nothing in an import reads while it writes: a first migration of a large batch drops them and
 * rebuilds each once before its commit (sorted builds instead of row-by-row maintenance). Unique indexes always stay.
 * Written into the function below: changing the list takes a new migration that replaces the function.
 */
export const BULK_DROPPABLE_INDEXES = [
  'household_area_path_idx',
  'household_code_prefix_idx',
  'household_extra_idx',
  'individual_household_idx',
  'individual_given_idx',
  'individual_family_idx',
  'individual_phones_idx',
  'individual_extra_idx',
  // the duplicate check reads these after the commit, when they are back
  'individual_dup_family_birth_idx',
  'individual_dup_given_birth_idx',
  'individual_dup_names_area_idx',
  'individual_import_job_idx',
  'membership_household_idx',
  'individual_document_individual_idx',
];

/** The drop function's statement; `tableCondition` narrows it to some tables (migration 1797200000000). */
export function bulkIndexesDropFunction(signature: string, tableCondition: string): string {
  return `CREATE OR REPLACE FUNCTION ${signature} RETURNS SETOF text
         LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
       DECLARE
         r record;
       BEGIN
         FOR r IN
           SELECT c.relname AS name, pg_get_indexdef(c.oid) AS definition
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_index x ON x.indexrelid = c.oid
             JOIN pg_class t ON t.oid = x.indrelid
            WHERE n.nspname = 'registry' AND c.relkind = 'i' AND NOT x.indisunique AND NOT x.indisprimary
              -- tables owned by another role (a deployment whose owner changed) keep their indexes, maintained row by row
              AND pg_has_role(t.relowner, 'USAGE')${tableCondition ? `\n              ${tableCondition}` : ''}
              AND c.relname = ANY(ARRAY[${BULK_DROPPABLE_INDEXES.map((n) => `'${n}'`).join(', ')}])
            ORDER BY c.relname
         LOOP
           INSERT INTO registry.bulk_index_pending (name, definition) VALUES (r.name, r.definition);
           EXECUTE format('DROP INDEX registry.%I', r.name);
           RETURN NEXT r.name;
         END LOOP;
       END $$`;
}

/**
 * Dropping an index needs its table's owner. Under the recommended split (migrations as the owner, the API and the
 * workers as a plain role) the import could not, and maintained eleven indexes row by row: 52.0 s against 41.8 s
 * for the same 1,000,000 people. Two SECURITY DEFINER functions, owned by the migrating role, do it for the import:
 * `registry.bulk_indexes_drop()` drops the listed indexes that exist (only these, never a unique one) and remembers
 * their definitions as the catalogue gives them; `registry.bulk_index_restore(name)` recreates one of them. A
 * deferred check refuses the commit of a transaction that dropped one and did not recreate it, so no role can leave
 * the registry without its indexes. `registry.bulk_upkeep()` does the owner's upkeep after a large batch. EXECUTE is revoked from PUBLIC; the application role is granted it with its
 * tables (`grantApplicationRole`).
 */
export class RegistryBulkIndexes1797100000000 implements MigrationInterface {
  name = 'RegistryBulkIndexes1797100000000';

  async up(q: QueryRunner): Promise<void> {
    // rows live only inside the transaction that dropped the indexes
    await q.query(`CREATE TABLE registry.bulk_index_pending (name text PRIMARY KEY, definition text NOT NULL)`);
    await q.query(bulkIndexesDropFunction('registry.bulk_indexes_drop()', ''));
    await q.query(
      `CREATE FUNCTION registry.bulk_index_restore(index_name text) RETURNS boolean
         LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
       DECLARE
         d text;
       BEGIN
         DELETE FROM registry.bulk_index_pending WHERE name = index_name RETURNING definition INTO d;
         IF d IS NULL THEN
           RETURN false;
         END IF;
         EXECUTE d;
         RETURN true;
       END $$`,
    );
    await q.query(
      `CREATE FUNCTION registry.bulk_index_pending_check() RETURNS trigger
         LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
       BEGIN
         IF EXISTS (SELECT 1 FROM registry.bulk_index_pending WHERE name = NEW.name) THEN
           RAISE EXCEPTION 'index registry.% was dropped for a bulk write and not rebuilt', NEW.name USING ERRCODE = 'P0001';
         END IF;
         RETURN NULL;
       END $$`,
    );
    await q.query(
      `CREATE CONSTRAINT TRIGGER bulk_index_pending_check AFTER INSERT ON registry.bulk_index_pending
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION registry.bulk_index_pending_check()`,
    );
    // after a large batch: the GIN pending lists merged now (not on the next search), fresh statistics (without them a
    // document-number lookup was planned as a parallel scan: 0.2-0.6 s at 1,000,000); both need the owner too
    await q.query(
      `CREATE FUNCTION registry.bulk_upkeep() RETURNS void
         LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
       BEGIN
         PERFORM gin_clean_pending_list(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam
           WHERE n.nspname = 'registry' AND c.relkind = 'i' AND a.amname = 'gin';
         ANALYZE registry.household, registry.individual, registry.individual_document, registry.membership;
       END $$`,
    );
    for (const fn of ['bulk_indexes_drop()', 'bulk_index_restore(text)', 'bulk_index_pending_check()', 'bulk_upkeep()']) await q.query(`REVOKE ALL ON FUNCTION registry.${fn} FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registry.bulk_index_pending`);
    await q.query(`DROP FUNCTION registry.bulk_index_pending_check()`);
    await q.query(`DROP FUNCTION registry.bulk_index_restore(text)`);
    await q.query(`DROP FUNCTION registry.bulk_indexes_drop()`);
    await q.query(`DROP FUNCTION registry.bulk_upkeep()`);
  }
}
