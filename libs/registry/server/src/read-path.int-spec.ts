import { getDataSourceToken } from '@nestjs/typeorm';
import { applyAreaScope, coreDefinition, fastMany } from '@coremis/core';
import { startTestApi, type TestApi } from '@coremis/core/testing';
import { AdminArea, AdminLevel, geoDefinition } from '@coremis/geo';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Household } from './entities/household.entity';
import { IndividualDocument } from './entities/individual-document.entity';
import { Individual } from './entities/individual.entity';
import { Membership } from './entities/membership.entity';
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
