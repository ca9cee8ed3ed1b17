import { randomBytes } from 'node:crypto';
import { coreDefinition, runMigrations } from '@coremis/core';
import { createTestDatabase, databaseUrlAs, sql, TEST_DATABASE_ADMIN_URL, type TestDatabase } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { Client } from 'pg';
import { registryDefinition } from '../registry.definition';

/** Runs statements in one transaction on one connection; the last statement's rows. */
async function inTransaction(url: string, statements: string[]): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    let rows: unknown[] = [];
    for (const statement of statements) rows = (await client.query(statement)).rows;
    await client.query('COMMIT');
    return rows;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

// the import's bulk path under the recommended split: migrations as the owner, the application as a plain role
describe('bulk index drop and rebuild by the application role', () => {
  const appRole = `coremis_app_${randomBytes(5).toString('hex')}`;
  const otherRole = `coremis_other_${randomBytes(5).toString('hex')}`;
  const ownerRole = `coremis_owner_${randomBytes(5).toString('hex')}`;
  let database: TestDatabase;
  let appUrl: string;
  const indexes = async () =>
    sql<{ name: string; def: string; oid: number }>(database.url, `SELECT indexname AS name, indexdef AS def, format('%I.%I', schemaname, indexname)::regclass::oid::int AS oid FROM pg_indexes WHERE schemaname = 'registry' ORDER BY 1`);

  beforeAll(async () => {
    database = await createTestDatabase();
    await sql(database.url, `CREATE ROLE ${appRole} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB`);
    await sql(database.url, `CREATE ROLE ${otherRole} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB`);
    // migrations as a plain owner (README: CREATEROLE, owns the database), not a superuser, who may drop anything
    await sql(database.url, `CREATE ROLE ${ownerRole} LOGIN CREATEROLE NOSUPERUSER`);
    await sql(database.url, `ALTER DATABASE "${database.name}" OWNER TO ${ownerRole}`);
    await runMigrations(databaseUrlAs(database.url, ownerRole), [coreDefinition, geoDefinition, registryDefinition], undefined, { applicationRole: appRole });
    appUrl = databaseUrlAs(database.url, appRole);
  }, 120_000);

  afterAll(async () => {
    await database?.drop();
    await sql(TEST_DATABASE_ADMIN_URL, `DROP ROLE IF EXISTS ${appRole}`);
    await sql(TEST_DATABASE_ADMIN_URL, `DROP ROLE IF EXISTS ${otherRole}`);
    await sql(TEST_DATABASE_ADMIN_URL, `DROP ROLE IF EXISTS ${ownerRole}`);
  });

  it('may not drop an index itself, but drops the listed non-unique ones through the function and rebuilds each the same', async () => {
    await expect(sql(appUrl, 'DROP INDEX registry.individual_given_idx')).rejects.toThrow(/must be owner/);
    const before = await indexes();
    const dropped = (await inTransaction(appUrl, ['SELECT registry.bulk_indexes_drop() AS name']).catch((error: Error) => error)) as Error;
    // dropped and not rebuilt: the commit is refused and the indexes are back
    expect(dropped).toBeInstanceOf(Error);
    expect(dropped.message).toMatch(/was dropped for a bulk write and not rebuilt/);
    expect(await indexes()).toEqual(before);

    const client = new Client({ connectionString: appUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      const rows = (await client.query<{ name: string }>('SELECT registry.bulk_indexes_drop() AS name')).rows.map((r) => r.name);
      expect(rows).toEqual(expect.arrayContaining(['individual_given_idx', 'individual_phones_idx', 'household_area_path_idx', 'membership_household_idx', 'individual_document_individual_idx']));
      expect(rows).toHaveLength(14);
      const inside = (await client.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'registry'`)).rows.map((r) => r.name);
      expect(inside).not.toContain('individual_given_idx');
      // unique indexes stay: they guard the data the import writes
      expect(inside).toEqual(expect.arrayContaining(['individual_pkey', 'individual_external_id_key']));
      // only what this transaction dropped can be restored
      expect((await client.query(`SELECT registry.bulk_index_restore('individual_pkey') AS ok`)).rows).toEqual([{ ok: false }]);
      for (const name of rows) expect((await client.query('SELECT registry.bulk_index_restore($1) AS ok', [name])).rows).toEqual([{ ok: true }]);
      await client.query('COMMIT');
      const after = await indexes();
      expect(after.map(({ name, def }) => ({ name, def }))).toEqual(before.map(({ name, def }) => ({ name, def })));
      // rebuilt, not left alone
      const oid = (list: typeof before, name: string) => list.find((i) => i.name === name)!.oid;
      expect(oid(after, 'individual_given_idx')).not.toBe(oid(before, 'individual_given_idx'));
      expect(oid(after, 'individual_pkey')).toBe(oid(before, 'individual_pkey'));
    } finally {
      await client.end();
    }
  });

  it('drops only the named tables\' indexes for a bulk write to one table', async () => {
    const client = new Client({ connectionString: appUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      const dropped = (await client.query<{ name: string }>(`SELECT registry.bulk_indexes_drop(ARRAY['household']) AS name`)).rows.map((r) => r.name);
      expect(dropped.sort()).toEqual(['household_area_path_idx', 'household_code_prefix_idx', 'household_extra_idx']);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });

  it('runs the upkeep after a large batch (GIN pending lists, statistics) that the role could not run itself', async () => {
    const analysed = async () => (await sql<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM pg_stat_user_tables WHERE schemaname = 'registry' AND relname IN ('household', 'individual', 'individual_document', 'membership') AND last_analyze IS NOT NULL`))[0].n;
    const before = await analysed();
    await expect(sql(appUrl, `SELECT gin_clean_pending_list('registry.individual_phones_idx'::regclass)`)).rejects.toThrow(/must be owner/);
    await sql(appUrl, 'SELECT registry.bulk_upkeep()');
    // the statistics collector reports asynchronously
    for (let i = 0; i < 50 && (await analysed()) < 4; i++) await new Promise((r) => setTimeout(r, 100));
    expect(before).toBeLessThan(4);
    expect(await analysed()).toBe(4);
  });

  it('leaves alone the indexes of a table the migrating role does not own (they are maintained row by row)', async () => {
    await sql(database.url, `ALTER TABLE registry.membership OWNER TO ${otherRole}`);
    const client = new Client({ connectionString: appUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      const dropped = (await client.query<{ name: string }>('SELECT registry.bulk_indexes_drop() AS name')).rows.map((r) => r.name);
      expect(dropped).toContain('individual_given_idx');
      expect(dropped).not.toContain('membership_household_idx');
      await client.query('ROLLBACK');
    } finally {
      await client.end();
      await sql(database.url, `ALTER TABLE registry.membership OWNER TO ${ownerRole}`);
    }
  });

  it('is not open to other roles', async () => {
    await sql(database.url, `GRANT USAGE ON SCHEMA registry TO ${otherRole}`);
    await expect(sql(databaseUrlAs(database.url, otherRole), 'SELECT registry.bulk_indexes_drop()')).rejects.toThrow(/permission denied for function/);
    await expect(sql(databaseUrlAs(database.url, otherRole), `SELECT registry.bulk_indexes_drop(ARRAY['individual'])`)).rejects.toThrow(/permission denied for function/);
    await expect(sql(databaseUrlAs(database.url, otherRole), `SELECT registry.bulk_index_restore('individual_given_idx')`)).rejects.toThrow(/permission denied for function/);
    await expect(sql(databaseUrlAs(database.url, otherRole), 'SELECT registry.bulk_upkeep()')).rejects.toThrow(/permission denied for function/);
  });
});
