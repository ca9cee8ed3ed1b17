import { SeededRandom } from './random';

export interface SyntheticLevel {
  depth: number;
  code: string;
  nameEn: string;
  nameFr: string;
  namePt: string;
}

export interface SyntheticArea {
  level: string;
  code: string;
  parentCode: string | null;
  nameEn: string;
  nameFr: string;
  namePt: string;
  /** Bounding box, so later generators can place GPS points inside their area. */
  bbox: [minLon: number, minLat: number, maxLon: number, maxLat: number];
}

export interface GeographyOptions {
  seed?: number;
  /** Sizes the hierarchy for this many people (see `geographyShapeFor`); explicit counts below win. */
  individuals?: number;
  provinces?: number;
  districtsPerProvince?: number;
  villagesPerDistrict?: number;
}

export const SYNTHETIC_LEVELS: SyntheticLevel[] = [
  { depth: 0, code: 'country', nameEn: 'Country', nameFr: 'Pays', namePt: 'País' },
  { depth: 1, code: 'province', nameEn: 'Province', nameFr: 'Province', namePt: 'Província' },
  { depth: 2, code: 'district', nameEn: 'District', nameFr: 'District', namePt: 'Distrito' },
  { depth: 3, code: 'village', nameEn: 'Village', nameFr: 'Village', namePt: 'Aldeia' },
];

const DIRECTIONS = [
  { en: 'Northern', fr: 'du Nord', pt: 'do Norte' },
  { en: 'Southern', fr: 'du Sud', pt: 'do Sul' },
  { en: 'Eastern', fr: "de l'Est", pt: 'do Leste' },
  { en: 'Western', fr: "de l'Ouest", pt: 'do Oeste' },
  { en: 'Central', fr: 'du Centre', pt: 'do Centro' },
  { en: 'Coastal', fr: 'du Littoral', pt: 'do Litoral' },
  { en: 'Highlands', fr: 'des Hauts-Plateaux', pt: 'do Planalto' },
  { en: 'Lakes', fr: 'des Lacs', pt: 'dos Lagos' },
  { en: 'River', fr: 'du Fleuve', pt: 'do Rio' },
];

// Syllables from Swahili, Hausa, Wolof, Portuguese and French place names, with accents.
const START = ['Ka', 'Mba', 'Ki', 'Nya', 'Tam', 'Zin', 'Dja', 'Bé', 'Sã', 'Lu', 'Mo', 'Ngo', 'Kô', 'Ta', 'Ma', 'Bu', 'Gué', 'Sé', 'Tou', 'Ama'];
const MIDDLE = ['ra', 'ko', 'ndé', 'lu', 'mba', 'sa', 'ri', 'go', 'wé', 'ba', 'ni', 'tõ', 'la', 'djé', 'me'];
const END = ['ni', 'ka', 'ma', 'bo', 'ré', 'la', 'sso', 'ngo', 'mé', 'ri', 'tá', 'ye', 'ba', 'dou', 'wa'];

/** The demo geography: 1 country, 5 provinces, 20 districts, 160 villages. */
const DEMO_SHAPE = { provinces: 5, districtsPerProvince: 4, villagesPerDistrict: 8 };

/** About 70 households of 4.6 people per village when the hierarchy is sized for a population. */
export const PEOPLE_PER_VILLAGE = 330;

/**
 * The shape of a hierarchy for a population: five provinces; four districts per province up to
 * 100,000 people, more beyond (twelve at 1,000,000); about `PEOPLE_PER_VILLAGE` people per village
 * (at most 999 per district, the width of a village code), never fewer villages than the demo
 * geography. 10,000 people get the demo shape (160 villages), 100,000 get 300 and 1,000,000 get
 * 3,060.
 */
export function geographyShapeFor(individuals: number): typeof DEMO_SHAPE {
  const provinces = DEMO_SHAPE.provinces;
  const districtsPerProvince = DEMO_SHAPE.districtsPerProvince * Math.max(1, Math.round(Math.sqrt(individuals / 100_000)));
  const perDistrict = Math.round(individuals / PEOPLE_PER_VILLAGE / (provinces * districtsPerProvince));
  return { provinces, districtsPerProvince, villagesPerDistrict: Math.min(999, Math.max(DEMO_SHAPE.villagesPerDistrict, perDistrict)) };
}

function placeName(random: SeededRandom): string {
  const parts = [random.pick(START)];
  if (random.next() < 0.6) parts.push(random.pick(MIDDLE));
  parts.push(random.pick(END));
  return parts.join('');
}

/**
 * A deterministic administrative hierarchy (country > province > district > village) with
 * names in English, French and Portuguese and nested bounding boxes: the demo geography by default,
 * or one sized for `individuals` people.
 */
export function generateGeography(options: GeographyOptions = {}): { levels: SyntheticLevel[]; areas: SyntheticArea[] } {
  const random = new SeededRandom(options.seed ?? 2026);
  const shape = options.individuals === undefined ? DEMO_SHAPE : geographyShapeFor(options.individuals);
  const provinces = options.provinces ?? shape.provinces;
  const districts = options.districtsPerProvince ?? shape.districtsPerProvince;
  const villages = options.villagesPerDistrict ?? shape.villagesPerDistrict;
  const areas: SyntheticArea[] = [];
  const countryBox: SyntheticArea['bbox'] = [28, -12, 36, -4];
  areas.push({ level: 'country', code: 'DL', parentCode: null, nameEn: 'Demoland', nameFr: 'Démolande', namePt: 'Demolândia', bbox: countryBox });
  const usedNames = new Set<string>();
  const uniqueName = () => {
    for (let i = 0; ; i++) {
      const name = placeName(random);
      const candidate = i > 20 ? `${name} ${i}` : name;
      if (!usedNames.has(candidate)) {
        usedNames.add(candidate);
        return candidate;
      }
    }
  };
  for (let p = 0; p < provinces; p++) {
    const provinceCode = `DL-${pad(p + 1, 2)}`;
    const provinceBox = slice(countryBox, p, provinces);
    const direction = DIRECTIONS[p % DIRECTIONS.length];
    const suffix = p >= DIRECTIONS.length ? ` ${Math.floor(p / DIRECTIONS.length) + 1}` : '';
    areas.push({
      level: 'province',
      code: provinceCode,
      parentCode: 'DL',
      nameEn: `${direction.en} Province${suffix}`,
      nameFr: `Province ${direction.fr}${suffix}`,
      namePt: `Província ${direction.pt}${suffix}`,
      bbox: provinceBox,
    });
    for (let d = 0; d < districts; d++) {
      const districtCode = `${provinceCode}-${pad(d + 1, 2)}`;
      const districtBox = slice(provinceBox, d, districts, true);
      const name = uniqueName();
      areas.push({ level: 'district', code: districtCode, parentCode: provinceCode, nameEn: name, nameFr: name, namePt: name, bbox: districtBox });
      for (let v = 0; v < villages; v++) {
        const villageName = uniqueName();
        areas.push({
          level: 'village',
          code: `${districtCode}-${pad(v + 1, 3)}`,
          parentCode: districtCode,
          nameEn: villageName,
          nameFr: villageName,
          namePt: villageName,
          bbox: slice(districtBox, v, villages),
        });
      }
    }
  }
  return { levels: SYNTHETIC_LEVELS, areas };
}

/** The hierarchy as the geo module's CSV import format. */
export function geographyToCsv(areas: SyntheticArea[]): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['level,code,parent_code,name_en,name_fr,name_pt'];
  for (const a of areas) lines.push([a.level, a.code, a.parentCode ?? '', a.nameEn, a.nameFr, a.namePt].map(quote).join(','));
  return lines.join('\n') + '\n';
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function slice(box: SyntheticArea['bbox'], index: number, count: number, vertical = false): SyntheticArea['bbox'] {
  const [minLon, minLat, maxLon, maxLat] = box;
  if (vertical) {
    const step = (maxLat - minLat) / count;
    return [minLon, minLat + step * index, maxLon, minLat + step * (index + 1)];
  }
  const step = (maxLon - minLon) / count;
  return [minLon + step * index, minLat, minLon + step * (index + 1), maxLat];
}
