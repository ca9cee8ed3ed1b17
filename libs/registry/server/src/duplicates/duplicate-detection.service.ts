import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { invalidField, JobCancelledError } from '@coremis/core';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { RegistrySetting } from '../entities/registry-settings.entities';

/** Key of the thresholds in `registry.setting`. */
export const DUPLICATE_SETTINGS_KEY = 'duplicates';

export interface DuplicateSettings {
  /** Lowest score (0..1) at which a pair becomes a candidate. */
  threshold: number;
  /**
   * Optional, at least `threshold`: candidates scoring below it are the uncertain ones that need a
   * careful look; the review screen shows them apart. Detection itself does not use it.
   */
  reviewBelow: number | null;
}

export const DEFAULT_DUPLICATE_SETTINGS: DuplicateSettings = { threshold: 0.8, reviewBelow: null };

/**
 * Lowest threshold accepted. Two people of the same village who share a common name but not their
 * birth dates score 0.65: below that, such namesakes (a million pairs at 1,000,000 individuals)
 * would bury the review list.
 */
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
  seconds: number;
}

/**
 * Weights of the score: a weighted mean of name, birth date and sex agreement (each 0..1); a shared
 * phone then closes 40% of the remaining gap to 1. Names weigh most, and the two name parts multiply,
 * so that one matching family name (siblings, spouses) is far from enough.
 */
export const SCORE_WEIGHTS = { name: 0.5, birthDate: 0.35, sex: 0.15, phoneGap: 0.4, documentGap: 0.6 } as const;

/** Phones shared by more people than this (a community phone, an agent's number) say nothing. */
const MAX_PHONE_GROUP = 50;

/** Up to this many distinct phones, a batch finds who shares them through the GIN index of phones. */
const MAX_INDEXED_PHONE_LOOKUPS = 5000;

/** Score of one name part against another: equal, one swap of adjacent letters, same sound, or edit/trigram closeness. */
function namePartScore(x: string, y: string, kx: string, ky: string): string {
  return `CASE WHEN ${x} = ${y} THEN 1.0
    WHEN length(${x}) = length(${y}) AND levenshtein(${x}, ${y}) = 2
         AND EXISTS (SELECT 1 FROM generate_series(1, length(${x}) - 1) AS t(i)
                      WHERE overlay(${x} PLACING substr(${x}, t.i + 1, 1) || substr(${x}, t.i, 1) FROM t.i FOR 2) = ${y}) THEN 0.9
    ELSE greatest(CASE WHEN ${kx} = ${ky} THEN 0.8 ELSE 0 END, similarity(${x}, ${y}),
                  1 - levenshtein(${x}, ${y})::float8 / greatest(length(${x}), length(${y}), 1)) END`;
}

/**
 * Agreement of two birth dates, 0..1. Unknown on either side is neutral (0.5); an estimated date
 * (from an age) matches within two years; otherwise the usual registration slips: a day off, the
 * same day a year off, day and month swapped; within a month is weak; anything else disagrees.
 */
function birthScore(x: string, y: string): string {
  return `CASE WHEN ${x}.bd IS NULL OR ${y}.bd IS NULL THEN 0.5
    WHEN ${x}.est OR ${y}.est THEN CASE WHEN abs(${x}.bd - ${y}.bd) <= 366 THEN 0.7 WHEN abs(${x}.bd - ${y}.bd) <= 731 THEN 0.5 ELSE 0 END
    WHEN ${x}.bd = ${y}.bd THEN 1
    WHEN abs(${x}.bd - ${y}.bd) <= 1 THEN 0.85
    WHEN ${x}.bm = ${y}.bm AND ${x}.bdd = ${y}.bdd AND abs(${x}.by - ${y}.by) = 1 THEN 0.8
    WHEN ${x}.by = ${y}.by AND ${x}.bm = ${y}.bdd AND ${x}.bdd = ${y}.bm THEN 0.8
    WHEN abs(${x}.bd - ${y}.bd) <= 31 THEN 0.4
    ELSE 0 END`;
}

/**
 * The comparison columns of a person, with three blocking keys (64-bit hashes, so that the joins
 * compare integers): h1 = area + the two phonetic name keys in either order (swapped names, accents,
 * case and spelling variants); h2 = area + family-name key + birth date and h3 = area + given-name
 * key + birth date (a typo that changes the sound of one name).
 */
function personColumns(i: string): string {
  const gk = `coalesce(${i}.given_key, ${i}.given_norm)`;
  const fk = `coalesce(${i}.family_key, ${i}.family_norm)`;
  return `${i}.id, ${i}.area_path, ${i}.household_id, ${i}.given_norm AS gn, ${i}.family_norm AS fn, ${gk} AS gk, ${fk} AS fk,
    ${i}.birth_date AS bd, ${i}.birth_date_estimated AS est,
    extract(year FROM ${i}.birth_date)::int AS by, extract(month FROM ${i}.birth_date)::int AS bm, extract(day FROM ${i}.birth_date)::int AS bdd,
    ${i}.sex, ${i}.phones, ${blockKeys(i)}`;
}

function blockKeys(i: string): string {
  const gk = `coalesce(${i}.given_key, ${i}.given_norm)`;
  const fk = `coalesce(${i}.family_key, ${i}.family_norm)`;
  return `hashtextextended(${i}.area_path || '|' || least(${gk}, ${fk}) || '|' || greatest(${gk}, ${fk}), 0) AS h1,
    CASE WHEN ${i}.birth_date IS NOT NULL THEN hashtextextended(${i}.area_path || '|' || ${fk} || '|' || ${i}.birth_date, 1) END AS h2,
    CASE WHEN ${i}.birth_date IS NOT NULL THEN hashtextextended(${i}.area_path || '|' || ${gk} || '|' || ${i}.birth_date, 2) END AS h3`;
}

/**
 * Duplicate detection over the registry, in set-based SQL: blocking passes put together the people
 * that could be the same (same village and similar-sounding names, same village + birth date + one
 * name, same phone, same document number under two types), every such pair is scored in one
 * statement, and pairs at or above the threshold become PENDING candidates. Pairs already known (in
 * any status, NOT_DUPLICATE included) are never inserted again.
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
      await runner.query(`CREATE TEMP TABLE dd_person ON COMMIT DROP AS SELECT ${personColumns('i')} FROM registry.individual i WHERE i.status <> 'MERGED'`);
      await runner.query(`ANALYZE dd_person`);
      await this.createPairTable(runner);
      await step(0.15);
      await runner.query(`
        INSERT INTO dd_pair (a, b)
        SELECT x.id, y.id FROM dd_person x JOIN dd_person y ON y.h1 = x.h1 AND x.id < y.id
         WHERE ${this.birthPrune(settings)}`);
      await step(0.35);
      for (const key of ['h2', 'h3']) {
        await runner.query(`INSERT INTO dd_pair (a, b) SELECT x.id, y.id FROM dd_person x JOIN dd_person y ON y.${key} = x.${key} AND x.id < y.id`);
      }
      await step(0.5);
      await runner.query(`CREATE TEMP TABLE dd_phone ON COMMIT DROP AS SELECT p.id, ph.phone FROM dd_person p CROSS JOIN LATERAL unnest(p.phones) AS ph(phone)`);
      await runner.query(`ANALYZE dd_phone`);
      await runner.query(`
        INSERT INTO dd_pair (a, b)
        SELECT x.id, y.id FROM dd_phone x JOIN dd_phone y ON y.phone = x.phone AND x.id < y.id
         WHERE x.phone IN (SELECT phone FROM dd_phone GROUP BY phone HAVING count(*) BETWEEN 2 AND ${MAX_PHONE_GROUP})`);
      // a number is unique per type: the same number under two types is the only exact document match left
      await runner.query(`
        INSERT INTO dd_pair (a, b, doc)
        SELECT least(d1.individual_id, d2.individual_id), greatest(d1.individual_id, d2.individual_id), true
          FROM registry.individual_document d1
          JOIN registry.individual_document d2 ON d2.number = d1.number AND d2.type > d1.type AND d2.individual_id <> d1.individual_id`);
      await step(0.65);
      const pairsCompared = await this.score(runner);
      await step(0.9);
      const candidates = await this.insertCandidates(runner, settings, 'RUN', options.jobId ?? null);
      const result = { candidates, pairsCompared, seconds: (Date.now() - started) / 1000 };
      await options.beforeCommit?.(runner.manager, result);
      return result;
    }, true);
  }

  /**
   * Compares the people created by one import (`import_job_id`) with the whole registry and with
   * each other: the registry is read once, keeping only the rows that share a blocking key, a phone
   * or a document number with the batch.
   */
  async detectForBatch(jobId: string): Promise<{ candidates: number }> {
    return this.inTransaction(async (runner) => {
      const settings = await this.getSettings(runner.manager);
      await runner.query(`CREATE TEMP TABLE dd_batch ON COMMIT DROP AS SELECT ${personColumns('i')} FROM registry.individual i WHERE i.import_job_id = $1 AND i.status <> 'MERGED'`, [jobId]);
      await runner.query(`ANALYZE dd_batch`);
      const [{ n }] = await runner.query(`SELECT count(*)::int AS n FROM dd_batch`);
      if (!n) return { candidates: 0 };
      await runner.query(`CREATE TEMP TABLE dd_batch_phone ON COMMIT DROP AS SELECT DISTINCT ph.phone FROM dd_batch b CROSS JOIN LATERAL unnest(b.phones) AS ph(phone)`);
      await runner.query(`CREATE TEMP TABLE dd_batch_doc ON COMMIT DROP AS SELECT d.individual_id AS id, d.type, d.number FROM registry.individual_document d WHERE d.individual_id IN (SELECT id FROM dd_batch)`);
      await runner.query(`ANALYZE dd_batch_phone`);
      await runner.query(`ANALYZE dd_batch_doc`);
      // everyone the batch could be compared with, the batch included: who shares a blocking key, a
      // phone or a document number with it
      await runner.query(`
        CREATE TEMP TABLE dd_ids ON COMMIT DROP AS
        SELECT r.id FROM (SELECT i.id, ${blockKeys('i')} FROM registry.individual i WHERE i.area_path IN (SELECT DISTINCT area_path FROM dd_batch)) r
         WHERE r.h1 IN (SELECT h1 FROM dd_batch) OR r.h2 IN (SELECT h2 FROM dd_batch) OR r.h3 IN (SELECT h3 FROM dd_batch)`);
      const [{ phones }] = await runner.query(`SELECT count(*)::int AS phones FROM dd_batch_phone`);
      // a few thousand phones are looked up in the GIN index; more (a migration) are joined to every phone of the registry
      await runner.query(
        phones <= MAX_INDEXED_PHONE_LOOKUPS
          ? `INSERT INTO dd_ids SELECT i.id FROM registry.individual i WHERE i.phones && (SELECT coalesce(array_agg(phone), '{}') FROM dd_batch_phone)`
          : `INSERT INTO dd_ids SELECT DISTINCT r.id FROM registry.individual r CROSS JOIN LATERAL unnest(r.phones) AS ph(phone) JOIN dd_batch_phone b ON b.phone = ph.phone`,
      );
      await runner.query(`INSERT INTO dd_ids SELECT d.individual_id FROM registry.individual_document d JOIN dd_batch_doc b ON b.number = d.number AND b.type <> d.type`);
      await runner.query(`ANALYZE dd_ids`);
      await runner.query(`CREATE TEMP TABLE dd_person ON COMMIT DROP AS SELECT ${personColumns('i')} FROM registry.individual i WHERE i.status <> 'MERGED' AND i.id IN (SELECT id FROM dd_ids)`);
      await runner.query(`ANALYZE dd_person`);
      await this.createPairTable(runner);
      const pair = `least(x.id, y.id), greatest(x.id, y.id)`;
      await runner.query(`INSERT INTO dd_pair (a, b) SELECT ${pair} FROM dd_batch x JOIN dd_person y ON y.h1 = x.h1 AND y.id <> x.id WHERE ${this.birthPrune(settings)}`);
      for (const key of ['h2', 'h3']) await runner.query(`INSERT INTO dd_pair (a, b) SELECT ${pair} FROM dd_batch x JOIN dd_person y ON y.${key} = x.${key} AND y.id <> x.id`);
      await runner.query(`
        INSERT INTO dd_pair (a, b)
        SELECT ${pair} FROM (SELECT b.id, ph.phone FROM dd_batch b CROSS JOIN LATERAL unnest(b.phones) AS ph(phone)) x
          JOIN (SELECT p.id, ph.phone FROM dd_person p CROSS JOIN LATERAL unnest(p.phones) AS ph(phone)) y ON y.phone = x.phone AND y.id <> x.id
         WHERE x.phone IN (SELECT ph.phone FROM dd_person p CROSS JOIN LATERAL unnest(p.phones) AS ph(phone) GROUP BY ph.phone HAVING count(*) <= ${MAX_PHONE_GROUP})`);
      await runner.query(`
        INSERT INTO dd_pair (a, b, doc)
        SELECT least(x.id, d.individual_id), greatest(x.id, d.individual_id), true
          FROM dd_batch_doc x JOIN registry.individual_document d ON d.number = x.number AND d.type <> x.type AND d.individual_id <> x.id`);
      await this.score(runner);
      return { candidates: await this.insertCandidates(runner, settings, 'IMPORT', jobId) };
    });
  }

  /** B-side rows of the name block whose birth dates rule out reaching the threshold are dropped in the join. */
  private birthPrune(settings: DuplicateSettings): string {
    const bestWithoutBirth = SCORE_WEIGHTS.name + SCORE_WEIGHTS.sex;
    return settings.threshold > bestWithoutBirth ? `(${birthScore('x', 'y')}) > 0` : 'true';
  }

  private async createPairTable(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TEMP TABLE dd_pair (a uuid NOT NULL, b uuid NOT NULL, doc boolean NOT NULL DEFAULT false) ON COMMIT DROP`);
  }

  /** Scores every distinct pair of `dd_pair` into `dd_scored`; returns how many pairs were compared. */
  private async score(runner: QueryRunner): Promise<number> {
    await runner.query(`CREATE TEMP TABLE dd_pairs ON COMMIT DROP AS SELECT a, b, bool_or(doc) AS doc FROM dd_pair GROUP BY a, b`);
    await runner.query(`ANALYZE dd_pairs`);
    const w = SCORE_WEIGHTS;
    const base = `(${w.name} * t.name + ${w.birthDate} * t.birth + ${w.sex} * t.sex)`;
    const withPhone = `(${base} + CASE WHEN t.phone THEN (1 - ${base}) * ${w.phoneGap} ELSE 0 END)`;
    const total = `(${withPhone} + CASE WHEN p.doc THEN (1 - ${withPhone}) * ${w.documentGap} ELSE 0 END)`;
    await runner.query(`
      CREATE TEMP TABLE dd_scored ON COMMIT DROP AS
      SELECT p.a, p.b, p.doc, coalesce(x.area_path, y.area_path, '') AS area_path,
             round(least(1, greatest(0, ${total}))::numeric, 4) AS score,
             array_remove(ARRAY[
               CASE WHEN p.doc THEN 'document' END,
               CASE WHEN t.phone THEN 'phone' END,
               CASE WHEN t.name >= 0.8 THEN 'name' END,
               CASE WHEN t.birth >= 0.8 THEN 'birthDate' END,
               CASE WHEN t.sex = 1 THEN 'sex' END,
               CASE WHEN x.area_path = y.area_path THEN 'area' END], NULL) AS matched
        FROM dd_pairs p
        JOIN dd_person x ON x.id = p.a
        JOIN dd_person y ON y.id = p.b
        CROSS JOIN LATERAL (SELECT
          ${namePartScore('x.gn', 'y.gn', 'x.gk', 'y.gk')} AS gg,
          ${namePartScore('x.fn', 'y.fn', 'x.fk', 'y.fk')} AS ff,
          ${namePartScore('x.gn', 'y.fn', 'x.gk', 'y.fk')} AS gf,
          ${namePartScore('x.fn', 'y.gn', 'x.fk', 'y.gk')} AS fg) s
        CROSS JOIN LATERAL (SELECT
          greatest(s.gg * s.ff, s.gf * s.fg) AS name,
          ${birthScore('x', 'y')} AS birth,
          CASE WHEN x.sex = y.sex THEN 1 ELSE 0 END AS sex,
          x.phones && y.phones AS phone) t`);
    const [{ n }] = await runner.query(`SELECT count(*)::int AS n FROM dd_scored`);
    return n;
  }

  /**
   * Pairs at or above the threshold, and every pair sharing a document number, become PENDING
   * candidates; a pair already known in any status is left as it is.
   */
  private async insertCandidates(runner: QueryRunner, settings: DuplicateSettings, source: 'RUN' | 'IMPORT', jobId: string | null): Promise<number> {
    const [{ n }] = await runner.query(
      `WITH ins AS (
         INSERT INTO registry.duplicate_candidate (individual_a_id, individual_b_id, score, matched, status, source, job_id, area_path)
         SELECT s.a, s.b, s.score, s.matched, 'PENDING', $1, $2, s.area_path FROM dd_scored s
          WHERE s.score >= $3 OR s.doc
          ORDER BY s.a, s.b
         ON CONFLICT (individual_a_id, individual_b_id) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [source, jobId, settings.threshold],
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
    try {
      await runner.startTransaction();
      if (exclusive) await runner.query(`SELECT pg_advisory_xact_lock(hashtext('registry.duplicate_detection'))`);
      // hash joins over the whole registry fit in memory; the scoring expressions are large and run on
      // few rows, where JIT compilation costs seconds and saves nothing
      await runner.query(`SET LOCAL work_mem = '256MB'`);
      await runner.query(`SET LOCAL jit = off`);
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
