import { SeededRandom } from './random';
import type { SyntheticArea } from './geography.generator';
import { familyNamePool, givenNamePool, type NamePool } from './name-pool';

export interface SyntheticHousehold {
  code: string;
  areaCode: string;
  latitude: number;
  longitude: number;
  rooms: number;
  wallMaterial: string;
  roofMaterial: string;
  floorMaterial: string;
  waterSource: string;
  sanitation: string;
  lighting: string;
  cookingFuel: string;
  assets: string;
}

export interface SyntheticIndividual {
  externalId: string;
  householdCode: string;
  relationship: string;
  givenName: string;
  familyName: string;
  sex: 'F' | 'M';
  birthDate: string;
  documentType: string;
  documentNumber: string;
  phone: string;
}

export interface DuplicateTruth {
  original: string;
  duplicate: string;
  noise: string;
}

// Names from several languages (English, French, Portuguese, Swahili, Hausa, Arabic transliterations).
const GIVEN_F = ['Amina', 'Fatouma', 'Aïcha', 'Mariam', 'Grace', 'Joyce', 'Zainabu', 'Halima', 'Hadiza', 'Maria', 'Conceição', 'Inês', 'Élodie', 'Béatrice', 'Nafissatou', 'Rehema', 'Neema', 'Khadija', 'Safiya', 'Esther'];
const GIVEN_M = ['Mohammed', 'Muhamad', 'Ibrahim', 'Abdoulaye', 'Baraka', 'Juma', 'João', 'José', 'Gonçalo', 'François', 'Jérôme', 'Musa', 'Sani', 'Yusuf', 'Peter', 'John', 'Emmanuel', 'Omar', 'Hassan', 'Séraphin'];
const FAMILY = ['Diallo', 'Traoré', 'Mwangi', 'Otieno', 'Abubakar', 'Bello', 'Da Silva', 'Gonçalves', 'Lefèvre', 'Ndiaye', 'Kamara', 'Mutua', 'Haruna', 'Al-Amin', 'Ben Salah', 'Okafor', 'Nyirenda', 'Banda', 'Phiri', 'Sousa', 'Mendes', 'Coulibaly', 'Sow', 'Kiprono', 'Wanjiru'];
const WALLS = ['mud', 'brick', 'cement', 'wood', 'iron_sheet'];
const ROOFS = ['thatch', 'iron_sheet', 'tiles', 'concrete'];
const FLOORS = ['earth', 'cement', 'tiles', 'wood'];
const WATER = ['piped', 'public_tap', 'borehole', 'protected_well', 'unprotected_well', 'surface_water'];
const SANITATION = ['flush', 'pit_latrine', 'open_defecation', 'shared_latrine'];
const LIGHTING = ['electricity', 'solar', 'kerosene', 'candle', 'none'];
const FUEL = ['firewood', 'charcoal', 'gas', 'electricity'];
const ASSETS = ['radio', 'phone', 'bicycle', 'tv', 'fridge', 'motorcycle', 'livestock'];

export interface PopulationOptions {
  seed?: number;
  individuals: number;
  villages: SyntheticArea[];
  /** Share of individuals re-registered as noisy duplicates (default 2%). */
  duplicateRate?: number;
  /** Reference year for ages (fixed, so output never depends on the clock); births fall in the year before at the latest, never in the future. */
  referenceYear?: number;
  /**
   * `compact` (default): 20 given names per sex and 25 family names, equally likely; `diverse`: the same names as the
   * commonest of several thousand with a registry's spread (`name-pool.ts`). Either way one draw per name, so the
   * rest of the population is the same.
   */
  names?: 'compact' | 'diverse';
  /**
   * Share of children born with a twin who lives in the same household (same birth date and family name, another given
   * name, the same sex six times in ten); default 0. About 0.017 in sub-Saharan Africa, which has the world's highest
   * twinning rates (Smits and Monden, "Twinning across the developing world", PLoS ONE 2011: 17-30 twin deliveries per 1,000).
   */
  twinRate?: number;
}

/** Twins of the population (external ids of both), when `twinRate` is set. */
export interface SyntheticTwins {
  first: string;
  second: string;
}

let diversePools: { F: NamePool; M: NamePool; family: NamePool } | null = null;
function namePicker(kind: 'compact' | 'diverse') {
  if (kind === 'compact') return { given: (random: SeededRandom, sex: 'F' | 'M') => random.pick(sex === 'F' ? GIVEN_F : GIVEN_M), family: (random: SeededRandom) => random.pick(FAMILY) };
  diversePools ??= { F: givenNamePool(GIVEN_F, 'F'), M: givenNamePool(GIVEN_M, 'M'), family: familyNamePool(FAMILY) };
  const pools = diversePools;
  return { given: (random: SeededRandom, sex: 'F' | 'M') => pools[sex].pick(random), family: (random: SeededRandom) => pools.family.pick(random) };
}

/**
 * A deterministic population with a low-income-country profile: households of about 4.5 people,
 * many children, names from several languages, documents, phones, dwelling and asset variables for
 * a proxy-means test, GPS points inside the village, and known noisy duplicates with their truth.
 * Rows are produced lazily, so 1,000,000 individuals stream in constant memory.
 */
export function* generatePopulation(
  options: PopulationOptions,
): Generator<{ household: SyntheticHousehold; members: SyntheticIndividual[]; duplicates: { row: SyntheticIndividual; truth: DuplicateTruth }[]; twins: SyntheticTwins[] }> {
  const random = new SeededRandom(options.seed ?? 42);
  const names = namePicker(options.names ?? 'compact');
  const twinRate = options.twinRate ?? 0;
  const year = options.referenceYear ?? 2026;
  const duplicateRate = options.duplicateRate ?? 0.02;
  let produced = 0;
  let householdIndex = 0;
  while (produced < options.individuals) {
    householdIndex++;
    const village = options.villages[householdIndex % options.villages.length];
    const [minLon, minLat, maxLon, maxLat] = village.bbox;
    const size = Math.min(options.individuals - produced, householdSize(random));
    const family = names.family(random);
    const code = `HH-${String(householdIndex).padStart(8, '0')}`;
    const household: SyntheticHousehold = {
      code,
      areaCode: village.code,
      latitude: round(minLat + random.next() * (maxLat - minLat), 6),
      longitude: round(minLon + random.next() * (maxLon - minLon), 6),
      rooms: random.int(1, 5),
      wallMaterial: random.pick(WALLS),
      roofMaterial: random.pick(ROOFS),
      floorMaterial: random.pick(FLOORS),
      waterSource: random.pick(WATER),
      sanitation: random.pick(SANITATION),
      lighting: random.pick(LIGHTING),
      cookingFuel: random.pick(FUEL),
      assets: ASSETS.filter(() => random.next() < 0.35).join('|'),
    };
    const members: SyntheticIndividual[] = [];
    const duplicates: { row: SyntheticIndividual; truth: DuplicateTruth }[] = [];
    const twins: SyntheticTwins[] = [];
    let twinOf: SyntheticIndividual | null = null;
    for (let m = 0; m < size; m++) {
      if (twinOf) {
        const first: SyntheticIndividual = twinOf;
        twinOf = null;
        const sex: 'F' | 'M' = random.next() < 0.6 ? first.sex : first.sex === 'F' ? 'M' : 'F';
        let givenName = names.given(random, sex);
        for (let tries = 0; givenName === first.givenName && tries < 5; tries++) givenName = names.given(random, sex);
        const twin: SyntheticIndividual = {
          ...first,
          externalId: `P-${String(produced + m + 1).padStart(9, '0')}`,
          relationship: sex === 'M' ? 'SON' : 'DAUGHTER',
          givenName,
          sex,
          documentNumber: `${first.documentType === 'NATIONAL_ID' ? 'NID' : 'BC'}${String(1_000_000_000 + (produced + m) * 7919 % 8_999_999_999).padStart(10, '0')}`,
          phone: first.documentType === 'NATIONAL_ID' && random.next() < 0.7 ? `+2557${String(random.int(10_000_000, 99_999_999))}` : '',
        };
        members.push(twin);
        twins.push({ first: first.externalId, second: twin.externalId });
        continue;
      }
      const relationship = m === 0 ? 'HEAD' : m === 1 && size > 2 ? 'SPOUSE' : random.next() < 0.85 ? (random.next() < 0.5 ? 'SON' : 'DAUGHTER') : random.pick(['PARENT', 'GRANDCHILD', 'OTHER_RELATIVE', 'NON_RELATIVE']);
      const sex: 'F' | 'M' = relationship === 'SON' ? 'M' : relationship === 'DAUGHTER' ? 'F' : random.next() < 0.5 ? 'F' : 'M';
      const age = relationship === 'HEAD' || relationship === 'SPOUSE' ? random.int(18, 75) : relationship === 'PARENT' ? random.int(55, 95) : random.int(0, 25);
      const individual: SyntheticIndividual = {
        externalId: `P-${String(produced + m + 1).padStart(9, '0')}`,
        householdCode: code,
        relationship,
        givenName: names.given(random, sex),
        familyName: relationship === 'NON_RELATIVE' ? names.family(random) : family,
        sex,
        birthDate: `${year - 1 - age}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
        documentType: age >= 16 ? 'NATIONAL_ID' : 'BIRTH_CERTIFICATE',
        documentNumber: `${age >= 16 ? 'NID' : 'BC'}${String(1_000_000_000 + (produced + m) * 7919 % 8_999_999_999).padStart(10, '0')}`,
        phone: age >= 16 && random.next() < 0.7 ? `+2557${String(random.int(10_000_000, 99_999_999))}` : '',
      };
      members.push(individual);
      if (random.next() < duplicateRate) duplicates.push(noisyCopy(individual, random));
      if (twinRate > 0 && (relationship === 'SON' || relationship === 'DAUGHTER') && m + 1 < size && random.next() < twinRate) twinOf = individual;
    }
    produced += size;
    yield { household, members, duplicates, twins };
  }
}

function householdSize(random: SeededRandom): number {
  // mean about 4.6, from 1 to 12
  const r = random.next();
  if (r < 0.08) return 1;
  if (r < 0.2) return 2;
  if (r < 0.36) return 3;
  if (r < 0.55) return 4;
  if (r < 0.72) return 5;
  if (r < 0.84) return 6;
  if (r < 0.92) return 7;
  return random.int(8, 12);
}

const NOISE = ['typo', 'swapped', 'accents', 'birthDay', 'birthYear', 'samePhone'] as const;

function noisyCopy(original: SyntheticIndividual, random: SeededRandom): { row: SyntheticIndividual; truth: DuplicateTruth } {
  const noise = random.pick(NOISE);
  // document numbers are unique per type in the registry: a second registration of a person comes
  // without one (the phone, when there is one, stays the same)
  const copy = { ...original, externalId: `${original.externalId}-D`, documentType: '', documentNumber: '' };
  switch (noise) {
    case 'typo': {
      const i = random.int(1, Math.max(1, copy.givenName.length - 2));
      copy.givenName = copy.givenName.slice(0, i) + copy.givenName[i + 1] + copy.givenName[i] + copy.givenName.slice(i + 2);
      break;
    }
    case 'swapped':
      [copy.givenName, copy.familyName] = [copy.familyName, copy.givenName];
      break;
    case 'accents':
      copy.givenName = copy.givenName.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      copy.familyName = copy.familyName.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      break;
    case 'birthDay': {
      const [y, m, d] = copy.birthDate.split('-');
      copy.birthDate = `${y}-${m}-${String(Math.min(28, Number(d) + 1)).padStart(2, '0')}`;
      break;
    }
    case 'birthYear':
      copy.birthDate = `${Number(copy.birthDate.slice(0, 4)) - 1}${copy.birthDate.slice(4)}`;
      break;
    case 'samePhone':
      copy.givenName = copy.givenName.toUpperCase();
      break;
  }
  return { row: copy, truth: { original: original.externalId, duplicate: copy.externalId, noise } };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const HOUSEHOLD_COLUMNS: (keyof SyntheticHousehold)[] = ['code', 'areaCode', 'latitude', 'longitude', 'rooms', 'wallMaterial', 'roofMaterial', 'floorMaterial', 'waterSource', 'sanitation', 'lighting', 'cookingFuel', 'assets'];
export const INDIVIDUAL_COLUMNS: (keyof SyntheticIndividual)[] = ['externalId', 'householdCode', 'relationship', 'givenName', 'familyName', 'sex', 'birthDate', 'documentType', 'documentNumber', 'phone'];

export function csvLine(values: unknown[]): string {
  return values.map((v) => {
    const s = String(v ?? '');
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(',') + '\n';
}
