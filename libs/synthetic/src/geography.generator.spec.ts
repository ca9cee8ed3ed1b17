import { generateGeography, geographyShapeFor, geographyToCsv } from './geography.generator';

describe('generateGeography', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateGeography({ seed: 7 })).toEqual(generateGeography({ seed: 7 }));
    expect(generateGeography({ seed: 7 }).areas[10].nameEn).not.toEqual(generateGeography({ seed: 8 }).areas[10].nameEn);
  });

  it('builds a consistent tree of the requested shape', () => {
    const { levels, areas } = generateGeography({ provinces: 3, districtsPerProvince: 2, villagesPerDistrict: 5 });
    expect(areas).toHaveLength(1 + 3 + 6 + 30);
    const byCode = new Map(areas.map((a) => [a.code, a]));
    expect(byCode.size).toBe(areas.length);
    const depth = new Map(levels.map((l) => [l.code, l.depth]));
    for (const area of areas.filter((a) => a.parentCode)) {
      const parent = byCode.get(area.parentCode!)!;
      expect(depth.get(parent.level)).toBe(depth.get(area.level)! - 1);
      const [minLon, minLat, maxLon, maxLat] = area.bbox;
      expect(minLon).toBeGreaterThanOrEqual(parent.bbox[0]);
      expect(maxLat).toBeLessThanOrEqual(parent.bbox[3] + 1e-9);
      expect(minLat).toBeLessThan(maxLat);
      expect(minLon).toBeLessThan(maxLon);
    }
  });

  it('keeps the demo geography by default: 1 country, 5 provinces, 20 districts, 160 villages', () => {
    const { areas } = generateGeography();
    const count = (level: string) => areas.filter((a) => a.level === level).length;
    expect([count('country'), count('province'), count('district'), count('village')]).toEqual([1, 5, 20, 160]);
  });

  it('sizes the hierarchy for a population: a few thousand villages at 1,000,000 people, small sizes stay small', () => {
    const villagesFor = (individuals: number) => generateGeography({ individuals }).areas.filter((a) => a.level === 'village');
    expect(villagesFor(10_000)).toHaveLength(160);
    expect(villagesFor(100_000).length).toBeLessThan(500);
    const national = generateGeography({ individuals: 1_000_000 }).areas;
    const villages = national.filter((a) => a.level === 'village');
    expect(villages.length).toBeGreaterThanOrEqual(2000);
    expect(villages.length).toBeLessThanOrEqual(4000);
    expect(new Set(national.map((a) => a.code)).size).toBe(national.length);
    expect(new Set(national.map((a) => a.nameEn)).size).toBe(national.length);
    // explicit counts still win over the population
    expect(generateGeography({ individuals: 1_000_000, provinces: 2, districtsPerProvince: 1, villagesPerDistrict: 3 }).areas).toHaveLength(1 + 2 + 2 + 6);
    expect(geographyShapeFor(1_000_000)).toEqual({ provinces: 5, districtsPerProvince: 12, villagesPerDistrict: 51 });
  });

  it('writes the geo import CSV, quoting names that need it', () => {
    const csv = geographyToCsv([{ level: 'country', code: 'CI', parentCode: null, nameEn: 'Côte d"Ivoire, Rep.', nameFr: 'Côte', namePt: 'Costa', bbox: [0, 0, 1, 1] }]);
    expect(csv).toBe('level,code,parent_code,name_en,name_fr,name_pt\ncountry,CI,,"Côte d""Ivoire, Rep.",Côte,Costa\n');
  });
});
