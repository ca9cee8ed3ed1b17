import { type Actor, coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { DataSource } from 'typeorm';
import { registryDefinition } from '../registry.definition';
import { CandidateMatchService } from './candidate-match.service';
import { DuplicateDetectionService } from './duplicate-detection.service';

// People outside the synthetic generator's name pool (the demo registry cannot pair with them).
describe('registry candidate match (people not registered yet)', () => {
  let api: TestApi;
  let service: CandidateMatchService;
  let zawadi: string, teodora: string, teodoraHousehold: string;
  let village1: string, village2: string;

  const register = async (village: string, given: string, family: string, sex: string, birth: string, phones: string[] = [], document?: string) => {
    const [area] = await sql<{ id: string; path: string }>(api.databaseUrl, 'SELECT id, path FROM geo.admin_area WHERE code = $1', [village]);
    const [{ id: householdId }] = await sql<{ id: string }>(api.databaseUrl, `INSERT INTO registry.household (code, area_id, area_path) VALUES ($1, $2, $3) RETURNING id`, [`CM-${given}-${birth}`, area.id, area.path]);
    const [{ id }] = await sql<{ id: string }>(
      api.databaseUrl,
      `INSERT INTO registry.individual (given_name, family_name, sex, birth_date, phones, household_id, relationship, area_path) VALUES ($1, $2, $3, $4, $5, $6, 'HEAD', $7) RETURNING id`,
      [given, family, sex, birth, phones, householdId, area.path],
    );
    if (document) await sql(api.databaseUrl, `INSERT INTO registry.individual_document (individual_id, type, number) VALUES ($1, 'NATIONAL_ID', $2)`, [id, document]);
    return { id, householdId, path: area.path };
  };

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition], { DEMO_DATA: 'true' });
    service = api.app.get(CandidateMatchService);
    const z = await register('DL-01-01-001', 'Zawadi', 'Achieng', 'F', '1990-05-12', ['+255799000001']);
    const t = await register('DL-02-01-001', 'Teodora', 'Nkemelu', 'F', '1985-03-03', [], 'CM-NID-77');
    [zawadi, teodora, teodoraHousehold, village1, village2] = [z.id, t.id, t.householdId, z.path, t.path];
    // a given and a family name a dozen people hold, beside names one person holds
    for (const [i, other] of ['Adongo', 'Akello', 'Amollo', 'Anyango', 'Apiyo', 'Aoko', 'Auma', 'Awino', 'Ayoo', 'Nekoye', 'Khisa', 'Nabwire'].entries()) {
      await register('DL-03-01-001', 'Wekesa', other, 'M', `${1940 + i}-01-15`);
      await register('DL-03-01-001', other, 'Simiyu', 'M', `${1941 + i}-06-20`);
    }
    await register('DL-03-01-002', 'Wekesa', 'Simiyu', 'M', '1979-09-09');
    await register('DL-03-01-002', 'Nyawira', 'Gitonga', 'F', '1979-09-09');
    // the model the registry estimates in its registry-wide run (the default one scores an exact re-registration below the threshold)
    await api.app.get(DuplicateDetectionService).detectAll();
  }, 120_000);

  afterAll(() => api?.stop());

  const candidates = async () => (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM registry.duplicate_candidate'))[0].n;

  const restrictedTo = (path: string): Actor => ({ userId: 'x', username: 'x', sessionId: null, roles: [], permissions: new Set(), areaPaths: [path] });

  it('finds a registered person under swapped names with the model\'s score and per-field contributions, and leaves other people alone', async () => {
    const found = await service.match(
      [
        { key: 'swapped', givenName: 'Achieng', familyName: 'ZAWADI', sex: 'F', birthDate: '1990-05-12', areaPath: village1 },
        { key: 'younger', givenName: 'Zawadi', familyName: 'Achieng', sex: 'F', birthDate: '2010-11-02', areaPath: village1 },
        { key: 'stranger', givenName: 'Ignatius', familyName: 'Obuya', sex: 'M', birthDate: '1950-02-02', areaPath: village1 },
        { key: 'no name', givenName: '', familyName: 'Achieng', birthDate: '1990-05-12' },
      ],
      { actor: null },
    );
    expect(found.map((c) => [c.key, c.individualId])).toEqual([['swapped', zawadi]]);
    const [match] = found;
    expect(match.score).toBeGreaterThanOrEqual(0.8);
    expect(match.modelVersion).toEqual(expect.any(Number));
    expect(match.matched).toEqual(expect.arrayContaining(['name', 'birthDate', 'sex', 'area']));
    expect(match.contributions.map((c) => c.field)).toEqual(['givenName', 'familyName', 'birthDate', 'sex', 'phone', 'document', 'place']);
    expect(match.contributions.find((c) => c.field === 'birthDate')).toMatchObject({ level: 'exact' });
    expect(match.contributions.find((c) => c.field === 'phone')).toMatchObject({ level: 'missing', weight: 0 });
    expect(match.matchWeight).toBeCloseTo(match.contributions.reduce((s, c) => s + c.weight, 0), 1);
  });

  it('blocks on a shared document number or phone, respects the area scope, and skips the household the person already belongs to', async () => {
    const moved = { key: 'moved', givenName: 'Teodora', familyName: 'Nkemelu', sex: 'F', birthDate: '1985-03-03', areaPath: village1, documents: ['CM-NID-77'] };
    const everywhere = await service.match([moved], { actor: null });
    expect(everywhere).toHaveLength(1);
    expect(everywhere[0]).toMatchObject({ individualId: teodora, householdId: teodoraHousehold });
    expect(everywhere[0].matched).toEqual(expect.arrayContaining(['document', 'name', 'birthDate']));
    // a restricted caller does not learn about people outside their areas
    expect(await service.match([moved], { actor: restrictedTo(village1) })).toEqual([]);
    expect(await service.match([moved], { actor: restrictedTo(village2) })).toHaveLength(1);
    expect(await service.match([{ ...moved, householdId: teodoraHousehold }], { actor: null })).toEqual([]);
    // a phone alone is a blocking key
    const byPhone = await service.match([{ key: 'phone', givenName: 'Zawadi', familyName: 'Achieng', sex: 'F', birthDate: null, phones: ['+255799000001'] }], { actor: null });
    expect(byPhone.map((c) => c.individualId)).toEqual([zawadi]);
  });

  it('weighs an exact match on a common name less than on a rare one (the name frequencies of the registry-wide run)', async () => {
    const found = await service.match(
      [
        { key: 'common', givenName: 'Wekesa', familyName: 'Simiyu', sex: 'M', birthDate: '1979-09-09', areaPath: village1 },
        { key: 'rare', givenName: 'Nyawira', familyName: 'Gitonga', sex: 'F', birthDate: '1979-09-09', areaPath: village1 },
      ],
      { actor: null, threshold: 0.7 },
    );
    const common = found.find((c) => c.key === 'common')!;
    const rare = found.find((c) => c.key === 'rare')!;
    expect(common).toBeDefined();
    expect(rare).toBeDefined();
    const weight = (c: typeof common, field: string) => c.contributions.find((x) => x.field === field)!.weight;
    // thirteen people hold each common name, one person each rare one: log2(13/2) ≈ 2.7 bits apart per name
    expect(weight(rare, 'givenName') - weight(common, 'givenName')).toBeCloseTo(Math.log2(13 / 2), 1);
    expect(weight(rare, 'familyName') - weight(common, 'familyName')).toBeCloseTo(Math.log2(13 / 2), 1);
    expect(rare.matchWeight).toBeGreaterThan(common.matchWeight + 5);
    expect(rare.matchWeight).toBeCloseTo(rare.contributions.reduce((s, c) => s + c.weight, 0), 1);
  });

  it('runs twice in the caller\'s transaction (its temporary tables are dropped) and writes no candidate', async () => {
    const person = { key: 'p', givenName: 'Zawadi', familyName: 'Achieng', sex: 'F', birthDate: '1990-05-12', areaPath: village1 };
    const before = await candidates();
    await api.app.get(DataSource).transaction(async (em) => {
      expect(await service.match([person], { em, actor: null })).toHaveLength(1);
      expect(await service.match([person], { em, actor: null })).toHaveLength(1);
    });
    expect(await candidates()).toBe(before);
  });
});
