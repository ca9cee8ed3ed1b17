import { CORRUPTION_KINDS, corruptIndividual, keyboardTypo, LEGACY_KINDS, nameVariant, ocrError, phoneticRespelling, type CorruptionKind } from './corruption';
import { generateGeography } from './geography.generator';
import { generatePopulation } from './population.generator';
import { SeededRandom } from './random';

describe('corruption model', () => {
  const villages = generateGeography().areas.filter((a) => a.level === 'village');
  const households = [...generatePopulation({ seed: 7, individuals: 4000, villages, duplicateRate: 0 })];
  const corruptAll = (seed: number, kinds?: readonly CorruptionKind[]) => {
    const random = new SeededRandom(seed);
    return households.flatMap(({ household, members }) => members.map((m, i) => { const c = corruptIndividual(m, random, { household, villages, suffix: `D${i}` }, { kinds }); return { ...c, original: m, newHousehold: c.household, household }; }));
  };

  it('is deterministic for a seed', () => {
    expect(corruptAll(1).slice(0, 200)).toEqual(corruptAll(1).slice(0, 200));
    expect(corruptAll(1).slice(0, 200)).not.toEqual(corruptAll(2).slice(0, 200));
  });

  it('labels every duplicate with the kinds applied, covering every kind and keeping the six original ones', () => {
    const all = corruptAll(3);
    const seen = new Set(all.flatMap((r) => r.kinds));
    expect([...seen].sort()).toEqual([...CORRUPTION_KINDS].sort());
    expect(LEGACY_KINDS.every((k) => CORRUPTION_KINDS.includes(k))).toBe(true);
    expect(all.every((r) => r.kinds.length >= 1 && r.truth.noise === r.kinds.join('+'))).toBe(true);
    expect(all.some((r) => r.kinds.length === 2)).toBe(true);
  });

  it('changes what each kind says it changes, and nothing that makes the record invalid', () => {
    for (const r of corruptAll(4)) {
      const [kind] = r.kinds;
      const { row, original } = r;
      expect(row.givenName.trim()).not.toBe('');
      expect(row.familyName.trim()).not.toBe('');
      if (row.birthDate) expect(new Date(`${row.birthDate}T00:00:00Z`).toISOString().slice(0, 10)).toBe(row.birthDate);
      if (r.kinds.length > 1) continue;
      switch (kind) {
        case 'swapped':
          expect([row.givenName, row.familyName]).toEqual([original.familyName, original.givenName]);
          break;
        case 'birthMissing':
          expect(row.birthDate).toBe('');
          break;
        case 'birthYearOnly':
          expect(row.birthDate.slice(0, 4)).toBe(original.birthDate.slice(0, 4));
          expect(row.birthDate.slice(5)).toMatch(/^(01|07)-01$/);
          break;
        case 'birthDayMonthSwapped':
          expect(row.birthDate).toBe(`${original.birthDate.slice(0, 4)}-${original.birthDate.slice(8)}-${original.birthDate.slice(5, 7)}`);
          break;
        case 'otherHousehold':
          expect(r.newHousehold!.areaCode).toBe(r.household.areaCode);
          expect(row.householdCode).not.toBe(original.householdCode);
          expect(row.relationship).toBe('HEAD');
          break;
        case 'newDocument':
          expect(row.documentNumber).not.toBe('');
          expect(row.documentNumber).not.toBe(original.documentNumber);
          break;
        case 'phoneMissing':
          expect(row.phone).toBe('');
          break;
        case 'birthDigitTypo':
          expect(row.birthDate).not.toBe(original.birthDate);
          break;
        default:
          if (!['phoneChanged', 'newDocument', 'samePhone', 'birthDay', 'birthYear', 'areaOther', 'areaNeighbour'].includes(kind)) expect(`${row.givenName} ${row.familyName}`).not.toBe(`${original.givenName} ${original.familyName}`);
      }
    }
  });

  it('moves area errors to a new household in another village, a neighbour for areaNeighbour', () => {
    for (const r of corruptAll(5, ['areaNeighbour', 'areaOther'])) {
      expect(r.newHousehold).not.toBeNull();
      expect(r.newHousehold!.areaCode).not.toBe(r.household.areaCode);
      expect(r.row.householdCode).toBe(r.newHousehold!.code);
      if (r.kinds[0] === 'areaNeighbour') {
        const home = villages.find((v) => v.code === r.household.areaCode)!;
        expect(villages.find((v) => v.code === r.newHousehold!.areaCode)!.parentCode).toBe(home.parentCode);
      }
    }
  });

  it('types keyboard neighbours, OCR confusions, phonetic respellings and known name variants', () => {
    const random = new SeededRandom(9);
    const typos = Array.from({ length: 50 }, () => keyboardTypo('Abubakar', random));
    expect(typos.every((t) => t !== 'Abubakar' && Math.abs(t.length - 8) <= 1 && t[0] === 'A')).toBe(true);
    expect(ocrError('Kamara', new SeededRandom(1))).toMatch(/^K/);
    expect(ocrError('Kamara', new SeededRandom(1))).not.toBe('Kamara');
    expect(phoneticRespelling('Youssouf', new SeededRandom(3))).not.toBe('Youssouf');
    expect(['Muhammad', 'Mohamed', 'Mamadou', 'Mahamat']).toContain(nameVariant('Mohammed', new SeededRandom(1)));
    expect(nameVariant('John', new SeededRandom(2))).toBeTruthy();
    expect(nameVariant('Unknownname', new SeededRandom(2))).toBeNull();
  });
});
