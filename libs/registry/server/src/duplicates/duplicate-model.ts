/**
 * The Fellegi-Sunter model of duplicate detection: each field of a pair is compared into a level of
 * agreement; m = P(level | same person), u = P(level | different people); a level weighs log2(m/u),
 * and a missing value weighs 0. m, u and the share of true pairs among the candidates (the prior) are
 * estimated by expectation-maximisation over the registry's own candidate pairs (as fastLink and
 * Splink do), starting from u measured on random pairs and m from the defaults below, which also act
 * as a Dirichlet prior so that a small registry stays close to them.
 */

export const MODEL_FIELDS = {
  givenName: ['different', 'initial', 'close', 'exact'],
  familyName: ['different', 'initial', 'close', 'exact'],
  birthDate: ['different', 'near', 'sameYear', 'yearOnly', 'slip', 'exact'],
  sex: ['different', 'same'],
  phone: ['different', 'same'],
  document: ['different', 'same'],
  // area and household in one field: a household lies in one village, so counting both would count the same evidence twice
  place: ['different', 'parent', 'village', 'household'],
} as const;

export type ModelField = keyof typeof MODEL_FIELDS;
export const FIELD_NAMES = Object.keys(MODEL_FIELDS) as ModelField[];

/** Probabilities per level, in the order of MODEL_FIELDS. */
export interface FieldParams {
  m: number[];
  u: number[];
}
export type ModelParams = Record<ModelField, FieldParams>;

/** A comparison pattern: the level index of each field (-1 when missing on either side) and how many pairs have it. */
export interface Pattern {
  levels: number[];
  count: number;
}

/**
 * Starting m (from the error rates of registration studies: most re-registrations agree exactly,
 * a few carry a typo, a variant or a changed value) and starting u (for a registry where names repeat a
 * lot); u is replaced by what random pairs of the registry show before estimation.
 */
export const DEFAULT_PARAMS: ModelParams = {
  givenName: { m: [0.06, 0.02, 0.12, 0.8], u: [0.9, 0.01, 0.05, 0.04] },
  familyName: { m: [0.06, 0.01, 0.13, 0.8], u: [0.9, 0.01, 0.05, 0.04] },
  birthDate: { m: [0.03, 0.005, 0.005, 0.06, 0.2, 0.7], u: [0.95, 0.02, 0.025, 0.002, 0.002, 0.001] },
  sex: { m: [0.02, 0.98], u: [0.5, 0.5] },
  phone: { m: [0.3, 0.7], u: [0.999, 0.001] },
  document: { m: [0.3, 0.7], u: [0.9999, 0.0001] },
  place: { m: [0.08, 0.07, 0.3, 0.55], u: [0.95, 0.04, 0.009, 0.001] },
};

/** Prior share of same-person pairs among all pairs, before any estimation (a few duplicates per 10,000 people). */
export const DEFAULT_PRIOR = 1e-7;

/**
 * Pseudo-counts given to the starting values in each M step. m keeps a strong prior (a fifth of the
 * pairs, at least 200): candidate pairs are not conditionally independent given the class (the
 * blocking keys make them agree on names, birth dates or the village), and with free m the second
 * class drifts to "same village" instead of "same person".
 */
const PRIOR_STRENGTH_M_SHARE = 0.2;
const PRIOR_STRENGTH_M_MIN = 200;
const PRIOR_STRENGTH_U = 200;
const FLOOR = 1e-6;

export function weightOf(params: FieldParams, level: number): number {
  if (level < 0) return 0;
  return Math.log2(Math.max(params.m[level], FLOOR) / Math.max(params.u[level], FLOOR));
}

/** Match probability from a total weight and the prior share of true pairs. */
export function probabilityOf(totalWeight: number, prior: number): number {
  const logOdds = totalWeight + Math.log2(prior / (1 - prior));
  return 1 / (1 + 2 ** -logOdds);
}

function normalise(v: number[]): number[] {
  const total = v.reduce((a, b) => a + b, 0);
  return v.map((x) => Math.max(x / total, FLOOR));
}

/** u from random pairs' patterns (different people, almost surely), smoothed towards the defaults. */
export function uFromRandomPairs(patterns: Pattern[], start: ModelParams = DEFAULT_PARAMS): ModelParams {
  const params = structuredClone(start);
  FIELD_NAMES.forEach((field, f) => {
    const counts = start[field].u.map((u) => u * 20);
    for (const p of patterns) if (p.levels[f] >= 0) counts[p.levels[f]] += p.count;
    params[field].u = normalise(counts);
  });
  return params;
}

/** Share of different-people pairs at some levels of a field, counted over the whole registry rather than sampled. */
export type ExactU = Partial<Record<ModelField, Record<number, number>>>;

/**
 * u with the levels of `exact` replaced by the registry-wide counts and the field's other levels rescaled to the
 * rest. Pairs agreeing exactly on a birth date or sharing a parent area are a few in 10,000 random pairs: a sample of
 * some 80,000 pairs sees a handful, and the weight of the commonest duplicate patterns swung across the threshold
 * between two runs on the same registry (recall of neighbouring-village duplicates 0.43 or 0.83).
 */
export function withExactU(params: ModelParams, exact: ExactU): ModelParams {
  const out = structuredClone(params);
  for (const field of FIELD_NAMES) {
    const fixed = exact[field];
    if (!fixed) continue;
    const u = out[field].u;
    const levels = Object.keys(fixed).map(Number).filter((l) => l >= 0 && l < u.length && Number.isFinite(fixed[l]));
    if (!levels.length) continue;
    const fixedMass = levels.reduce((s, l) => s + Math.max(fixed[l], FLOOR), 0);
    if (fixedMass >= 1) continue;
    const restMass = u.reduce((s, x, l) => (levels.includes(l) ? s : s + x), 0);
    out[field].u = normalise(u.map((x, l) => (levels.includes(l) ? Math.max(fixed[l], FLOOR) : restMass > 0 ? (x / restMass) * (1 - fixedMass) : FLOOR)));
  }
  return out;
}

export interface EmResult {
  params: ModelParams;
  prior: number;
  iterations: number;
}

/**
 * Expectation-maximisation over the candidate pairs' patterns (conditional independence of fields).
 * With `fixedU` (the default, as Splink does) u stays what random pairs showed and EM estimates m and
 * the prior: u learnt on blocked pairs would make agreeing on a blocking key (the birth date) look
 * common among different people and weigh next to nothing. The prior is the share of same-person
 * pairs among all `allPairs` pairs of the registry (those left out by blocking count as different
 * people), which is what random-pair u calls for.
 */
export function estimate(patterns: Pattern[], start: ModelParams, allPairs: number, fixedU = true, maxIterations = 100): EmResult {
  let params = structuredClone(start);
  const total = patterns.reduce((n, p) => n + p.count, 0);
  // every pair of the registry, compared or not: pairs left out by blocking count as different people
  const universe = Math.max(allPairs, total);
  let prior = Math.min(0.5, (0.5 * total) / universe);
  if (!total) return { params, prior, iterations: 0 };
  let iterations = 0;
  const strengthM = Math.max(PRIOR_STRENGTH_M_MIN, total * PRIOR_STRENGTH_M_SHARE);
  for (; iterations < maxIterations; iterations++) {
    const mCounts = FIELD_NAMES.map((field) => start[field].m.map((m) => m * strengthM));
    const uCounts = FIELD_NAMES.map((field) => start[field].u.map((u) => u * PRIOR_STRENGTH_U));
    let matches = 0;
    for (const p of patterns) {
      const w = FIELD_NAMES.reduce((sum, field, f) => sum + weightOf(params[field], p.levels[f]), 0);
      const g = probabilityOf(w, prior);
      matches += g * p.count;
      p.levels.forEach((level, f) => {
        if (level < 0) return;
        mCounts[f][level] += g * p.count;
        uCounts[f][level] += (1 - g) * p.count;
      });
    }
    const next = structuredClone(params);
    FIELD_NAMES.forEach((field, f) => {
      next[field].m = normalise(mCounts[f]);
      if (!fixedU) next[field].u = normalise(uCounts[f]);
    });
    const nextPrior = Math.min(0.999, Math.max(1e-12, matches / universe));
    const change = Math.abs(nextPrior - prior) + FIELD_NAMES.reduce((d, field) => d + next[field].m.reduce((s, m, i) => s + Math.abs(m - params[field].m[i]), 0), 0);
    params = next;
    prior = nextPrior;
    if (change < 1e-5) break;
  }
  return { params, prior, iterations: iterations + 1 };
}

export interface ExpectedQuality {
  threshold: number;
  precision: number;
  recall: number;
  pairs: number;
}

/**
 * Expected precision and recall at each threshold, from the model itself: each candidate pattern's
 * match probability counts as that share of true pairs (what an administrator sees before choosing).
 */
export function expectedQuality(patterns: Pattern[], params: ModelParams, prior: number, thresholds: number[]): ExpectedQuality[] {
  const scored = patterns.map((p) => ({ count: p.count, g: probabilityOf(FIELD_NAMES.reduce((s, field, f) => s + weightOf(params[field], p.levels[f]), 0), prior) }));
  const matches = scored.reduce((s, p) => s + p.g * p.count, 0);
  return thresholds.map((threshold) => {
    const above = scored.filter((p) => p.g >= threshold);
    const tp = above.reduce((s, p) => s + p.g * p.count, 0);
    const flagged = above.reduce((s, p) => s + p.count, 0);
    return { threshold, precision: flagged ? round(tp / flagged) : 1, recall: matches ? round(tp / matches) : 1, pairs: flagged };
  });
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
