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
});
