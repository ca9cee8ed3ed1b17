import { getDataSourceToken } from '@nestjs/typeorm';
import { applyAreaScope, coreDefinition, fastMany } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { AdminArea, AdminLevel, geoDefinition } from '@coremis/geo';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Household } from './entities/household.entity';
import { IndividualDocument } from './entities/individual-document.entity';
import { Individual } from './entities/individual.entity';
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
