import { DEFAULT_PARAMS, estimate, expectedQuality, FIELD_NAMES, type ModelParams, type Pattern, probabilityOf, uFromRandomPairs, weightOf, withExactU } from './duplicate-model';

/** Patterns drawn from known m/u: `matches` same-person pairs and `others` different-people pairs among `all` pairs. */
function simulate(truth: ModelParams, matches: number, others: number): Pattern[] {
  const counts = new Map<string, number>();
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const draw = (p: number[]) => {
    let r = next();
    for (let i = 0; i < p.length; i++) if ((r -= p[i]) <= 0) return i;
    return p.length - 1;
  };
  for (const [n, key] of [[matches, 'm'], [others, 'u']] as const) {
    for (let i = 0; i < n; i++) {
      const levels = FIELD_NAMES.map((f) => draw(truth[f][key]));
      counts.set(levels.join(','), (counts.get(levels.join(',')) ?? 0) + 1);
    }
  }
  return [...counts].map(([k, count]) => ({ levels: k.split(',').map(Number), count }));
}

describe('duplicate model', () => {
  it('weighs a level log2(m/u), a missing value 0, and turns a weight and a prior into a probability', () => {
    expect(weightOf({ m: [0.2, 0.8], u: [0.8, 0.2] }, 1)).toBeCloseTo(2);
    expect(weightOf({ m: [0.2, 0.8], u: [0.8, 0.2] }, 0)).toBeCloseTo(-2);
    expect(weightOf({ m: [0.2, 0.8], u: [0.8, 0.2] }, -1)).toBe(0);
    expect(probabilityOf(0, 0.5)).toBeCloseTo(0.5);
    expect(probabilityOf(10, 1 / 1025)).toBeCloseTo(0.5, 2);
  });

  it('measures u on random pairs and estimates m and the prior by EM among all pairs', () => {
    const truth: ModelParams = structuredClone(DEFAULT_PARAMS);
    truth.givenName.m = [0.05, 0.02, 0.13, 0.8];
    truth.birthDate.m = [0.02, 0.005, 0.005, 0.07, 0.2, 0.7];
    const random = simulate(truth, 0, 20_000);
    const start = uFromRandomPairs(random);
    // u from random pairs is close to the truth
    expect(start.birthDate.u[0]).toBeCloseTo(truth.birthDate.u[0], 1);
    // candidates: 2,000 same-person pairs and 3,000 others, out of 50,000,000 pairs
    const candidates = simulate(truth, 2_000, 3_000);
    const fitted = estimate(candidates, start, 50_000_000);
    expect(fitted.prior * 50_000_000).toBeGreaterThan(1_500);
    expect(fitted.prior * 50_000_000).toBeLessThan(2_600);
    expect(fitted.params.givenName.m[3]).toBeCloseTo(0.8, 1);
    expect(weightOf(fitted.params.birthDate, 5)).toBeGreaterThan(5);
    expect(weightOf(fitted.params.birthDate, 0)).toBeLessThan(-3);
    const quality = expectedQuality(candidates, fitted.params, fitted.prior, [0.5, 0.9, 0.99]);
    expect(quality.map((q) => q.threshold)).toEqual([0.5, 0.9, 0.99]);
    // a higher threshold flags fewer pairs, more precisely
    expect(quality[2].pairs).toBeLessThanOrEqual(quality[0].pairs);
    expect(quality[2].precision).toBeGreaterThanOrEqual(quality[0].precision);
    expect(quality[1].recall).toBeGreaterThan(0.8);
  });

  it('replaces sampled u by registry-wide counts where given, rescaling the field\'s other levels to the rest', () => {
    const sampled: ModelParams = structuredClone(DEFAULT_PARAMS);
    sampled.birthDate.u = [0.9, 0.05, 0.03, 0.01, 0.009, 0.001];
    const exact = withExactU(sampled, { birthDate: { 5: 0.00004 }, place: { 3: 0.00001, 2: 0.0003, 1: 0.01 }, sex: { 1: Number.NaN } });
    expect(exact.birthDate.u[5]).toBeCloseTo(0.00004, 8);
    // the other levels keep their proportions and the field sums to one
    expect(exact.birthDate.u[0] / exact.birthDate.u[1]).toBeCloseTo(0.9 / 0.05, 6);
    expect(exact.birthDate.u.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(exact.place.u[1]).toBeCloseTo(0.01, 8);
    expect(exact.place.u[0]).toBeCloseTo(1 - 0.01031, 6);
    // a count that could not be taken (NaN) leaves the sampled value; fields not given are untouched
    expect(exact.sex.u).toEqual(sampled.sex.u);
    expect(exact.givenName).toEqual(sampled.givenName);
    expect(weightOf(exact.birthDate, 5)).toBeGreaterThan(weightOf(sampled.birthDate, 5));
  });
});
