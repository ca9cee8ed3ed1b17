import { getDataSourceToken } from '@nestjs/typeorm';
import { applyAreaScope, coreDefinition, fastMany, type ReadSummary } from '@coremis/core';
import { recordSqlStatements, sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { AdminArea, AdminLevel, geoDefinition } from '@coremis/geo';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Household, HOUSEHOLD_SUMMARY } from './entities/household.entity';
import { IndividualDocument } from './entities/individual-document.entity';
import { Individual, INDIVIDUAL_SUMMARY } from './entities/individual.entity';
import { Membership } from './entities/membership.entity';
import { PERSON_PERIODS } from './individual.service';
import { registryDefinition } from './registry.definition';

// fastMany (docs/read-path.md) must give exactly what TypeORM's getMany gives: same rows, same
// property values and types (dates as 'YYYY-MM-DD', numeric transformers, jsonb, arrays), same class.
describe('read path: fastMany', () => {
  let api: TestApi;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition], { DEMO_DATA: 'true' });
    dataSource = api.app.get<DataSource>(getDataSourceToken());
  }, 240_000);

  afterAll(() => api?.stop());

  const same = async <T extends ObjectLiteral>(build: () => SelectQueryBuilder<T>, type: new () => T) => {
    const expected = await build().getMany();
    const actual = await fastMany(build());
    expect(expected.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
    for (const row of actual) expect(row).toBeInstanceOf(type);
    return actual;
  };

  it('maps households, people, documents, memberships, areas and levels as getMany does', async () => {
    const households = await same(() => dataSource.getRepository(Household).createQueryBuilder('h').orderBy('h.code').limit(60), Household);
    expect(households.some((h) => h.latitude !== null && typeof h.latitude === 'number')).toBe(true);
    expect(households.every((h) => /^\d{4}-\d{2}-\d{2}$/.test(h.registrationDate))).toBe(true);
    const people = await same(() => dataSource.getRepository(Individual).createQueryBuilder('i').addSelect(['i.familyNorm', 'i.givenNorm']).orderBy('i.id').limit(200), Individual);
    expect(people.some((p) => typeof p.birthDate === 'string')).toBe(true);
    await same(() => dataSource.getRepository(IndividualDocument).createQueryBuilder('d').orderBy('d.id').limit(200), IndividualDocument);
    await same(() => dataSource.getRepository(Membership).createQueryBuilder('m').orderBy('m.id').limit(200), Membership);
    await same(() => dataSource.getRepository(AdminArea).createQueryBuilder('area').orderBy('area.code'), AdminArea);
    await same(() => dataSource.getRepository(AdminLevel).createQueryBuilder('level'), AdminLevel);
  });

  it('keeps the area scope of the query it runs', async () => {
    const [area] = await dataSource.query(`SELECT path FROM geo.admin_area WHERE code = 'DL-01'`);
    const scoped = () => applyAreaScope(dataSource.getRepository(Household).createQueryBuilder('h'), 'h.area_path', { areaPaths: [area.path] } as never);
    const rows = await fastMany(scoped());
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((h) => h.areaPath.startsWith(area.path))).toBe(true);
    expect(rows.length).toBeLessThan((await dataSource.getRepository(Household).count()));
    const none = await fastMany(applyAreaScope(dataSource.getRepository(Household).createQueryBuilder('h'), 'h.area_path', { areaPaths: [] } as never));
    expect(none).toEqual([]);
  });
});

// A list page reads its entity's summary columns when the client asks for nothing else (docs/read-path.md, rule 6),
// and must answer exactly what a read of every column answers.
describe('read path: list pages read the summary columns', () => {
  let api: TestApi;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition], { DEMO_DATA: 'true', RESPONSE_CACHE_MB: '0' });
    dataSource = api.app.get<DataSource>(getDataSourceToken());
  }, 240_000);

  afterAll(() => api?.stop());

  const run = async <T,>(query: string) => {
    const recorder = recordSqlStatements();
    try {
      const result = await api.graphql<T>(query);
      expect(result.errors).toBeUndefined();
      return { data: result.data!, sql: recorder.statements };
    } finally {
      recorder.stop();
    }
  };
  const reads = (sql: string[], table: string) => sql.filter((s) => s.includes(`FROM "registry"."${table}"`));

  it('declares only columns of its entity, and fields of the GraphQL type that are not columns', async () => {
    const check = async (summary: ReadSummary, entity: typeof Household | typeof Individual, type: string) => {
      const columns = dataSource.getMetadata(entity).columns.map((c) => c.propertyName);
      expect(summary.columns.filter((c) => !columns.includes(c))).toEqual([]);
      expect(summary.columns).toContain('id');
      const { data } = await run<{ __type: { fields: { name: string }[] } }>(`{ __type(name: "${type}") { fields { name } } }`);
      const fields = data.__type.fields.map((f) => f.name);
      for (const [field, needs] of Object.entries(summary.fields ?? {})) {
        expect([field, fields.includes(field), columns.includes(field)]).toEqual([field, true, false]);
        expect(needs.filter((n) => !summary.columns.includes(n))).toEqual([]);
      }
    };
    await check(HOUSEHOLD_SUMMARY, Household, 'Household');
    await check(INDIVIDUAL_SUMMARY, Individual, 'Individual');
  });

  it('answers the household list from the summary columns as from every column; members, head and count in one statement, areas and ancestors in one', async () => {
    const page = (nodeExtra: string, memberExtra: string) =>
      `{ households(first: 40) { edges { node { id code status registrationDate ${nodeExtra} memberCount area { id code name ancestors { name } } memberships { id individualId } head { id givenName } members { id givenName familyName sex relationship birthDate ${memberExtra} } } } } }`;
    type Page = { households: { edges: { node: Record<string, unknown> & { members: Record<string, unknown>[] } }[] } };
    const summary = await run<Page>(page('', ''));
    const full = await run<Page>(page('address', 'occupation'));
    const [households] = reads(summary.sql, 'household');
    expect(households).toBeDefined();
    expect(households).not.toContain('"h"."extra"');
    expect(reads(full.sql, 'household')[0]).toContain('"h"."extra"');
    // members, head and memberCount share one loader, and it read no column outside the summary
    const members = reads(summary.sql, 'individual');
    expect(members).toHaveLength(1);
    expect(members[0]).not.toContain('"i"."extra"');
    expect(reads(full.sql, 'individual').some((s) => s.includes('"i"."extra"'))).toBe(true);
    // the households' areas and their ancestors (named by the households' paths) in one statement, memberships in one
    expect(summary.sql.filter((s) => s.includes('FROM "geo"."admin_area"'))).toHaveLength(1);
    expect(summary.sql.filter((s) => s.includes('FROM "registry"."membership"'))).toHaveLength(1);
    const strip = (p: Page) => p.households.edges.map(({ node: { address: _a, members, ...rest } }) => ({ ...rest, members: members.map(({ occupation: _o, ...m }) => m) }));
    expect(strip(summary.data)).toEqual(strip(full.data));
    expect(summary.data.households.edges.every((e) => e.node['area'] && (e.node['memberCount'] as number) > 0 && e.node['head'])).toBe(true);
  });

  it('answers the people list and their households from the summary columns as from every column', async () => {
    const page = (nodeExtra: string, householdExtra: string) =>
      `{ individuals(first: 40) { edges { node { id givenName familyName otherNames sex age birthDateEstimated status ${nodeExtra} documents { id type number } household { id code ${householdExtra} } } } } }`;
    type Page = { individuals: { edges: { node: Record<string, unknown> & { household: Record<string, unknown> | null } }[] } };
    const summary = await run<Page>(page('', ''));
    const full = await run<Page>(page('extra', 'extra'));
    expect(reads(summary.sql, 'individual').every((s) => !s.includes('"i"."extra"'))).toBe(true);
    expect(reads(summary.sql, 'household').every((s) => !s.includes('"h"."extra"'))).toBe(true);
    expect(reads(full.sql, 'household').some((s) => s.includes('"h"."extra"'))).toBe(true);
    const strip = (p: Page) => p.individuals.edges.map(({ node: { extra: _e, household, ...rest } }) => ({ ...rest, household: household && { id: household['id'], code: household['code'] } }));
    expect(strip(summary.data)).toEqual(strip(full.data));
    expect(summary.data.individuals.edges.some((e) => e.node['age'] !== null && e.node.household)).toBe(true);
  });
});

describe('read path: server-side sort of the registry lists', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition], { DEMO_DATA: 'true' });
  }, 240_000);

  afterAll(() => api?.stop());

  type Page = { edges: { node: { code?: string; id: string } }[]; pageInfo: { endCursor: string | null } };

  it('pages households by code descending with a keyset cursor bound to the sort', async () => {
    const query = 'query($after: String, $orderBy: HouseholdOrder) { households(first: 7, after: $after, orderBy: $orderBy) { edges { node { id code } } pageInfo { endCursor } } }';
    const orderBy = { field: 'CODE', direction: 'DESC' };
    const first = await api.graphql<{ households: Page }>(query, { orderBy });
    const second = await api.graphql<{ households: Page }>(query, { orderBy, after: first.data!.households.pageInfo.endCursor });
    const codes = [...first.data!.households.edges, ...second.data!.households.edges].map((e) => e.node.code!);
    const expected = (await sql<{ code: string }>(api.databaseUrl, `SELECT code FROM registry.household ORDER BY code DESC, id DESC LIMIT 14`)).map((r) => r.code);
    expect(codes).toEqual(expected);
    // a cursor of the default order is not a position in this one
    const plain = await api.graphql<{ households: Page }>(query, {});
    const mixed = await api.graphql(query, { orderBy, after: plain.data!.households.pageInfo.endCursor });
    expect(mixed.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('sorts people by given name both ways and refuses an unknown sort key', async () => {
    const query = 'query($orderBy: IndividualOrder) { individuals(first: 5, orderBy: $orderBy) { edges { node { id givenName } } } }';
    const up = await api.graphql<{ individuals: { edges: { node: { id: string } }[] } }>(query, { orderBy: { field: 'GIVEN_NAME' } });
    const down = await api.graphql<{ individuals: { edges: { node: { id: string } }[] } }>(query, { orderBy: { field: 'GIVEN_NAME', direction: 'DESC' } });
    const expectedUp = (await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM registry.individual WHERE status <> 'MERGED' ORDER BY given_norm, family_norm, id LIMIT 5`)).map((r) => r.id);
    const expectedDown = (await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM registry.individual WHERE status <> 'MERGED' ORDER BY given_norm DESC, family_norm DESC, id DESC LIMIT 5`)).map((r) => r.id);
    expect(up.data!.individuals.edges.map((e) => e.node.id)).toEqual(expectedUp);
    expect(down.data!.individuals.edges.map((e) => e.node.id)).toEqual(expectedDown);
    const bad = await api.graphql(query, { orderBy: { field: 'BIRTH_DATE' } });
    expect(bad.errors).toBeDefined();
  });

  it("limits a restricted caller's households by the area_path index, one range per area", async () => {
    const paths = (await sql<{ path: string }>(api.databaseUrl, `SELECT DISTINCT area_path AS path FROM registry.household ORDER BY 1 LIMIT 2`)).map((r) => r.path);
    expect(paths).toHaveLength(2);
    const dataSource = api.app.get<DataSource>(getDataSourceToken());
    const runner = dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      const query = applyAreaScope(dataSource.getRepository(Household).createQueryBuilder('h'), 'h.area_path', { areaPaths: paths } as Parameters<typeof applyAreaScope>[2]);
      const [text, params] = query.getQueryAndParameters();
      const [{ 'QUERY PLAN': plan }] = (await runner.query(`EXPLAIN (FORMAT JSON) ${text}`, params)) as { 'QUERY PLAN': unknown }[];
      // LIKE ANY(array) gives the index no range: it could only be read whole, with every row filtered
      expect(JSON.stringify(plan)).toContain('household_area_path_idx');
      expect(JSON.stringify(plan)).toContain('~>=~');
      const found = (await query.getMany()).map((h) => h.id).sort();
      const expected = (await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM registry.household WHERE left(area_path, length($1)) = $1 OR left(area_path, length($2)) = $2`, paths)).map((r) => r.id).sort();
      expect(found.length).toBeGreaterThan(0);
      expect(found).toEqual(expected);
      // two scopes on one query (two actors) keep their own parameters: disjoint areas leave nothing
      type ScopeActor = Parameters<typeof applyAreaScope>[2];
      const both = applyAreaScope(applyAreaScope(dataSource.getRepository(Household).createQueryBuilder('h'), 'h.area_path', { areaPaths: [paths[0]] } as ScopeActor), 'h.area_path', { areaPaths: [paths[1]] } as ScopeActor);
      expect(await both.getMany()).toEqual([]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it("finds a person's membership periods, open and ended, by index and never by a scan of every membership", async () => {
    const [person] = await sql<{ id: string }>(api.databaseUrl, 'SELECT individual_id AS id FROM registry.membership LIMIT 1');
    const dataSource = api.app.get<DataSource>(getDataSourceToken());
    const runner = dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      // sequential scans priced out: the plan still scans when no index can answer one of the two arms
      await runner.query('SET LOCAL enable_seqscan = off');
      const query = dataSource.getRepository(Membership).createQueryBuilder('m').where(PERSON_PERIODS, { individualId: person.id });
      const [text, params] = query.getQueryAndParameters();
      const [{ 'QUERY PLAN': plan }] = (await runner.query(`EXPLAIN (FORMAT JSON) ${text}`, params)) as { 'QUERY PLAN': unknown }[];
      expect(JSON.stringify(plan)).not.toContain('Seq Scan');
      expect(JSON.stringify(plan)).toContain('membership_individual_past_idx');
      expect((await query.getMany()).length).toBeGreaterThan(0);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
