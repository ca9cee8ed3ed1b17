// Duplicate detection benchmark (issue 13): a population with the generator's six kinds of noise and
// the realistic corruption model's kinds, loaded set-based into the registry tables, then a
// registry-wide detection and a 10,000-person batch, scored per error kind against the truth.
//
//   node tools/scripts/run-ts.mjs tools/bench/duplicates.scenarios.ts --size 1000000
//
// (wrap runs of 100,000 and more in `flock /work/notes/bench.lock`).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool, type PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, type EntityManager } from 'typeorm';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { startApi } from '@coremis/core';
import { createTestDatabase } from '@coremis/core/testing';
import { DuplicateDetectionService } from '@coremis/registry';
import { corruptIndividual, generateGeography, generatePopulation, REALISTIC_KINDS, SeededRandom, type SyntheticArea, type SyntheticHousehold, type SyntheticIndividual } from '@coremis/synthetic';

interface Row {
  ext: string;
  hh: string;
  rel: string;
  given: string;
  family: string;
  sex: string;
  birth: string;
  docType: string;
  docNumber: string;
  phone: string;
}

export interface DuplicateBenchResult {
  scenario: string;
  size: number;
  wallMs: number;
  notes: string;
  perKind?: { kind: string; truth: number; compared?: number; found: number; recall: number }[];
  /** CPU seconds of the database backends of the bench database, and of this process, during the run. */
  dbCpuSeconds?: number;
  nodeCpuSeconds?: number;
  loadBefore?: number[];
  loadAfter?: number[];
  pairsCompared?: number;
  flagged?: number;
  precision?: number;
  recall?: number;
  f1?: number;
}

const tsv = (values: string[]) => values.map((v) => v.replace(/[\t\n\\]/g, ' ')).join('\t') + '\n';

async function copyRows(client: PoolClient, table: string, rows: Iterable<string>): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} FROM STDIN`));
  for (const line of rows) if (!stream.write(line)) await new Promise((r) => stream.once('drain', r));
  await new Promise<void>((resolveEnd, reject) => {
    stream.on('finish', resolveEnd);
    stream.on('error', reject);
    stream.end();
  });
}

/** Geography, households and people straight into the tables (what an import leaves behind), set-based. */
async function loadGeography(pool: Pool, geography: ReturnType<typeof generateGeography>): Promise<void> {
  for (const level of geography.levels) await pool.query('INSERT INTO geo.admin_level (depth, code, name_en, name_fr, name_pt) VALUES ($1, $2, $3, $4, $5)', [level.depth, level.code, level.nameEn, level.nameFr, level.namePt]);
  const a = geography.areas;
  await pool.query(
    `INSERT INTO geo.admin_area (code, level_id, name_en, path)
     SELECT s.code, l.id, s.name, '' FROM unnest($1::text[], $2::text[], $3::text[]) AS s(code, level, name) JOIN geo.admin_level l ON l.code = s.level`,
    [a.map((x) => x.code), a.map((x) => x.level), a.map((x) => x.nameEn)],
  );
  await pool.query(`UPDATE geo.admin_area c SET parent_id = p.id FROM unnest($1::text[], $2::text[]) AS s(code, parent) JOIN geo.admin_area p ON p.code = s.parent WHERE c.code = s.code`, [a.map((x) => x.code), a.map((x) => x.parentCode ?? '')]);
  await pool.query(`
    WITH RECURSIVE tree AS (
      SELECT id, '/' || id || '/' AS path FROM geo.admin_area WHERE parent_id IS NULL
      UNION ALL SELECT c.id, t.path || c.id || '/' FROM geo.admin_area c JOIN tree t ON c.parent_id = t.id)
    UPDATE geo.admin_area a SET path = t.path FROM tree t WHERE t.id = a.id`);
}

async function loadPeople(pool: Pool, households: SyntheticHousehold[], people: Row[], importJobId: string | null): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('CREATE TEMP TABLE IF NOT EXISTS st_household (code text, area_code text)');
    await client.query('CREATE TEMP TABLE IF NOT EXISTS st_individual (ext text, hh text, rel text, given text, family text, sex text, birth text, doc_type text, doc_number text, phone text)');
    await client.query('TRUNCATE st_household, st_individual');
    await copyRows(client, 'st_household', households.map((h) => tsv([h.code, h.areaCode])));
    await copyRows(client, 'st_individual', people.map((p) => tsv([p.ext, p.hh, p.rel, p.given, p.family, p.sex, p.birth, p.docType, p.docNumber, p.phone])));
    await client.query(`
      INSERT INTO registry.household (code, external_id, area_id, area_path, import_job_id)
      SELECT s.code, s.code, a.id, a.path, $1 FROM st_household s JOIN geo.admin_area a ON a.code = s.area_code
      ON CONFLICT (code) DO NOTHING`, [importJobId]);
    await client.query(`
      INSERT INTO registry.individual (external_id, given_name, family_name, sex, birth_date, phones, household_id, relationship, area_path, given_norm, family_norm, given_key, family_key, import_job_id)
      SELECT s.ext, s.given, s.family, s.sex, nullif(s.birth, '')::date, CASE WHEN s.phone = '' THEN '{}' ELSE ARRAY[s.phone] END, h.id, s.rel, h.area_path,
             registry.name_norm(s.given), registry.name_norm(s.family), registry.name_key(registry.name_norm(s.given)), registry.name_key(registry.name_norm(s.family)), $1
        FROM st_individual s JOIN registry.household h ON h.external_id = s.hh`, [importJobId]);
    await client.query(`
      INSERT INTO registry.membership (household_id, individual_id, relationship)
      SELECT i.household_id, i.id, i.relationship FROM registry.individual i JOIN st_individual s ON s.ext = i.external_id`);
    await client.query(`
      INSERT INTO registry.individual_document (individual_id, type, number)
      SELECT i.id, s.doc_type, s.doc_number FROM registry.individual i JOIN st_individual s ON s.ext = i.external_id WHERE s.doc_number <> ''
      ON CONFLICT (number, type) DO NOTHING`);
  } finally {
    client.release();
  }
}

const asRow = (m: SyntheticIndividual): Row => ({ ext: m.externalId, hh: m.householdCode, rel: m.relationship, given: m.givenName, family: m.familyName, sex: m.sex, birth: m.birthDate, docType: m.documentType, docNumber: m.documentNumber, phone: m.phone });

/** A population of `size` people with 2% legacy duplicates and 2% realistic ones, with their truth. */
export function buildPopulation(size: number, villages: SyntheticArea[], seed: number, prefix: string, realisticRate: number, legacyRate: number) {
  const random = new SeededRandom(seed + 1);
  const households: SyntheticHousehold[] = [];
  const people: Row[] = [];
  const truth: { original: string; duplicate: string; kinds: string }[] = [];
  const twinPairs: { first: string; second: string }[] = [];
  let n = 0;
  // a registry's spread of names and its twins (see PopulationOptions): with 20 given and 25 family names, namesakes
  // born the same day outnumber the duplicates registered in another village
  for (const { household, members, duplicates, twins } of generatePopulation({ individuals: size, villages, seed, duplicateRate: legacyRate, names: POPULATION_NAMES, twinRate: TWIN_RATE })) {
    for (const t of twins) twinPairs.push({ first: `${prefix}${t.first}`, second: `${prefix}${t.second}` });
    const hh = { ...household, code: `${prefix}${household.code}` };
    households.push(hh);
    for (const m of members) people.push(asRow({ ...m, externalId: `${prefix}${m.externalId}`, householdCode: hh.code, documentNumber: m.documentNumber ? `${prefix}${m.documentNumber}` : '' }));
    for (const d of duplicates) {
      people.push(asRow({ ...d.row, externalId: `${prefix}${d.row.externalId}`, householdCode: hh.code, relationship: 'OTHER_RELATIVE' }));
      truth.push({ original: `${prefix}${d.truth.original}`, duplicate: `${prefix}${d.row.externalId}`, kinds: d.truth.noise });
    }
    for (const m of members) {
      if (random.next() >= realisticRate) continue;
      const original = { ...m, externalId: `${prefix}${m.externalId}`, householdCode: hh.code, documentNumber: m.documentNumber ? `${prefix}${m.documentNumber}` : '' };
      const dup = corruptIndividual(original, random, { household: hh, villages, suffix: `R${n++}` }, { kinds: REALISTIC_KINDS });
      if (dup.household) households.push(dup.household);
      people.push(asRow(dup.row));
      truth.push({ original: original.externalId, duplicate: dup.row.externalId, kinds: dup.truth.noise });
    }
  }
  return { households, people, truth, twinPairs };
}

/** DUPLICATES_POPULATION=compact runs the benchmark on the population of the first measurements (for comparison). */
const POPULATION_NAMES = process.env['DUPLICATES_POPULATION'] === 'compact' ? 'compact' : 'diverse';
const TWIN_RATE = process.env['DUPLICATES_POPULATION'] === 'compact' ? 0 : 0.017;

/**
 * CPU seconds (user + system) of each backend connected to the bench database, by process id, read from /proc (the
 * database runs on this machine): on a shared machine the wall clock measures the load, this the work.
 */
async function backendCpuSeconds(pool: Pool): Promise<Map<number, number>> {
  const { rows } = await pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  const seconds = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // a backend that has just exited
    }
  }
  return seconds;
}

/**
 * The CPU the backends alive at the end spent since the start (a backend that exited in between is not counted: its
 * time is lost with its /proc entry, so the figure is a lower bound; subtracting sums instead made it negative).
 */
function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** Wall clock, database CPU, this process's CPU and the load average around `work`. */
async function measured<T>(pool: Pool, work: () => Promise<T>) {
  const loadBefore = loadavg().map((x) => Math.round(x * 100) / 100);
  const db = await backendCpuSeconds(pool);
  const node = process.cpuUsage();
  const started = Date.now();
  const value = await work();
  const wallMs = Date.now() - started;
  const nodeUsage = process.cpuUsage(node);
  return { value, wallMs, dbCpuSeconds: round(cpuSpent(db, await backendCpuSeconds(pool))), nodeCpuSeconds: round((nodeUsage.user + nodeUsage.system) / 1e6), loadBefore, loadAfter: loadavg().map((x) => Math.round(x * 100) / 100) };
}

async function storeTruth(pool: Pool, truth: { original: string; duplicate: string; kinds: string }[]): Promise<void> {
  await pool.query('DROP TABLE IF EXISTS bench_dd_truth');
  await pool.query('CREATE UNLOGGED TABLE bench_dd_truth (original text, duplicate text, kinds text)');
  await pool.query('INSERT INTO bench_dd_truth SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [truth.map((t) => t.original), truth.map((t) => t.duplicate), truth.map((t) => t.kinds)]);
}

/**
 * Runs in the detection's transaction before it commits: how many true pairs of each kind blocking
 * brought to comparison (the detection's own `dd_cmp`); the time it takes is taken off the wall clock.
 */
function comparedPerKind(into: Map<string, number>, spent: { ms: number }) {
  return async (em: EntityManager) => {
    const started = Date.now();
    const rows: { kind: string; n: number }[] = await em.query(`
      SELECT k AS kind, count(*)::int AS n FROM bench_dd_truth t
        JOIN registry.individual a ON a.external_id = t.original JOIN registry.individual b ON b.external_id = t.duplicate
        JOIN dd_cmp c ON c.a = least(a.id, b.id) AND c.b = greatest(a.id, b.id)
       CROSS JOIN LATERAL unnest(string_to_array(t.kinds, '+')) AS k GROUP BY k`);
    for (const r of rows) into.set(r.kind, r.n);
    if (process.env['DUPLICATES_PATTERNS_OUT']) await dumpPatterns(em, process.env['DUPLICATES_PATTERNS_OUT']);
    spent.ms += Date.now() - started;
  };
}

/**
 * For studying the model away from the database (DUPLICATES_PATTERNS_OUT=file): the comparison patterns of the
 * candidate pairs with how many of each are the same person and their error kinds, and those of the random pairs.
 */
async function dumpPatterns(em: EntityManager, file: string): Promise<void> {
  const candidates = await em.query(`
    WITH truth AS (
      SELECT least(a.id, b.id) AS x, greatest(a.id, b.id) AS y, t.kinds FROM bench_dd_truth t
        JOIN registry.individual a ON a.external_id = t.original JOIN registry.individual b ON b.external_id = t.duplicate)
    SELECT c.gl, c.fl, c.bl, c.sl, c.pl, c.dl, c.al, c.same_household AS sh, c.swapped AS sw, t.kinds,
           substring(a.external_id FROM '^[A-Z]*-?P-[0-9]+') = substring(b.external_id FROM '^[A-Z]*-?P-[0-9]+') AS same, count(*)::int AS n
      FROM dd_cmp c JOIN registry.individual a ON a.id = c.a JOIN registry.individual b ON b.id = c.b
      LEFT JOIN truth t ON t.x = c.a AND t.y = c.b
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`);
  const [{ rcmp }] = await em.query(`SELECT to_regclass('pg_temp.dd_rcmp') IS NOT NULL AS rcmp`);
  const random = rcmp ? await em.query(`SELECT gl, fl, bl, sl, pl, dl, al, count(*)::int AS n FROM dd_rcmp GROUP BY 1, 2, 3, 4, 5, 6, 7`) : [];
  const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM dd_person`);
  // the registry-wide run has random pairs (u), a batch none
  const [model] = await em.query(`SELECT params, prior FROM registry.duplicate_model ORDER BY version DESC LIMIT 1`);
  writeFileSync(`${file}-${rcmp ? 'registry' : 'batch'}.json`, JSON.stringify({ people: n, candidates, random, model }));
}

/** How many pairs of twins (different people: they count against precision too) were flagged. */
async function twinsFlagged(pool: Pool, twins: { first: string; second: string }[]): Promise<{ pairs: number; flagged: number }> {
  const { rows } = await pool.query(
    `SELECT count(*)::int AS flagged FROM unnest($1::text[], $2::text[]) t(x, y)
       JOIN registry.individual a ON a.external_id = t.x JOIN registry.individual b ON b.external_id = t.y
       JOIN registry.duplicate_candidate c ON c.individual_a_id = least(a.id, b.id) AND c.individual_b_id = greatest(a.id, b.id)`,
    [twins.map((t) => t.first), twins.map((t) => t.second)],
  );
  return { pairs: twins.length, flagged: rows[0].flagged };
}

/** Recall per error kind (a pair with two errors counts for both), precision of what was flagged. */
async function score(pool: Pool, where: string, params: unknown[], compared: Map<string, number>) {
  const found = (
    await pool.query(`
      WITH pairs AS (
        SELECT least(a.id, b.id) AS x, greatest(a.id, b.id) AS y, t.kinds FROM bench_dd_truth t
          JOIN registry.individual a ON a.external_id = t.original JOIN registry.individual b ON b.external_id = t.duplicate),
      hits AS (SELECT p.kinds, c.id IS NOT NULL AS hit FROM pairs p LEFT JOIN registry.duplicate_candidate c ON c.individual_a_id = p.x AND c.individual_b_id = p.y AND ${where})
      SELECT k AS kind, count(*)::int AS truth, count(*) FILTER (WHERE hit)::int AS found FROM hits CROSS JOIN LATERAL unnest(string_to_array(kinds, '+')) AS k GROUP BY k ORDER BY k`, params)
  ).rows as { kind: string; truth: number; found: number }[];
  // flagged pairs are right when both records come from one person (two re-registrations of one person count)
  const [flag] = (
    await pool.query(`
      SELECT count(*)::int AS flagged,
             count(*) FILTER (WHERE substring(a.external_id FROM '^[A-Z]*-?P-[0-9]+') = substring(b.external_id FROM '^[A-Z]*-?P-[0-9]+'))::int AS right
        FROM registry.duplicate_candidate c JOIN registry.individual a ON a.id = c.individual_a_id JOIN registry.individual b ON b.id = c.individual_b_id
       WHERE ${where}`, params)
  ).rows;
  const [tot] = (
    await pool.query(`
      SELECT count(*)::int AS truth, count(c.id)::int AS found FROM bench_dd_truth t
        JOIN registry.individual a ON a.external_id = t.original JOIN registry.individual b ON b.external_id = t.duplicate
        LEFT JOIN registry.duplicate_candidate c ON c.individual_a_id = least(a.id, b.id) AND c.individual_b_id = greatest(a.id, b.id) AND ${where}`, params)
  ).rows;
  const recall = tot.truth ? tot.found / tot.truth : 0;
  const precision = flag.flagged ? flag.right / flag.flagged : 0;
  return { perKind: found.map((k) => ({ kind: k.kind, truth: k.truth, compared: compared.get(k.kind) ?? 0, found: k.found, recall: round(k.found / k.truth) })), flagged: flag.flagged as number, precision: round(precision), recall: round(recall), f1: round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0), truth: tot.truth as number, found: tot.found as number };
}

const round = (x: number) => Math.round(x * 10000) / 10000;

export async function runDuplicateBench(size: number, resultsDir: string): Promise<DuplicateBenchResult[]> {
  const results: DuplicateBenchResult[] = [];
  const geography = generateGeography({ individuals: size });
  const villages = geography.areas.filter((a) => a.level === 'village');
  const database = await createTestDatabase('coremis_dedupe_bench');
  const api = await startApi({ catalogue: MODULE_CATALOGUE, port: 0, log: () => undefined, env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, WEB_DIST: '/nonexistent', DEMO_DATA: 'false', HOST: '127.0.0.1' } });
  const pool = new Pool({ connectionString: database.url, max: 4 });
  try {
    const dataSource = api.app.get(DataSource);
    const detection = new DuplicateDetectionService(dataSource);
    const started = Date.now();
    await loadGeography(pool, geography);
    const population = buildPopulation(size, villages, 42, '', 0.02, 0.02);
    await loadPeople(pool, population.households, population.people, null);
    // what a registry at rest looks like (the phones' GIN pending list merged, statistics fresh)
    await pool.query('VACUUM ANALYZE registry.individual');
    await pool.query('ANALYZE registry.household; ANALYZE registry.individual_document');
    const [{ individuals }] = (await pool.query('SELECT count(*)::int AS individuals FROM registry.individual')).rows;
    console.log(`loaded ${individuals} individuals (${population.truth.length} planted duplicates) in ${(Date.now() - started) / 1000} s`);

    await storeTruth(pool, population.truth);
    const compared = new Map<string, number>();
    const hook = { ms: 0 };
    const r = await measured(pool, () => detection.detectAll({ beforeCommit: comparedPerKind(compared, hook) }));
    const run = r.value;
    const wallMs = r.wallMs - hook.ms;
    const s = await score(pool, `c.source = 'RUN'`, [], compared);
    const twins = await twinsFlagged(pool, population.twinPairs);
    const model = await detection.getModel();
    results.push({
      scenario: 'registry: duplicate detection over the whole registry (Fellegi-Sunter, EM)',
      size: individuals,
      wallMs,
      pairsCompared: run.pairsCompared,
      flagged: s.flagged,
      precision: s.precision,
      recall: s.recall,
      f1: s.f1,
      perKind: s.perKind,
      dbCpuSeconds: r.dbCpuSeconds,
      nodeCpuSeconds: r.nodeCpuSeconds,
      loadBefore: r.loadBefore,
      loadAfter: r.loadAfter,
      notes: `${run.pairsCompared} candidate pairs compared, ${run.cappedKeys} blocking keys capped, ${s.flagged} flagged; recall ${s.recall} (${s.found}/${s.truth}), precision ${s.precision}, F1 ${s.f1}; ${POPULATION_NAMES} names, ${twins.pairs} pairs of twins in one household of whom ${twins.flagged} flagged; model v${run.modelVersion}: prior ${model?.prior.toFixed(4)}, ${model?.iterations} EM iterations; expected at 0.8: ${JSON.stringify(model?.expected.find((e) => e.threshold === 0.8))}`,
    });
    console.log(JSON.stringify(results[results.length - 1]));

    // a 10,000-person batch: 9,500 new people and 500 realistic re-registrations of registered ones
    const jobId = randomUUID();
    const batch = buildPopulation(9_500, villages, 4242, 'B-', 0, 0);
    const registered = population.people.filter((_, i) => i % Math.floor(population.people.length / 500) === 0 && !population.people[i].ext.includes('-', 3)).slice(0, 500);
    const random = new SeededRandom(99);
    const householdOf = new Map(population.households.map((h) => [h.code, h]));
    const planted: { original: string; duplicate: string; kinds: string }[] = [];
    for (const [i, r] of registered.entries()) {
      const original: SyntheticIndividual = { externalId: r.ext, householdCode: r.hh, relationship: r.rel, givenName: r.given, familyName: r.family, sex: r.sex as 'F' | 'M', birthDate: r.birth, documentType: r.docType, documentNumber: r.docNumber, phone: r.phone };
      const home = householdOf.get(r.hh)!;
      const dup = corruptIndividual(original, random, { household: home, villages, suffix: `B${i}` }, { kinds: REALISTIC_KINDS });
      // a batch brings its own households: a re-registration comes in one of its own
      const hh = dup.household ?? { ...home, code: `${home.code}-B${i}` };
      batch.households.push(hh);
      batch.people.push(asRow({ ...dup.row, householdCode: hh.code, relationship: 'HEAD' }));
      planted.push({ original: r.ext, duplicate: dup.row.externalId, kinds: dup.truth.noise });
    }
    await loadPeople(pool, batch.households, batch.people, jobId);
    await pool.query('VACUUM ANALYZE registry.individual');
    await storeTruth(pool, planted);
    const batchCompared = new Map<string, number>();
    const batchHook = { ms: 0 };
    let batchPairs = 0;
    const m = await measured(pool, () =>
      detection.detectForBatch(jobId, {
        beforeCommit: async (em, result) => {
          batchPairs = result.pairsCompared;
          await comparedPerKind(batchCompared, batchHook)(em);
        },
      }),
    );
    const checked = m.value;
    const batchMs = m.wallMs - batchHook.ms;
    const b = await score(pool, `c.job_id = $1`, [jobId], batchCompared);
    results.push({
      scenario: 'registry: 10,000-person batch checked for duplicates against the registry',
      size: batch.people.length,
      wallMs: batchMs,
      pairsCompared: batchPairs,
      dbCpuSeconds: m.dbCpuSeconds,
      nodeCpuSeconds: m.nodeCpuSeconds,
      loadBefore: m.loadBefore,
      loadAfter: m.loadAfter,
      flagged: checked.candidates,
      precision: b.precision,
      recall: b.recall,
      f1: b.f1,
      perKind: b.perKind,
      notes: `${batchPairs} candidate pairs compared, ${checked.candidates} flagged; 500 planted re-registrations (in households of their own): recall ${b.recall} (${b.found}/${b.truth}), precision ${b.precision}`,
    });
    console.log(JSON.stringify(results[results.length - 1]));
  } finally {
    await pool.end();
    await api.close();
    if (process.env['KEEP_DB']) console.log(`kept ${database.url}`);
    else await database.drop();
  }
  writeResults(size, resultsDir, results);
  return results;
}

function writeResults(size: number, resultsDir: string, results: DuplicateBenchResult[]): void {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${new Date().toISOString().slice(0, 10)}-duplicates-${size}`);
  writeFileSync(`${file}.json`, JSON.stringify({ date: new Date().toISOString(), size, node: process.version, results }, null, 2) + '\n');
  const lines = [
    `# Duplicate detection, ${size.toLocaleString('en')} individuals (${new Date().toISOString().slice(0, 16)}Z)`,
    '',
    'Shared 2-core machine, other benchmarks and test suites running at the same time: the wall clock depends on the load (1/5/15-minute load averages before and after each run are given); the CPU seconds of the database backends measure the work itself (a lower bound: a backend that exits during a run, a parallel worker for one, is not counted).',
    '',
    'Per error kind: true pairs, those blocking brought to comparison, those flagged, recall. Precision (and so F1) is overall: a wrongly flagged pair has no error kind.',
    '',
  ];
  for (const r of results) {
    lines.push(`## ${r.scenario}`, '', `${r.size.toLocaleString('en')} people, ${(r.wallMs / 1000).toFixed(2)} s wall clock, ${r.dbCpuSeconds ?? '?'} s database CPU, ${r.nodeCpuSeconds ?? '?'} s Node CPU; load average ${r.loadBefore?.join(' / ')} before, ${r.loadAfter?.join(' / ')} after. ${r.notes}`, '');
    lines.push(`| error kind | duplicate pairs | compared | found | recall |`, `| --- | ---: | ---: | ---: | ---: |`);
    for (const k of r.perKind ?? []) lines.push(`| ${k.kind} | ${k.truth} | ${k.compared ?? ''} | ${k.found} | ${k.recall.toFixed(3)} |`);
    lines.push(`| **overall** | | | | **${r.recall?.toFixed(3)}** (precision ${r.precision?.toFixed(3)}, F1 ${r.f1?.toFixed(3)}, flagged ${r.flagged}${r.pairsCompared ? `, compared ${r.pairsCompared}` : ''}) |`, '');
  }
  writeFileSync(`${file}.md`, lines.join('\n'));
  console.log(lines.join('\n'));
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => (args.indexOf(`--${name}`) >= 0 ? args[args.indexOf(`--${name}`) + 1] : fallback);
  const root = resolve(__dirname, '../..');
  runDuplicateBench(Number(option('size', '1000000')), resolve(root, option('results-dir', 'tools/bench/results')))
    .then(() => process.exit(0))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
