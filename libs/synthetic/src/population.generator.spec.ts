import { generateGeography } from './geography.generator';
import { generatePopulation } from './population.generator';

describe('generatePopulation', () => {
  const villages = generateGeography().areas.filter((a) => a.level === 'village');
  const collect = (seed: number, individuals: number) => [...generatePopulation({ seed, individuals, villages })];

  it('produces exactly the requested number of individuals, deterministically', () => {
    const a = collect(1, 5000);
    expect(a.reduce((n, h) => n + h.members.length, 0)).toBe(5000);
    expect(collect(1, 5000)).toEqual(a);
  });

  it('follows a low-income-country household profile with one head each', () => {
    const households = collect(2, 20000);
    const mean = 20000 / households.length;
    expect(mean).toBeGreaterThan(4);
    expect(mean).toBeLessThan(5);
    expect(households.every((h) => h.members.filter((m) => m.relationship === 'HEAD').length === 1)).toBe(true);
    const children = households.flatMap((h) => h.members).filter((m) => 2026 - Number(m.birthDate.slice(0, 4)) < 18).length;
    expect(children / 20000).toBeGreaterThan(0.35);
  });

  it('injects noisy duplicates with their truth and keeps GPS points inside the village', () => {
    const households = collect(3, 20000);
    const duplicates = households.flatMap((h) => h.duplicates);
    expect(duplicates.length / 20000).toBeGreaterThan(0.01);
    expect(new Set(duplicates.map((d) => d.truth.noise)).size).toBeGreaterThanOrEqual(5);
    // document numbers are unique per type in the registry: a duplicate registration carries none,
    // but keeps the phone of the person it copies
    const people = new Map(households.flatMap((h) => h.members).map((m) => [m.externalId, m]));
    for (const { row, truth } of duplicates) {
      expect(row).toMatchObject({ documentType: '', documentNumber: '', phone: people.get(truth.original)!.phone });
    }
    expect(duplicates.some((d) => d.row.phone !== '')).toBe(true);
    const byCode = new Map(villages.map((v) => [v.code, v]));
    for (const { household } of households.slice(0, 500)) {
      const [minLon, minLat, maxLon, maxLat] = byCode.get(household.areaCode)!.bbox;
      expect(household.longitude).toBeGreaterThanOrEqual(minLon);
      expect(household.latitude).toBeLessThanOrEqual(maxLat);
      expect(household.latitude).toBeGreaterThanOrEqual(minLat);
      expect(household.longitude).toBeLessThanOrEqual(maxLon);
    }
  });

  it('draws diverse names with the same draws as the compact ones, so the rest of the population does not change', () => {
    const compact = collect(4, 20000);
    const diverse = [...generatePopulation({ seed: 4, individuals: 20000, villages, names: 'diverse' })];
    expect(diverse.map((h) => h.household)).toEqual(compact.map((h) => h.household));
    const strip = (m: { givenName: string; familyName: string }) => ({ ...m, givenName: '', familyName: '' });
    expect(diverse.flatMap((h) => h.members.map(strip))).toEqual(compact.flatMap((h) => h.members.map(strip)));
    const people = diverse.flatMap((h) => h.members);
    const families = new Map<string, number>();
    for (const p of people) families.set(p.familyName, (families.get(p.familyName) ?? 0) + 1);
    // hundreds of family names, the commonest a few percent of the people, not 1 in 25
    expect(families.size).toBeGreaterThan(1000);
    expect(Math.max(...families.values()) / people.length).toBeLessThan(0.06);
    expect(new Set(people.map((p) => p.givenName)).size).toBeGreaterThan(500);
    expect(new Set(compact.flatMap((h) => h.members.map((m) => m.givenName))).size).toBeLessThanOrEqual(40);
  });

  it('gives some children a twin in their household: same birth date and family name, another given name', () => {
    const households = [...generatePopulation({ seed: 5, individuals: 50000, villages, names: 'diverse', twinRate: 0.017 })];
    const people = new Map(households.flatMap((h) => h.members).map((m) => [m.externalId, { ...m }]));
    const twins = households.flatMap((h) => h.twins);
    const children = [...people.values()].filter((m) => m.relationship === 'SON' || m.relationship === 'DAUGHTER').length;
    expect(twins.length / children).toBeGreaterThan(0.008);
    expect(twins.length / children).toBeLessThan(0.03);
    for (const { first, second } of twins) {
      const [a, b] = [people.get(first)!, people.get(second)!];
      expect(b).toMatchObject({ householdCode: a.householdCode, birthDate: a.birthDate, familyName: a.familyName });
      expect(b.givenName).not.toBe(a.givenName);
      expect(b.documentNumber).not.toBe(a.documentNumber);
    }
    expect(twins.some(({ first, second }) => people.get(first)!.sex === people.get(second)!.sex)).toBe(true);
    expect(twins.some(({ first, second }) => people.get(first)!.sex !== people.get(second)!.sex)).toBe(true);
    expect(collect(5, 5000).every((h) => h.twins.length === 0)).toBe(true);
  });
});
