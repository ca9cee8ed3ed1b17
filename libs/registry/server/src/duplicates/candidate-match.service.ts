import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Actor, areaScopePatterns, RequestContext } from '@coremis/core';
import type { DataSource, EntityManager } from 'typeorm';
import { adjustedContributions, BLOCK_CAPS, birthLevel, DuplicateDetectionService, nameFrequencyParams, nameFrequencySql, nameLevel, PERSON_COLUMNS, PERSON_FROM } from './duplicate-detection.service';
import { DEFAULT_PARAMS, DEFAULT_PRIOR, FIELD_NAMES, MODEL_FIELDS, weightOf } from './duplicate-model';

/** A person not (yet) in the registry: a staged submission's member, an application. */
export interface UnregisteredPerson {
  /** The caller's reference, returned with each candidate. */
  key: string;
  givenName: string | null | undefined;
  familyName: string | null | undefined;
  /** yyyy-mm-dd; anything else counts as missing. */
  birthDate?: string | null;
  birthDateEstimated?: boolean;
  sex?: string | null;
  phones?: readonly string[];
  documents?: readonly string[];
  areaPath?: string | null;
  address?: string | null;
  /** A registry household this person already belongs to (an edit of what it created): its members are not candidates. */
  householdId?: string | null;
}

export interface FieldContribution {
  field: string;
  level: string;
  weight: number;
}

export interface RegisteredCandidate {
  key: string;
  individualId: string;
  householdId: string | null;
  areaPath: string;
  /** Match probability from the model (0..1). */
  score: number;
  matchWeight: number;
  /** Fields that agree: document, phone, name, birthDate, sex, area, household (as on registry candidates). */
  matched: string[];
  contributions: FieldContribution[];
  /** Model version used (null: the default model, before any registry-wide run). */
  modelVersion: number | null;
}

export interface CandidateMatchOptions {
  /** The caller's transaction (temporary tables live in it); otherwise one of its own. */
  em?: EntityManager;
  /** Whose areas bound the candidates returned (default: the request's actor; none for system work). */
  actor?: Actor | null;
  /** Candidates kept per person, best first (default 3). */
  limit?: number;
  /** Lowest match probability (default: the registry's duplicate threshold). */
  threshold?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TABLES = ['cm_person', 'cm_ids', 'cm_key', 'cm_capped', 'cm_pairs', 'cm_names', 'cm_cmp', 'cm_weight'];

function validDate(value: string | null | undefined): string | null {
  if (!value || !DATE.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : value;
}

/**
 * Scores people who are not registered yet against the registry with the duplicate detection's own
 * blocking keys (a name key with the birth date, both name keys within a village, a phone, a document
 * number; keys shared by too many people dropped), field comparisons and model (the latest estimated
 * one, or the default), without writing candidates: a few set-based statements per batch, parameters
 * only. Pairs are between a staged person and a registered one (never two staged people), and the
 * same rules as detection leave out pairs whose full birth dates disagree without a phone or document
 * in common. Registered people outside the actor's areas are not returned.
 */
@Injectable()
export class CandidateMatchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly detection: DuplicateDetectionService,
  ) {}

  async match(persons: readonly UnregisteredPerson[], options: CandidateMatchOptions = {}): Promise<RegisteredCandidate[]> {
    const rows = persons
      .filter((p) => p.givenName?.trim() && p.familyName?.trim())
      .map((p) => ({
        k: p.key,
        g: p.givenName,
        f: p.familyName,
        b: validDate(p.birthDate),
        est: !!p.birthDateEstimated,
        sex: p.sex ?? null,
        phones: [...(p.phones ?? [])].filter(Boolean),
        docs: [...(p.documents ?? [])].filter(Boolean),
        ap: p.areaPath ?? null,
        addr: p.address ?? null,
        xhh: p.householdId ?? null,
      }));
    if (!rows.length) return [];
    const actor = options.actor === undefined ? RequestContext.actor() : options.actor;
    const scope = areaScopePatterns(actor);
    if (scope && !scope.length) return [];
    const run = (em: EntityManager) => this.run(em, JSON.stringify(rows), scope, options);
    const em = options.em;
    if (em?.queryRunner?.isTransactionActive) return run(em);
    return (em ?? this.dataSource.manager).transaction(run);
  }

  private async run(em: EntityManager, rows: string, scope: string[] | null, options: CandidateMatchOptions): Promise<RegisteredCandidate[]> {
    const settings = await this.detection.getSettings(em);
    const model = await this.detection.getModel(em);
    const params = model?.params ?? DEFAULT_PARAMS;
    const prior = model?.prior ?? DEFAULT_PRIOR;
    const tf = await this.detection.nameFrequencyContext(em, model?.params ?? null);
    await em.query(`DROP TABLE IF EXISTS ${TABLES.join(', ')}`);
    await em.query(
      `CREATE TEMP TABLE cm_person ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, x.ap, hashtextextended(x.ap, 0) AS aph, hashtextextended(regexp_replace(x.ap, '[^/]+/?$', ''), 0) AS pph, NULL::uuid AS hh,
              hashtextextended(nullif(registry.name_norm(x.addr), ''), 0) AS addr, n.gn, n.fn,
              coalesce(registry.name_key(n.gn), n.gn)::text AS gk, coalesce(registry.name_key(n.fn), n.fn)::text AS fk,
              x.b AS bd, x.est, extract(year FROM x.b)::int AS by, extract(month FROM x.b)::int AS bm, extract(day FROM x.b)::int AS bdd,
              x.sex::text AS sex, x.phones, nullif(x.docs, '{}') AS docs, true AS inb, x.k, x.xhh
         FROM jsonb_to_recordset($1::jsonb) AS x(k text, g text, f text, b date, est boolean, sex text, phones text[], docs text[], ap text, addr text, xhh uuid)
        CROSS JOIN LATERAL (SELECT registry.name_norm(x.g) AS gn, registry.name_norm(x.f) AS fn) n
        WHERE n.gn <> '' AND n.fn <> ''`,
      [rows],
    );
    // the registered people who share a blocking key, a phone or a document number with the batch
    await em.query(`
      CREATE TEMP TABLE cm_ids ON COMMIT DROP AS
      SELECT i.id FROM registry.individual i
        JOIN (SELECT DISTINCT v.k, s.bd FROM cm_person s CROSS JOIN LATERAL (VALUES (s.gk), (s.fk)) v(k) WHERE s.bd IS NOT NULL) b
          ON b.bd = i.birth_date AND b.k IN (coalesce(i.given_key, i.given_norm), coalesce(i.family_key, i.family_norm))
      UNION
      SELECT i.id FROM registry.individual i
       WHERE i.area_path IN (SELECT DISTINCT ap FROM cm_person)
         AND (i.area_path, least(coalesce(i.given_key, i.given_norm), coalesce(i.family_key, i.family_norm)), greatest(coalesce(i.given_key, i.given_norm), coalesce(i.family_key, i.family_norm)))
             IN (SELECT ap, least(gk, fk), greatest(gk, fk) FROM cm_person)
      UNION
      SELECT i.id FROM registry.individual i WHERE i.phones && (SELECT coalesce(array_agg(DISTINCT ph), '{}') FROM cm_person CROSS JOIN LATERAL unnest(phones) AS ph)
      UNION
      SELECT d.individual_id FROM registry.individual_document d WHERE d.number IN (SELECT DISTINCT unnest(docs) FROM cm_person)`);
    await em.query(`
      INSERT INTO cm_person (id, ap, aph, pph, hh, addr, gn, fn, gk, fk, bd, est, by, bm, bdd, sex, phones, docs, inb)
      SELECT ${PERSON_COLUMNS}, false FROM ${PERSON_FROM} WHERE i.status <> 'MERGED' AND i.id IN (SELECT id FROM cm_ids)`);
    await em.query(`ANALYZE cm_person`);
    // the detection's blocking keys and caps (a key shared by too many people says nothing)
    const c = BLOCK_CAPS;
    await em.query(`
      CREATE TEMP TABLE cm_key ON COMMIT DROP AS
      SELECT DISTINCT p.id, p.inb, 'nb'::text AS kind, hashtextextended(v.k || '|' || p.bd, 7) AS k FROM cm_person p CROSS JOIN LATERAL (VALUES (p.gk), (p.fk)) v(k) WHERE p.bd IS NOT NULL
      UNION ALL
      SELECT p.id, p.inb, 'na', hashtextextended(p.ap || '|' || least(p.gk, p.fk) || '|' || greatest(p.gk, p.fk), 8) FROM cm_person p WHERE p.ap IS NOT NULL
      UNION ALL
      SELECT DISTINCT p.id, p.inb, 'ph', hashtextextended(ph.phone, 9) FROM cm_person p CROSS JOIN LATERAL unnest(p.phones) AS ph(phone)
      UNION ALL
      SELECT DISTINCT p.id, p.inb, 'doc', hashtextextended(d.number, 10) FROM cm_person p CROSS JOIN LATERAL unnest(p.docs) AS d(number)`);
    await em.query(`
      CREATE TEMP TABLE cm_capped ON COMMIT DROP AS
      SELECT kind, k FROM cm_key GROUP BY kind, k
      HAVING count(*) > CASE kind WHEN 'nb' THEN ${c.nameBirth} WHEN 'na' THEN ${c.nameArea} WHEN 'ph' THEN ${c.phone} ELSE ${c.document} END`);
    await em.query(`DELETE FROM cm_key USING cm_capped c WHERE cm_key.kind = c.kind AND cm_key.k = c.k`);
    // staged (a) against registered (b) only; on names within a village, birth dates that rule out the same person are left out
    await em.query(`
      CREATE TEMP TABLE cm_pairs ON COMMIT DROP AS
      SELECT DISTINCT x.id AS a, y.id AS b
        FROM cm_key x JOIN cm_key y ON y.kind = x.kind AND y.k = x.k AND NOT y.inb
       WHERE x.inb AND x.kind <> 'na'
      UNION
      SELECT x.id, y.id
        FROM cm_key x JOIN cm_key y ON y.kind = 'na' AND y.k = x.k AND NOT y.inb
        JOIN cm_person px ON px.id = x.id JOIN cm_person py ON py.id = y.id
       WHERE x.kind = 'na' AND x.inb
         AND (px.bd IS NULL OR py.bd IS NULL OR px.est OR py.est OR abs(px.by - py.by) <= 1 OR (px.bm = py.bm AND px.bdd = py.bdd) OR px.by / 10 = py.by / 10)`);
    await em.query(`ANALYZE cm_pairs`);
    // names are compared once per distinct pair of terms (as in detection): they repeat a lot
    await em.query(`
      CREATE TEMP TABLE cm_names ON COMMIT DROP AS
      SELECT t1, t2, ${nameLevel('t1', 't2')} AS lvl FROM (
        SELECT DISTINCT v.t1, v.t2 FROM cm_pairs p JOIN cm_person x ON x.id = p.a JOIN cm_person y ON y.id = p.b
         CROSS JOIN LATERAL (VALUES (x.gn, y.gn), (x.fn, y.fn), (x.gn, y.fn), (x.fn, y.gn)) v(t1, t2)) d`);
    await em.query(`CREATE INDEX ON cm_names (t1, t2)`);
    await em.query(`ANALYZE cm_names`);
    await em.query(`
      CREATE TEMP TABLE cm_cmp ON COMMIT DROP AS
      SELECT x.k, x.xhh, y.id AS individual_id, y.hh AS household_id, y.ap AS area_path, n.swapped,
             CASE WHEN n.swapped THEN s3.lvl ELSE s1.lvl END AS gl,
             CASE WHEN n.swapped THEN s4.lvl ELSE s2.lvl END AS fl,
             ${birthLevel('x', 'y')} AS bl,
             CASE WHEN x.sex = y.sex THEN 1 ELSE 0 END AS sl,
             CASE WHEN cardinality(x.phones) = 0 OR cardinality(y.phones) = 0 THEN -1 WHEN x.phones && y.phones THEN 1 ELSE 0 END AS pl,
             CASE WHEN x.docs IS NULL OR y.docs IS NULL THEN -1 WHEN x.docs && y.docs THEN 1 ELSE 0 END AS dl,
             CASE WHEN x.hh = y.hh OR x.addr = y.addr THEN 3 WHEN x.aph IS NULL OR y.aph IS NULL THEN -1 WHEN x.aph = y.aph THEN 2 WHEN x.pph = y.pph THEN 1 ELSE 0 END AS al,
             x.gn AS gt, x.fn AS ft
        FROM cm_pairs p
        JOIN cm_person x ON x.id = p.a
        JOIN cm_person y ON y.id = p.b
        JOIN cm_names s1 ON s1.t1 = x.gn AND s1.t2 = y.gn
        JOIN cm_names s2 ON s2.t1 = x.fn AND s2.t2 = y.fn
        JOIN cm_names s3 ON s3.t1 = x.gn AND s3.t2 = y.fn
        JOIN cm_names s4 ON s4.t1 = x.fn AND s4.t2 = y.gn
       CROSS JOIN LATERAL (SELECT s3.lvl + s4.lvl > s1.lvl + s2.lvl AS swapped) n`);
    const weights = FIELD_NAMES.flatMap((field, f) => [
      ...(MODEL_FIELDS[field] as readonly string[]).map((label, level) => ({ ord: f + 1, field, level, label, weight: weightOf(params[field], level) })),
      { ord: f + 1, field, level: -1, label: 'missing', weight: 0 },
    ]);
    await em.query(
      `CREATE TEMP TABLE cm_weight ON COMMIT DROP AS SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::text[], $5::float8[]) AS w(ord, field, level, label, weight)`,
      [weights.map((w) => w.ord), weights.map((w) => w.field), weights.map((w) => w.level), weights.map((w) => w.label), weights.map((w) => w.weight)],
    );
    const found = (await em.query(
      `SELECT k AS key, individual_id AS "individualId", household_id AS "householdId", area_path AS "areaPath",
              round(probability::numeric, 4)::float8 AS score, round(weight::numeric, 2)::float8 AS "matchWeight", matched, contributions
         FROM (
           SELECT c.*, s.weight + t.g + t.f AS weight, ${adjustedContributions('s.contributions', 't')} AS contributions,
                  1 / (1 + power(2, -(s.weight + t.g + t.f + log(2, ($1::float8 / (1 - $1::float8))::numeric)::float8))) AS probability,
                  array_remove(ARRAY[
                    CASE WHEN c.dl = 1 THEN 'document' END, CASE WHEN c.pl = 1 THEN 'phone' END,
                    CASE WHEN c.gl >= 2 AND c.fl >= 2 THEN 'name' END, CASE WHEN c.bl >= 4 THEN 'birthDate' END,
                    CASE WHEN c.sl = 1 THEN 'sex' END, CASE WHEN c.al >= 2 THEN 'area' END, CASE WHEN c.al = 3 THEN 'household' END], NULL) AS matched
             FROM cm_cmp c
            CROSS JOIN LATERAL (
              SELECT sum(w.weight) AS weight, jsonb_agg(jsonb_build_object('field', w.field, 'level', w.label, 'weight', round(w.weight::numeric, 2)) ORDER BY w.ord) AS contributions
                FROM unnest(ARRAY[c.gl, c.fl, c.bl, c.sl, c.pl, c.dl, c.al]) WITH ORDINALITY AS v(level, ord)
                JOIN cm_weight w ON w.ord = v.ord AND w.level = v.level) s
            ${nameFrequencySql('c', 't', { on: '$4', ug: '$5', uf: '$6', unseenG: '$7', unseenF: '$8' })}
            WHERE (c.xhh IS NULL OR c.household_id IS DISTINCT FROM c.xhh)
              -- two full birth dates that differ beyond a registration slip need a phone or a document in common (as in detection)
              AND NOT (c.bl IN (0, 1, 2) AND c.pl <> 1 AND c.dl <> 1)
              AND ($3::text[] IS NULL OR c.area_path LIKE ANY ($3::text[]))
         ) scored
        WHERE probability >= $2 OR dl = 1
        ORDER BY k, probability DESC, individual_id`,
      [prior, options.threshold ?? settings.threshold, scope, ...nameFrequencyParams(tf)],
    )) as Omit<RegisteredCandidate, 'modelVersion'>[];
    await em.query(`DROP TABLE IF EXISTS ${TABLES.join(', ')}`);
    const limit = options.limit ?? 3;
    const kept = new Map<string, number>();
    return found
      .filter((row) => {
        const n = kept.get(row.key) ?? 0;
        kept.set(row.key, n + 1);
        return n < limit;
      })
      .map((row) => ({ ...row, modelVersion: model?.version ?? null }));
  }
}
