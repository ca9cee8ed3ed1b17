import { generateGeography, geographyToCsv } from './geography.generator';

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

  it('writes the geo import CSV, quoting names that need it', () => {
    const csv = geographyToCsv([{ level: 'country', code: 'CI', parentCode: null, nameEn: 'Côte d"Ivoire, Rep.', nameFr: 'Côte', namePt: 'Costa', bbox: [0, 0, 1, 1] }]);
    expect(csv).toBe('level,code,parent_code,name_en,name_fr,name_pt\ncountry,CI,,"Côte d""Ivoire, Rep.",Côte,Costa\n');
  });
});
