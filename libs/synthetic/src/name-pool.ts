import { SeededRandom } from './random';

/**
 * Names with the spread a national registry has. The compact lists of the population generator (20 given names per
 * sex, 25 family names, equally likely) make one random pair in 40 share a given name and one in 25 a family name:
 * at 1,000,000 people, thousands of unrelated people then share both names and a birth date, which no registry
 * shows. Here the compact names stay the commonest and several thousand more, built from the syllables of the
 * region's languages, follow with Zipf-like frequencies (the share of the name of rank k falls as k^-s, as surname
 * and given-name frequencies do in civil registers): the commonest family name is some 4% of the people, two random
 * people share a family name about 1 time in 230, and two of one sex a given name about 1 time in 115.
 */
export class NamePool {
  private readonly cumulative: Float64Array;

  constructor(readonly names: readonly string[], exponent: number) {
    this.cumulative = new Float64Array(names.length);
    let total = 0;
    for (let k = 0; k < names.length; k++) this.cumulative[k] = total += (k + 1) ** -exponent;
    for (let k = 0; k < names.length; k++) this.cumulative[k] /= total;
  }

  /** One draw of the generator, as `SeededRandom.pick` takes, so a population keeps its other draws. */
  pick(random: SeededRandom): string {
    const r = random.next();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return this.names[lo];
  }

  /** Share of random pairs of people whose names agree: Σ p². */
  agreement(): number {
    let sum = 0;
    let previous = 0;
    for (const c of this.cumulative) {
      sum += (c - previous) ** 2;
      previous = c;
    }
    return sum;
  }
}

// syllables of Bantu (Kirundi, Kinyarwanda, Swahili), Mande and Fulfulde, Hausa and Yoruba names
const FAMILY_STARTS = ['Nda', 'Ni', 'Ha', 'Bi', 'Ma', 'Mu', 'Ka', 'Ki', 'Nya', 'Twa', 'Ru', 'Bu', 'Nku', 'Sa', 'Ko', 'Tra', 'Dia', 'Ba', 'Ou', 'Ade', 'Olu', 'Oko', 'Ay', 'Ibra', 'Ga', 'Dan', 'Ma', 'Ci', 'Wa', 'Ke'];
const FAMILY_MIDDLES = ['yi', 'shi', 'ki', 'zi', 'ma', 'ri', 'ku', 'ga', 'mba', 'nde', 'ra', 'ta', 'li', 'wa', 'bo', 'nyi', 'go', 'lo', 'de', 'so', 'tu', 'ke'];
const FAMILY_ENDS = ['mana', 'ye', 'nzima', 'miye', 'ro', 'ngo', 'za', 'bu', 'ogo', 're', 'ra', 'kite', 'wa', 'la', 'yo', 'ni', 'ba', 'ndi', 'mi', 'lu', 'ji', 'sse'];
const GIVEN_STARTS_F = ['A', 'Fa', 'Ha', 'Ma', 'Ne', 'Re', 'Za', 'Ka', 'Di', 'Ai', 'Sa', 'Ya', 'Ba', 'Ju', 'Lu', 'Ni', 'Ro', 'Te', 'Ch', 'E'];
const GIVEN_ENDS_F = ['ta', 'na', 'ma', 'ra', 'sa', 'tou', 'ima', 'ine', 'ette', 'ita', 'ia', 'ema', 'wa', 'di', 'ya', 'nga', 'ssa', 'lia'];
const GIVEN_STARTS_M = ['A', 'Ba', 'Da', 'I', 'Ju', 'Ka', 'Ma', 'Mu', 'O', 'Sa', 'Ti', 'Yu', 'Ze', 'Ko', 'Pa', 'Se', 'Ha', 'Na', 'Bo', 'E'];
const GIVEN_ENDS_M = ['du', 'ko', 'ma', 'ri', 'sa', 'mane', 'ssou', 'lim', 'bert', 'nde', 'ku', 'to', 'ba', 'ye', 'lo', 'mar', 'nsa', 'gu'];

function build(seed: number, count: number, known: readonly string[], make: (random: SeededRandom) => string): string[] {
  const random = new SeededRandom(seed);
  const seen = new Set(known.map((n) => n.toLowerCase()));
  const names = [...known];
  for (let tries = 0; names.length < count && tries < count * 50; tries++) {
    const name = make(random);
    if (name.length < 3 || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    names.push(name);
  }
  return names;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function familyNamePool(known: readonly string[]): NamePool {
  const names = build(1301, 5000, known, (r) => capital(r.pick(FAMILY_STARTS) + (r.next() < 0.7 ? r.pick(FAMILY_MIDDLES) : '') + (r.next() < 0.4 ? r.pick(FAMILY_MIDDLES) : '') + r.pick(FAMILY_ENDS)));
  return new NamePool(names, 0.8);
}

export function givenNamePool(known: readonly string[], sex: 'F' | 'M'): NamePool {
  const [starts, ends] = sex === 'F' ? [GIVEN_STARTS_F, GIVEN_ENDS_F] : [GIVEN_STARTS_M, GIVEN_ENDS_M];
  const names = build(sex === 'F' ? 1303 : 1307, 1200, known, (r) => capital(r.pick(starts) + (r.next() < 0.5 ? r.pick(FAMILY_MIDDLES) : '') + r.pick(ends)));
  return new NamePool(names, 0.8);
}
