import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { invalidField, JobCancelledError } from '@coremis/core';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { RegistrySetting } from '../entities/registry-settings.entities';
import { DEFAULT_PARAMS, DEFAULT_PRIOR, estimate, type ExpectedQuality, expectedQuality, FIELD_NAMES, MODEL_FIELDS, type ModelParams, type Pattern, uFromRandomPairs, weightOf, type ExactU, withExactU } from './duplicate-model';

/** Key of the thresholds in `registry.setting`. */
export const DUPLICATE_SETTINGS_KEY = 'duplicates';

export interface DuplicateSettings {
  /** Lowest match probability (0..1, from the model) at which a pair becomes a candidate. */
  threshold: number;
  /**
   * Optional, at least `threshold`: candidates scoring below it are the uncertain ones that need a
   * careful look; the review screen shows them apart. Detection itself does not use it.
   */
  reviewBelow: number | null;
}

export const DEFAULT_DUPLICATE_SETTINGS: DuplicateSettings = { threshold: 0.8, reviewBelow: null };

/** Lowest threshold accepted: below it, most pairs listed would be other people by the model's own estimate. */
export const MIN_DUPLICATE_THRESHOLD = 0.7;

export interface DetectAllOptions {
  /** The detection job, stored on the candidates it creates. */
  jobId?: string;
  onProgress?: (progress: number) => Promise<void>;
  /** Checked between steps; true rolls everything back with a JobCancelledError. */
  isCancelled?: () => Promise<boolean>;
  /** Runs in the detection's transaction just before it commits (a job records its outcome there). */
  beforeCommit?: (manager: EntityManager, result: DetectAllResult) => Promise<void>;
}

export interface DetectAllResult {
  candidates: number;
  pairsCompared: number;
  /** Blocking keys dropped for being shared by too many people. */
  cappedKeys: number;
  modelVersion: number;
  seconds: number;
}

/** Blocking keys shared by more people than this say nothing (a community phone, a very common name born on 1 January) and are dropped. */
export const BLOCK_CAPS = { nameBirth: 60, nameArea: 150, phone: 50, document: 10 } as const;

/** Up to this many distinct phones, a batch finds who shares them through the GIN index of phones. */
const MAX_INDEXED_PHONE_LOOKUPS = 5000;

/** People sampled to measure u on random pairs (about n²/2 pairs). */
const RANDOM_SAMPLE = 400;

/** Thresholds at which the model's expected precision and recall are reported. */
const REPORTED_THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99, 0.999];

export interface DuplicateModelRow {
  version: number;
  params: ModelParams;
  prior: number;
  pairs: number;
  iterations: number;
  expected: ExpectedQuality[];
  createdAt: Date;
}

/** What the level of two name parts reads of each: the term, its phonetic key, its length and its words. */
interface NameSide {
  term: string;
  key: string;
  len: string;
  words: string;
}
const sideOf = (x: string): NameSide => ({ term: x, key: `registry.name_key(${x})`, len: `length(${x})`, words: `string_to_array(${x}, ' ')` });

/**
 * Level of agreement of two normalised name parts: 3 equal; 2 close (same phonetic key, trigram
 * similarity ≥ 0.5, a letter or two off, or a shared word of a compound name: "j baptiste" ~ "jean
 * baptiste"); 1 an initial or a weak similarity; 0 different. `sim` and `lev` are the similarity and
 * the Levenshtein distance of the two terms.
 */
function nameLevelOf(x: NameSide, y: NameSide, sim: string, lev: string): string {
  return `CASE WHEN ${x.term} = ${y.term} THEN 3
    WHEN ${x.key} = ${y.key} OR ${sim} >= 0.5
      OR ${lev} <= CASE WHEN least(${x.len}, ${y.len}) >= 8 THEN 2 WHEN least(${x.len}, ${y.len}) >= 4 THEN 1 ELSE 0 END
      OR EXISTS (SELECT 1 FROM unnest(${x.words}) w WHERE length(w) >= 3 AND w = ANY (${y.words})) THEN 2
    WHEN ((${x.len} = 1 OR ${y.len} = 1) AND left(${x.term}, 1) = left(${y.term}, 1)) OR ${sim} >= 0.3 OR ${lev} <= 2 THEN 1
    ELSE 0 END`;
}

/** The level of two name parts straight from their terms (for a handful of pairs). */
export function nameLevel(x: string, y: string): string {
  return nameLevelOf(sideOf(x), sideOf(y), `similarity(${x}, ${y})`, `levenshtein(${x}, ${y})`);
}

/** A date recorded from its year alone (1 January or 1 July) or estimated from an age. */
const yearOnly = (p: string) => `(${p}.est OR (${p}.bm = 1 AND ${p}.bdd = 1) OR (${p}.bm = 7 AND ${p}.bdd = 1))`;

/**
 * Level of agreement of two birth dates (-1 missing): 5 equal; 4 one registration slip (day and month
 * swapped, another day of the same month, the same day and month with one digit of the year off);
 * 3 a date known by its year only, within a year; 2 the same year; 1 within two years; 0 different.
 */
export function birthLevel(x: string, y: string): string {
  return `CASE WHEN ${x}.bd IS NULL OR ${y}.bd IS NULL THEN -1
    WHEN ${x}.bd = ${y}.bd THEN 5
    WHEN (${x}.by = ${y}.by AND ${x}.bm = ${y}.bdd AND ${x}.bdd = ${y}.bm)
      OR (${x}.by = ${y}.by AND ${x}.bm = ${y}.bm AND NOT ${yearOnly(x)} AND NOT ${yearOnly(y)})
      OR (${x}.bm = ${y}.bm AND ${x}.bdd = ${y}.bdd AND (abs(${x}.by - ${y}.by) = 1 OR ${x}.by / 10 = ${y}.by / 10 OR (${x}.by % 10 = ${y}.by % 10 AND ${x}.by / 100 = ${y}.by / 100))) THEN 4
    WHEN (${yearOnly(x)} OR ${yearOnly(y)}) AND abs(${x}.by - ${y}.by) <= 1 THEN 3
    WHEN ${x}.by = ${y}.by THEN 2
    WHEN abs(${x}.bd - ${y}.bd) <= 731 THEN 1
    ELSE 0 END`;
}

/** What the term-frequency adjustment needs: u of an exact given and family name, and the share of a name not counted. */
export interface NameFrequencyContext {
  ug: number;
  uf: number;
  unseenG: number;
  unseenF: number;
}

/**
 * SQL of the term-frequency adjustment of a compared pair `c` (its gl, fl, al and the exact terms gt, ft): joins and a
 * lateral `alias(g, f)` with the bits added to the given and family name's weights. An exact match on a name weighs
 * log2(m/share) instead of log2(m/u), share being the part of the registry holding that name (Splink's term-frequency
 * adjustment): sharing a rare name counts more than sharing the commonest one. Not between people of one household or
 * address, who share a family name, and often names, whatever their frequency in the registry. `on` is a boolean
 * parameter (off without counted frequencies), the four others the context's figures.
 */
export function nameFrequencySql(c: string, alias: string, p: { on: string; ug: string; uf: string; unseenG: string; unseenF: string }): string {
  return `LEFT JOIN registry.duplicate_name_frequency ${alias}_g ON ${p.on} AND ${c}.gl = 3 AND ${alias}_g.kind = 'G' AND ${alias}_g.term = ${c}.gt
    LEFT JOIN registry.duplicate_name_frequency ${alias}_f ON ${p.on} AND ${c}.fl = 3 AND ${alias}_f.kind = 'F' AND ${alias}_f.term = ${c}.ft
    CROSS JOIN LATERAL (
      SELECT CASE WHEN ${p.on} AND ${c}.gl = 3 AND ${c}.al <> 3 THEN ln(${p.ug}::float8 / coalesce(${alias}_g.share, ${p.unseenG}::float8)) / ln(2) ELSE 0 END AS g,
             CASE WHEN ${p.on} AND ${c}.fl = 3 AND ${c}.al <> 3 THEN ln(${p.uf}::float8 / coalesce(${alias}_f.share, ${p.unseenF}::float8)) / ln(2) ELSE 0 END AS f) ${alias}`;
}

/** The five parameters `nameFrequencySql` refers to, in its order (on, ug, uf, unseenG, unseenF). */
export function nameFrequencyParams(tf: NameFrequencyContext | null): [boolean, number, number, number, number] {
  return [tf !== null, tf?.ug ?? 1, tf?.uf ?? 1, tf?.unseenG ?? 1, tf?.unseenF ?? 1];
}

/** Contributions (a jsonb array in field order: given name first, family name second) with the adjustment `t` added. */
export function adjustedContributions(contributions: string, t: string): string {
  return `CASE WHEN ${t}.g = 0 AND ${t}.f = 0 THEN ${contributions}
    ELSE jsonb_set(jsonb_set(${contributions},
      '{0,weight}', to_jsonb(round(((${contributions}->0->>'weight')::float8 + ${t}.g)::numeric, 2))),
      '{1,weight}', to_jsonb(round(((${contributions}->1->>'weight')::float8 + ${t}.f)::numeric, 2))) END`;
}

/**
 * The comparison columns of a person (`i` an individual, `h` its household with its normalised address,
 * `d` its documents). Per-row work on a million people is kept to cheap string and date functions (the
 * parent area is cut at the last-but-one slash: a regular expression here cost more than the whole join),
 * and the area, its parent and the address are compared by their 64-bit hashes, which keeps the rows
 * that the comparison joins carry narrow.
 */
export const PERSON_COLUMNS = `i.id, i.area_path AS ap, hashtextextended(i.area_path, 0) AS aph,
  hashtextextended(left(i.area_path, length(i.area_path) - strpos(reverse(rtrim(i.area_path, '/')), '/')), 0) AS pph, i.household_id AS hh,
  hashtextextended(h.addr, 0) AS addr, i.given_norm AS gn, i.family_norm AS fn, coalesce(i.given_key, i.given_norm) AS gk, coalesce(i.family_key, i.family_norm) AS fk,
  i.birth_date AS bd, i.birth_date_estimated AS est,
  date_part('year', i.birth_date)::int AS by, date_part('month', i.birth_date)::int AS bm, date_part('day', i.birth_date)::int AS bdd,
  i.sex, i.phones, d.docs`;
export const PERSON_FROM = `registry.individual i
  LEFT JOIN LATERAL (SELECT nullif(registry.name_norm(address), '') AS addr FROM registry.household WHERE id = i.household_id) h ON true
  LEFT JOIN LATERAL (SELECT array_agg(number) AS docs FROM registry.individual_document WHERE individual_id = i.id) d ON true`;
const PERSON_FROM_ALL = `registry.individual i
  LEFT JOIN (SELECT id, nullif(registry.name_norm(address), '') AS addr FROM registry.household WHERE address IS NOT NULL) h ON h.id = i.household_id
  LEFT JOIN (SELECT individual_id, array_agg(number) AS docs FROM registry.individual_document GROUP BY individual_id) d ON d.individual_id = i.id`;

/**
 * Duplicate detection by a Fellegi-Sunter model, set-based in PostgreSQL:
 * 1. blocking by several independent keys, none of them the area alone: the phonetic key of either
 *    name part with the birth date (swapped names, one name part changed), both name keys in either
 *    order within a village (missing or mistyped birth dates), a shared phone, a shared document
 *    number; keys shared by too many people are dropped and counted;
 * 2. every candidate pair compared field by field into levels of agreement (names compared straight
 *    and crossed, on the distinct pairs of name terms only);
 * 3. m, u and the prior estimated by EM on the comparison patterns (registry-wide runs store a new
 *    model version; batches use the latest), weights log2(m/u) summed per pattern in SQL;
 * 4. pairs whose match probability (exact names weighed by their frequency) reaches the threshold (or
 *    sharing a document number) become PENDING candidates with their per-field contributions; twins of one
 *    household (same family name and birth date, different given names, nothing else shared, both records
 *    documented or neither) and pairs whose known birth
 *    dates disagree beyond any registration slip (without a shared phone or document) are left alone.
 * Pairs already known (in any status, NOT_DUPLICATE included) are never inserted again.
 *
 * Constructible with a bare DataSource (`new DuplicateDetectionService(dataSource)`) for tools.
 */
@Injectable()
export class DuplicateDetectionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async getSettings(em: EntityManager = this.dataSource.manager): Promise<DuplicateSettings> {
    const row = await em.findOneBy(RegistrySetting, { key: DUPLICATE_SETTINGS_KEY });
    return normaliseSettings(row?.value ?? {});
  }

  async saveSettings(settings: { threshold: number; reviewBelow?: number | null }): Promise<DuplicateSettings> {
    const value: DuplicateSettings = { threshold: settings.threshold, reviewBelow: settings.reviewBelow ?? null };
    if (!(value.threshold >= MIN_DUPLICATE_THRESHOLD && value.threshold <= 1)) throw invalidField('threshold', 'registry.duplicates.invalidThreshold', { min: MIN_DUPLICATE_THRESHOLD });
    if (value.reviewBelow !== null && !(value.reviewBelow >= value.threshold && value.reviewBelow <= 1)) throw invalidField('reviewBelow', 'registry.duplicates.invalidReviewBelow');
    return this.dataSource.transaction(async (em) => {
      const existing = await em.findOne(RegistrySetting, { where: { key: DUPLICATE_SETTINGS_KEY }, lock: { mode: 'pessimistic_write' } });
      const row = existing ?? em.create(RegistrySetting, { key: DUPLICATE_SETTINGS_KEY });
      row.value = { ...value };
      await em.save(row);
      return value;
    });
  }

  /** The latest estimated model, or null before the first registry-wide run. */
  async getModel(em: EntityManager = this.dataSource.manager): Promise<DuplicateModelRow | null> {
    const [row] = await em.query(`SELECT version, params, prior, pairs::int AS pairs, iterations, expected, created_at AS "createdAt" FROM registry.duplicate_model ORDER BY version DESC LIMIT 1`);
    return row ?? null;
  }

  /** Compares everyone in the registry (merged records excepted); one transaction, rolled back on error. */
  async detectAll(options: DetectAllOptions = {}): Promise<DetectAllResult> {
    const started = Date.now();
    const progress = options.onProgress ?? (async () => undefined);
    return this.inTransaction(async (runner) => {
      const settings = await this.getSettings(runner.manager);
      const step = async (fraction: number) => {
        await progress(fraction);
        if (options.isCancelled && (await options.isCancelled())) throw new JobCancelledError();
      };
      await runner.query(`CREATE TEMP TABLE dd_person ON COMMIT DROP AS SELECT ${PERSON_COLUMNS}, true AS inb FROM ${PERSON_FROM_ALL} WHERE i.status <> 'MERGED'`);
      await runner.query(`ANALYZE dd_person`);
      await step(0.15);
      const cappedKeys = await this.block(runner);
      await step(0.4);
      const pairsCompared = await this.compare(runner, 'dd_pairs', 'dd_cmp');
      await step(0.6);
      // u measured on random pairs, then m, u and the prior by EM on the candidate pairs
      const [{ n }] = await runner.query(`SELECT count(*)::int AS n FROM dd_person`);
      await runner.query(`CREATE TEMP TABLE dd_sample ON COMMIT DROP AS SELECT * FROM dd_person TABLESAMPLE BERNOULLI (${Math.min(100, (100 * RANDOM_SAMPLE) / Math.max(1, n))}) REPEATABLE (42)`);
      await runner.query(`CREATE TEMP TABLE dd_rpairs ON COMMIT DROP AS SELECT x.id AS a, y.id AS b FROM dd_sample x JOIN dd_sample y ON x.id < y.id`);
      await runner.query(`ANALYZE dd_sample; ANALYZE dd_rpairs`);
      await this.compare(runner, 'dd_rpairs', 'dd_rcmp', 'dd_sample');
      const start = withExactU(uFromRandomPairs(await this.patterns(runner, 'dd_rcmp')), await this.exactU(runner));
      const patterns = await this.patterns(runner, 'dd_cmp');
      const fitted = estimate(patterns, start, (n * (n - 1)) / 2);
      const expected = expectedQuality(patterns, fitted.params, fitted.prior, REPORTED_THRESHOLDS);
      const [{ version }] = await runner.query(
        `INSERT INTO registry.duplicate_model (params, prior, pairs, iterations, expected, job_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING version`,
        [JSON.stringify(fitted.params), fitted.prior, pairsCompared, fitted.iterations, JSON.stringify(expected), options.jobId ?? null],
      );
      await this.storeNameFrequencies(runner, n, version);
      await step(0.75);
      await this.weigh(runner, fitted.params, fitted.prior);
      await step(0.85);
      const candidates = await this.insertCandidates(runner, settings, 'RUN', options.jobId ?? null, version, fitted.params, fitted.prior);
      const result = { candidates, pairsCompared, cappedKeys, modelVersion: version, seconds: (Date.now() - started) / 1000 };
      await options.beforeCommit?.(runner.manager, result);
      return result;
    }, true);
  }

  /**
   * Compares the people created by one import (`import_job_id`) with the whole registry and with
   * each other, with the latest model (the default one before any registry-wide run): the registry is
   * read once, keeping only the rows that share a blocking key, a phone or a document number with the batch.
   */
  async detectForBatch(jobId: string, options: Pick<DetectAllOptions, 'beforeCommit'> = {}): Promise<{ candidates: number }> {
    const started = Date.now();
    return this.inTransaction(async (runner) => {
      const settings = await this.getSettings(runner.manager);
      await runner.query(`CREATE TEMP TABLE dd_batch ON COMMIT DROP AS SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE i.import_job_id = $1 AND i.status <> 'MERGED'`, [jobId]);
      await runner.query(`ANALYZE dd_batch`);
      const [{ n }] = await runner.query(`SELECT count(*)::int AS n FROM dd_batch`);
      if (!n) return { candidates: 0 };
      await runner.query(`CREATE TEMP TABLE dd_batch_nb ON COMMIT DROP AS SELECT DISTINCT v.k, b.bd FROM dd_batch b CROSS JOIN LATERAL (VALUES (b.gk), (b.fk)) v(k) WHERE b.bd IS NOT NULL`);
      await runner.query(`CREATE TEMP TABLE dd_batch_phone ON COMMIT DROP AS SELECT DISTINCT ph.phone FROM dd_batch b CROSS JOIN LATERAL unnest(b.phones) AS ph(phone)`);
      await runner.query(`CREATE TEMP TABLE dd_batch_doc ON COMMIT DROP AS SELECT DISTINCT unnest(docs) AS number FROM dd_batch`);
      await runner.query(`ANALYZE dd_batch_nb; ANALYZE dd_batch_phone; ANALYZE dd_batch_doc`);
      // everyone who shares a name part and the birth date, both name keys in a village, a phone or a
      // document number with the batch: indexed equi-joins (the blocking-key expression indexes)
      await runner.query(`CREATE TEMP TABLE dd_batch_na ON COMMIT DROP AS SELECT DISTINCT ap, least(gk, fk) AS k1, greatest(gk, fk) AS k2 FROM dd_batch WHERE ap IS NOT NULL`);
      await runner.query(`ANALYZE dd_batch_na`);
      await runner.query(`
        CREATE TEMP TABLE dd_ids ON COMMIT DROP AS
        SELECT i.id FROM dd_batch_nb b JOIN registry.individual i ON coalesce(i.given_key, i.given_norm) = b.k AND i.birth_date = b.bd AND i.birth_date IS NOT NULL
        UNION
        SELECT i.id FROM dd_batch_nb b JOIN registry.individual i ON coalesce(i.family_key, i.family_norm) = b.k AND i.birth_date = b.bd AND i.birth_date IS NOT NULL
        UNION
        SELECT i.id FROM dd_batch_na b JOIN registry.individual i
            ON i.area_path = b.ap AND least(coalesce(i.given_key, i.given_norm), coalesce(i.family_key, i.family_norm)) = b.k1
           AND greatest(coalesce(i.given_key, i.given_norm), coalesce(i.family_key, i.family_norm)) = b.k2`);
      const [{ phones }] = await runner.query(`SELECT count(*)::int AS phones FROM dd_batch_phone`);
      // a few thousand phones are looked up in the GIN index; more (a migration) are joined to every phone of the registry
      await runner.query(
        phones <= MAX_INDEXED_PHONE_LOOKUPS
          ? `INSERT INTO dd_ids SELECT i.id FROM registry.individual i WHERE i.phones && (SELECT coalesce(array_agg(phone), '{}') FROM dd_batch_phone)`
          : `INSERT INTO dd_ids SELECT DISTINCT r.id FROM registry.individual r CROSS JOIN LATERAL unnest(r.phones) AS ph(phone) JOIN dd_batch_phone b ON b.phone = ph.phone`,
      );
      await runner.query(`INSERT INTO dd_ids SELECT d.individual_id FROM registry.individual_document d JOIN dd_batch_doc b ON b.number = d.number`);
      await runner.query(`ANALYZE dd_ids`);
      await runner.query(`
        CREATE TEMP TABLE dd_person ON COMMIT DROP AS
        SELECT ${PERSON_COLUMNS}, i.import_job_id IS NOT DISTINCT FROM $1::uuid AS inb FROM ${PERSON_FROM}
         WHERE i.status <> 'MERGED' AND i.id IN (SELECT id FROM dd_ids UNION SELECT id FROM dd_batch)`,
        [jobId],
      );
      await runner.query(`ANALYZE dd_person`);
      const cappedKeys = await this.block(runner);
      const pairsCompared = await this.compare(runner, 'dd_pairs', 'dd_cmp');
      const model = await this.getModel(runner.manager);
      await this.weigh(runner, model?.params ?? DEFAULT_PARAMS, model?.prior ?? DEFAULT_PRIOR);
      const candidates = await this.insertCandidates(runner, settings, 'IMPORT', jobId, model?.version ?? null, model?.params ?? null, model?.prior ?? DEFAULT_PRIOR);
      await options.beforeCommit?.(runner.manager, { candidates, pairsCompared, cappedKeys, modelVersion: model?.version ?? 0, seconds: (Date.now() - started) / 1000 });
      return { candidates };
    });
  }

  /**
   * Candidate pairs of `dd_person` into `dd_pairs` (with at least one side `inb`), from the blocking
   * keys; returns how many keys were dropped for being shared by too many people.
   */
  private async block(runner: QueryRunner): Promise<number> {
    const c = BLOCK_CAPS;
    // one row per person and key (kind 1 name part + birth date, 3 phone, 4 document), hashed; no
    // DISTINCT over millions of rows: a person's second name part gives a key only when it differs
    await runner.query(`
      CREATE TEMP TABLE dd_key ON COMMIT DROP AS
      SELECT p.id, p.inb, 1::smallint AS kind, hashtextextended(v.k || '|' || p.bd, 7) AS k
        FROM dd_person p CROSS JOIN LATERAL (VALUES (p.gk), (CASE WHEN p.fk IS DISTINCT FROM p.gk THEN p.fk END)) v(k) WHERE p.bd IS NOT NULL AND v.k IS NOT NULL
      UNION ALL
      SELECT p.id, p.inb, 3::smallint, hashtextextended(ph.phone, 9) FROM dd_person p CROSS JOIN LATERAL unnest(p.phones) AS ph(phone)
      UNION ALL
      SELECT p.id, p.inb, 4::smallint, hashtextextended(d.number, 10) FROM dd_person p CROSS JOIN LATERAL unnest(p.docs) AS d(number)`);
    // both name keys in either order within a village, with what the join needs of the birth date
    await runner.query(`
      CREATE TEMP TABLE dd_key_na ON COMMIT DROP AS
      SELECT p.id, p.inb, hashtextextended(p.ap || '|' || least(p.gk, p.fk) || '|' || greatest(p.gk, p.fk), 8) AS k, p.bd, p.est, p.by, p.bm, p.bdd
        FROM dd_person p WHERE p.ap IS NOT NULL`);
    await runner.query(`
      CREATE TEMP TABLE dd_capped ON COMMIT DROP AS
      SELECT kind, k FROM dd_key GROUP BY kind, k HAVING count(*) > CASE kind WHEN 1 THEN ${c.nameBirth} WHEN 3 THEN ${c.phone} ELSE ${c.document} END
      UNION ALL
      SELECT 2::smallint, k FROM dd_key_na GROUP BY k HAVING count(*) > ${c.nameArea}`);
    const [{ capped }] = await runner.query(`SELECT count(*)::int AS capped FROM dd_capped`);
    if (capped) {
      await runner.query(`DELETE FROM dd_key USING dd_capped c WHERE dd_key.kind = c.kind AND dd_key.k = c.k`);
      await runner.query(`DELETE FROM dd_key_na USING dd_capped c WHERE c.kind = 2 AND dd_key_na.k = c.k`);
    }
    await runner.query(`ANALYZE dd_key; ANALYZE dd_key_na`);
    // within a village on names alone, birth dates that rule out the same person are left out in the join
    await runner.query(`
      CREATE TEMP TABLE dd_pairs ON COMMIT DROP AS
      SELECT least(x.id, y.id) AS a, greatest(x.id, y.id) AS b
        FROM dd_key x JOIN dd_key y ON y.k = x.k AND y.kind = x.kind AND y.id <> x.id
       WHERE x.inb AND (NOT y.inb OR x.id < y.id)
      UNION
      SELECT least(x.id, y.id), greatest(x.id, y.id)
        FROM dd_key_na x JOIN dd_key_na y ON y.k = x.k AND y.id <> x.id
       WHERE x.inb AND (NOT y.inb OR x.id < y.id)
         AND (x.bd IS NULL OR y.bd IS NULL OR x.est OR y.est OR abs(x.by - y.by) <= 1 OR (x.bm = y.bm AND x.bdd = y.bdd) OR x.by / 10 = y.by / 10)`);
    await runner.query(`ANALYZE dd_pairs`);
    return capped;
  }

  /** Levels of agreement of every pair of `pairs` (a, b) into `out`; returns the number of pairs. */
  private async compare(runner: QueryRunner, pairs: string, out: string, persons = 'dd_person'): Promise<number> {
    // names are compared once per distinct pair of terms, which repeat a lot
    await runner.query(`
      CREATE TEMP TABLE ${out}_terms ON COMMIT DROP AS
      SELECT DISTINCT v.t1, v.t2
        FROM (SELECT DISTINCT x.gn AS xg, x.fn AS xf, y.gn AS yg, y.fn AS yf FROM ${pairs} p JOIN ${persons} x ON x.id = p.a JOIN ${persons} y ON y.id = p.b) n
       CROSS JOIN LATERAL (VALUES (n.xg, n.yg), (n.xf, n.yf), (n.xg, n.yf), (n.xf, n.yg)) v(t1, t2)`);
    // the phonetic key, length and words of each distinct term once (the key per pair of terms was 18 of the 20 s
    // this step took at 1,000,000 people with a registry's spread of names), similarity and distance once per pair
    await runner.query(`
      CREATE TEMP TABLE ${out}_dict ON COMMIT DROP AS
      SELECT t, registry.name_key(t) AS k, length(t) AS len, string_to_array(t, ' ') AS words
        FROM (SELECT t1 AS t FROM ${out}_terms UNION SELECT t2 FROM ${out}_terms) d WHERE t IS NOT NULL`);
    await runner.query(`
      CREATE TEMP TABLE ${out}_names ON COMMIT DROP AS
      SELECT p.t1, p.t2, ${nameLevelOf({ term: 'p.t1', key: 'x.k', len: 'x.len', words: 'x.words' }, { term: 'p.t2', key: 'y.k', len: 'y.len', words: 'y.words' }, 's.sim', 's.lev')} AS lvl
        FROM ${out}_terms p
        LEFT JOIN ${out}_dict x ON x.t = p.t1
        LEFT JOIN ${out}_dict y ON y.t = p.t2
       CROSS JOIN LATERAL (SELECT similarity(p.t1, p.t2) AS sim, levenshtein(p.t1, p.t2) AS lev OFFSET 0) s`);
    // no index: four hash joins on this small table stream the pairs, where merge joins sorted the wide rows four times
    await runner.query(`ANALYZE ${out}_names`);
    await runner.query(`
      CREATE TEMP TABLE ${out} ON COMMIT DROP AS
      SELECT p.a, p.b, n.swapped,
             CASE WHEN n.swapped THEN s3.lvl ELSE s1.lvl END AS gl,
             CASE WHEN n.swapped THEN s4.lvl ELSE s2.lvl END AS fl,
             ${birthLevel('x', 'y')} AS bl,
             CASE WHEN x.sex = y.sex THEN 1 ELSE 0 END AS sl,
             CASE WHEN cardinality(x.phones) = 0 OR cardinality(y.phones) = 0 THEN -1 WHEN x.phones && y.phones THEN 1 ELSE 0 END AS pl,
             CASE WHEN x.docs IS NULL OR y.docs IS NULL THEN -1 WHEN x.docs && y.docs THEN 1 ELSE 0 END AS dl,
             CASE WHEN x.hh = y.hh OR x.addr = y.addr THEN 3 WHEN x.aph IS NULL OR y.aph IS NULL THEN -1 WHEN x.aph = y.aph THEN 2 WHEN x.pph = y.pph THEN 1 ELSE 0 END AS al,
             coalesce(x.hh = y.hh, false) AS same_household,
             (x.docs IS NULL) <> (y.docs IS NULL) AS doc_one_side,
             -- the terms an exact name level agreed on (crossed or not, x's given and family name), for their frequency
             x.gn AS gt, x.fn AS ft
        FROM ${pairs} p
        JOIN ${persons} x ON x.id = p.a
        JOIN ${persons} y ON y.id = p.b
        JOIN ${out}_names s1 ON s1.t1 = x.gn AND s1.t2 = y.gn
        JOIN ${out}_names s2 ON s2.t1 = x.fn AND s2.t2 = y.fn
        JOIN ${out}_names s3 ON s3.t1 = x.gn AND s3.t2 = y.fn
        JOIN ${out}_names s4 ON s4.t1 = x.fn AND s4.t2 = y.gn
        CROSS JOIN LATERAL (SELECT s3.lvl + s4.lvl > s1.lvl + s2.lvl AS swapped) n`);
    const [{ n }] = await runner.query(`SELECT count(*)::int AS n FROM ${out}`);
    return n;
  }

  /**
   * u of the exact-agreement levels counted over all of `dd_person` in one scan: the share of pairs agreeing on a given
   * name, a family name, a birth date, the sex, a household (or address), a village, a parent area (Σ c(c-1) / n(n-1)
   * over each value's count c). Not phones and documents: random pairs share one less often than the model's floor of
   * 1e-6 (the counts would mostly find the duplicates themselves), and unnesting them cost 5 s at 1,000,000 people.
   */
  private async exactU(runner: QueryRunner): Promise<ExactU> {
    const rows: { f: string; same: number; n: number }[] = await runner.query(`
      SELECT f, sum(c * (c - 1))::float8 AS same, sum(c)::float8 AS n FROM (
        SELECT CASE WHEN GROUPING(gn) = 0 THEN 'g' WHEN GROUPING(fn) = 0 THEN 'f' WHEN GROUPING(bd) = 0 THEN 'b' WHEN GROUPING(sex) = 0 THEN 's'
                    WHEN GROUPING(hk) = 0 THEN 'h' WHEN GROUPING(ak) = 0 THEN 'a' ELSE 'p' END AS f,
               coalesce(gn, fn, bd::text, sex, hk, ak::text, pk::text) IS NOT NULL AS known, count(*)::float8 AS c
          FROM (SELECT gn, fn, bd, sex, CASE WHEN aph IS NOT NULL THEN coalesce(addr::text, hh::text) END AS hk, aph AS ak, CASE WHEN aph IS NOT NULL THEN pph END AS pk FROM dd_person) p
         GROUP BY GROUPING SETS ((gn), (fn), (bd), (sex), (hk), (ak), (pk))) g
       WHERE known GROUP BY f`);
    const share = Object.fromEntries(rows.map((r) => [r.f, r.n > 1 ? (r.same ?? 0) / (r.n * (r.n - 1)) : NaN]));
    const place = { h: share['h'], a: share['a'], p: share['p'] };
    return {
      givenName: { 3: share['g'] },
      familyName: { 3: share['f'] },
      birthDate: { 5: share['b'] },
      sex: { 1: share['s'] },
      // a household lies in one village, a village in one parent: each level is its share less the narrower one's
      place: { 3: place.h, 2: place.a - place.h, 1: place.p - place.a },
    };
  }

  private async patterns(runner: QueryRunner, table: string): Promise<Pattern[]> {
    const rows: { gl: number; fl: number; bl: number; sl: number; pl: number; dl: number; al: number; n: number }[] = await runner.query(
      `SELECT gl, fl, bl, sl, pl, dl, al, count(*)::int AS n FROM ${table} GROUP BY gl, fl, bl, sl, pl, dl, al`,
    );
    return rows.map((r) => ({ levels: [r.gl, r.fl, r.bl, r.sl, r.pl, r.dl, r.al], count: r.n }));
  }

  /** The weight log2(m/u) of each level into `dd_weight`; the sum per comparison pattern, and its match probability, into `dd_pattern`. */
  private async weigh(runner: QueryRunner, params: ModelParams, prior: number): Promise<void> {
    const rows = FIELD_NAMES.flatMap((field, f) => (MODEL_FIELDS[field] as readonly string[]).map((label, level) => ({ ord: f + 1, field, level, label, weight: weightOf(params[field], level) })));
    for (const [f, field] of FIELD_NAMES.entries()) rows.push({ ord: f + 1, field, level: -1, label: 'missing', weight: 0 });
    await runner.query(
      `CREATE TEMP TABLE dd_weight ON COMMIT DROP AS SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::text[], $5::float8[]) AS w(ord, field, level, label, weight)`,
      [rows.map((r) => r.ord), rows.map((r) => r.field), rows.map((r) => r.level), rows.map((r) => r.label), rows.map((r) => r.weight)],
    );
    await runner.query(
      `CREATE TEMP TABLE dd_pattern ON COMMIT DROP AS
       SELECT c.gl, c.fl, c.bl, c.sl, c.pl, c.dl, c.al, sum(w.weight) AS weight,
              1 / (1 + power(2, -(sum(w.weight) + log(2, ($1::float8 / (1 - $1::float8))::numeric)::float8))) AS probability,
              jsonb_agg(jsonb_build_object('field', w.field, 'level', w.label, 'weight', round(w.weight::numeric, 2)) ORDER BY w.ord) AS contributions
         FROM (SELECT DISTINCT gl, fl, bl, sl, pl, dl, al FROM dd_cmp) c
        CROSS JOIN LATERAL unnest(ARRAY[c.gl, c.fl, c.bl, c.sl, c.pl, c.dl, c.al]) WITH ORDINALITY AS v(level, ord)
        JOIN dd_weight w ON w.ord = v.ord AND w.level = v.level
        GROUP BY c.gl, c.fl, c.bl, c.sl, c.pl, c.dl, c.al`,
      [prior],
    );
  }

  /**
   * How common each given and family name is among the `n` people of a registry-wide run, for the term-frequency
   * adjustment of later runs and batches (names held by one person are left out: they are the rarest).
   */
  private async storeNameFrequencies(runner: QueryRunner, n: number, version: number): Promise<void> {
    await runner.query(`DELETE FROM registry.duplicate_name_frequency`);
    await runner.query(
      `INSERT INTO registry.duplicate_name_frequency (kind, term, share, holders, model_version)
       SELECT kind, term, c / $1::float8, c, $2 FROM (
         SELECT CASE WHEN GROUPING(gn) = 0 THEN 'G' ELSE 'F' END AS kind, coalesce(gn, fn) AS term, count(*) AS c
           FROM dd_person GROUP BY GROUPING SETS ((gn), (fn)) HAVING count(*) > 1) t
        WHERE term IS NOT NULL`,
      [Math.max(n, 2), version],
    );
  }

  /**
   * u of an exact match on a name, and the share of a name the counting run did not store (held by one person then:
   * two with the newcomer), per kind, for the term-frequency adjustment; null when no registry-wide run has counted
   * the names, or without a model.
   */
  async nameFrequencyContext(em: EntityManager, params: ModelParams | null): Promise<NameFrequencyContext | null> {
    if (!params) return null;
    const rows: { kind: string; min: number }[] = await em.query(`SELECT kind, 2 * min(share / holders) AS min FROM registry.duplicate_name_frequency GROUP BY kind`);
    const min = Object.fromEntries(rows.map((r) => [r.kind.trim(), Number(r.min)]));
    if (!(min['G'] > 0 && min['F'] > 0)) return null;
    return { ug: params.givenName.u[3], uf: params.familyName.u[3], unseenG: min['G'], unseenF: min['F'] };
  }

  /**
   * Pairs whose match probability reaches the threshold, and every pair sharing a document number,
   * become PENDING candidates; twins of one household are left alone; a pair already known in any
   * status is left as it is. Exact name matches weigh by the name's frequency (`nameFrequencySql`).
   */
  private async insertCandidates(runner: QueryRunner, settings: DuplicateSettings, source: 'RUN' | 'IMPORT', jobId: string | null, modelVersion: number | null, params: ModelParams | null, prior: number): Promise<number> {
    const tf = await this.nameFrequencyContext(runner.manager, params);
    const [{ n }] = await runner.query(
      `WITH ins AS (
         INSERT INTO registry.duplicate_candidate (individual_a_id, individual_b_id, score, matched, status, source, job_id, area_path, contributions, match_weight, model_version)
         SELECT c.a, c.b, round(q.probability::numeric, 4),
                array_remove(ARRAY[
                  CASE WHEN c.dl = 1 THEN 'document' END, CASE WHEN c.pl = 1 THEN 'phone' END,
                  CASE WHEN c.gl >= 2 AND c.fl >= 2 THEN 'name' END, CASE WHEN c.bl >= 4 THEN 'birthDate' END,
                  CASE WHEN c.sl = 1 THEN 'sex' END, CASE WHEN c.al >= 2 THEN 'area' END, CASE WHEN c.al = 3 THEN 'household' END], NULL),
                'PENDING', $1, $2, coalesce(ia.area_path, ib.area_path, ''),
                ${adjustedContributions('p.contributions', 't')},
                round(q.weight::numeric, 2), $4
           FROM dd_cmp c
           JOIN dd_pattern p ON (p.gl, p.fl, p.bl, p.sl, p.pl, p.dl, p.al) = (c.gl, c.fl, c.bl, c.sl, c.pl, c.dl, c.al)
           ${nameFrequencySql('c', 't', { on: '$5', ug: '$6', uf: '$7', unseenG: '$8', unseenF: '$9' })}
          CROSS JOIN LATERAL (
                SELECT p.weight + t.g + t.f AS weight,
                       1 / (1 + power(2, -(p.weight + t.g + t.f + $10::float8))) AS probability) q
           JOIN registry.individual ia ON ia.id = c.a
           JOIN registry.individual ib ON ib.id = c.b
          WHERE (q.probability >= $3 OR c.dl = 1)
            -- twins of one household: same family name and birth date, other given names, no phone or document in
            -- common, and both documented (different numbers) or neither: twins are registered at birth together,
            -- a record with a document beside one without is more often a re-registration than a twin
            AND NOT (c.same_household AND c.bl = 5 AND c.gl = 0 AND c.fl >= 2 AND NOT c.swapped AND c.pl <> 1 AND c.dl <> 1 AND NOT c.doc_one_side)
            -- two full birth dates that differ beyond a registration slip (namesakes, siblings given one name) need a phone or a document in common
            AND NOT (c.bl IN (0, 1, 2) AND c.pl <> 1 AND c.dl <> 1)
          ORDER BY c.a, c.b
         ON CONFLICT (individual_a_id, individual_b_id) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [source, jobId, settings.threshold, modelVersion, ...nameFrequencyParams(tf), Math.log2(prior / (1 - prior))],
    );
    return n;
  }

  /**
   * One transaction on a dedicated connection: the temporary tables go with it. Concurrent runs are
   * safe (candidates are inserted in pair order, ON CONFLICT DO NOTHING), but registry-wide runs
   * queue behind each other rather than compete for the two cores.
   */
  private async inTransaction<T>(work: (runner: QueryRunner) => Promise<T>, exclusive = false): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    if (process.env['DUPLICATES_TRACE']) {
      // step timings on stderr, for benchmarks
      const query = runner.query.bind(runner);
      // DUPLICATES_TRACE=explain: the plan of each statement that builds a table or inserts, with its timings and
      // buffers; =plans: the same without per-node timing, whose clock readings would slow a measured run
      const explain = ['explain', 'plans'].includes(process.env['DUPLICATES_TRACE'] ?? '');
      const options = process.env['DUPLICATES_TRACE'] === 'plans' ? 'ANALYZE, BUFFERS, TIMING OFF' : 'ANALYZE, BUFFERS';
      runner.query = (async (...args: Parameters<QueryRunner['query']>) => {
        const t = Date.now();
        const sql = args[0].trim();
        if (explain && /^(CREATE TEMP TABLE \w+ ON COMMIT DROP AS|INSERT INTO dd_)/.test(sql)) {
          const plan: { 'QUERY PLAN': string }[] = await query(`EXPLAIN (${options}) ${sql}`, args[1]);
          process.stderr.write(`[duplicates] ${Date.now() - t} ms ${sql.replace(/\s+/g, ' ').slice(0, 90)}\n${plan.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}\n`);
          return [];
        }
        const out = await query(...args);
        process.stderr.write(`[duplicates] ${Date.now() - t} ms ${sql.replace(/\s+/g, ' ').slice(0, 90)}\n`);
        return out;
      }) as typeof runner.query;
    }
    try {
      await runner.startTransaction();
      if (exclusive) await runner.query(`SELECT pg_advisory_xact_lock(hashtext('registry.duplicate_detection'))`);
      // hash joins over the whole registry fit in memory; the comparison expressions are large and run
      // on few rows, where JIT compilation costs seconds and saves nothing
      await runner.query(`SET LOCAL work_mem = '256MB'`);
      await runner.query(`SET LOCAL jit = off`);
      // the comparison joins pairs to four small tables of name levels on two text columns: merge joins
      // sorted the pairs' wide rows once per table (2.5x slower at 50,000 on the random pairs), hash joins stream them
      await runner.query(`SET LOCAL enable_mergejoin = off`);
      const result = await work(runner);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}

function normaliseSettings(value: Record<string, unknown>): DuplicateSettings {
  const threshold = Number(value['threshold']);
  const reviewBelow = value['reviewBelow'] === null || value['reviewBelow'] === undefined ? null : Number(value['reviewBelow']);
  return {
    threshold: threshold >= MIN_DUPLICATE_THRESHOLD && threshold <= 1 ? threshold : DEFAULT_DUPLICATE_SETTINGS.threshold,
    reviewBelow: reviewBelow !== null && Number.isFinite(reviewBelow) ? reviewBelow : null,
  };
}
