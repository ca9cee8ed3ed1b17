// Benchmark suite: each scenario is timed against a baseline that measures the physical limit on the
// same machine in the same run (plain COPY for imports, hand-written SQL for queries).
import 'reflect-metadata';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createReadStream } from 'node:fs';
import autocannon from 'autocannon';
import { Client, Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { JobService, startApi } from '@coremis/core';
import { createTestDatabase, postGraphql, TEST_ADMIN } from '@coremis/core/testing';
import { IdentitySeeder, ADMINISTRATOR_ROLE } from '@coremis/core';
import { runRegistryScenarios } from './registry.scenarios';
import { csvLine, generateGeography, geographyToCsv, generatePopulation, HOUSEHOLD_COLUMNS, INDIVIDUAL_COLUMNS } from '@coremis/synthetic';

interface Result {
  scenario: string;
  size: number;
  wallMs: number;
  rowsPerSecond: number | null;
  peakRssMb: number;
  baselineMs: number | null;
  ratio: number | null;
  notes: string;
}

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const size = Number(option('size', '1000000'));
const loadSeconds = Number(option('load-seconds', size >= 100_000 ? '30' : '5'));
const root = resolve(__dirname, '../..');
const resultsDir = resolve(root, option('results-dir', 'tools/bench/results'));
mkdirSync(resultsDir, { recursive: true });
const work = join(root, 'tmp/bench');
mkdirSync(work, { recursive: true });
const results: Result[] = [];
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T; peakMb: number }> {
  peakRss = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const value = await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, value, peakMb: Math.round(Math.max(peakRss, process.memoryUsage().rss) / 1048576) };
}

function record(scenario: string, rows: number, main: { ms: number; peakMb: number }, baselineMs: number | null, notes = ''): void {
  const result: Result = {
    scenario,
    size: rows,
    wallMs: Math.round(main.ms),
    rowsPerSecond: rows ? Math.round((rows / main.ms) * 1000) : null,
    peakRssMb: main.peakMb,
    baselineMs: baselineMs === null ? null : Math.round(baselineMs),
    ratio: baselineMs ? Math.round((main.ms / baselineMs) * 10) / 10 : null,
    notes,
  };
  results.push(result);
  console.log(JSON.stringify(result));
}

async function copyBaseline(databaseUrl: string, file: string, columns: string[]): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_copy; CREATE UNLOGGED TABLE bench_copy (${columns.map((c) => `"${c}" text`).join(', ')})`);
    const started = process.hrtime.bigint();
    await pipeline(createReadStream(file), client.query(copyFrom(`COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)`)));
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_copy');
    await client.end();
  }
}

async function main(): Promise<void> {
  // about 330 people per village: 3,060 villages at 1,000,000 people, the demo's 160 at 10,000
  const geography = generateGeography({ individuals: size });
  const villages = geography.areas.filter((a) => a.level === 'village');

  // population generation (setup; it also proves the generator keeps up at national scale)
  const householdsFile = join(work, `households-${size}.csv`);
  const individualsFile = join(work, `individuals-${size}.csv`);
  const truthFile = join(work, `duplicates-truth-${size}.csv`);
  const generated = await timed(async () => {
    const households = createWriteStream(householdsFile);
    const individuals = createWriteStream(individualsFile);
    const truth = createWriteStream(truthFile);
    households.write(csvLine(HOUSEHOLD_COLUMNS));
    individuals.write(csvLine(INDIVIDUAL_COLUMNS));
    truth.write('original,duplicate,noise\n');
    let count = 0;
    for (const { household, members, duplicates } of generatePopulation({ individuals: size, villages })) {
      if (!households.write(csvLine(HOUSEHOLD_COLUMNS.map((c) => household[c])))) await once(households, 'drain');
      // a duplicate registration joins the household as a relative without a document (numbers are unique)
      const copies = duplicates.map((d) => ({ ...d.row, relationship: 'OTHER_RELATIVE', documentType: '', documentNumber: '' }));
      for (const m of [...members, ...copies]) if (!individuals.write(csvLine(INDIVIDUAL_COLUMNS.map((c) => m[c])))) await once(individuals, 'drain');
      for (const d of duplicates) truth.write(csvLine([d.truth.original, d.truth.duplicate, d.truth.noise]));
      count += members.length;
    }
    await Promise.all([households, individuals, truth].map((s) => new Promise((r) => s.end(r))));
    return count;
  });
  record('population generation (CSV)', generated.value, generated, null, `${villages.length} villages; files in tmp/bench`);
  const individualsCopy = await (async () => {
    const db = await createTestDatabase('coremis_bench');
    try {
      return await copyBaseline(db.url, individualsFile, INDIVIDUAL_COLUMNS);
    } finally {
      await db.drop();
    }
  })();
  record('baseline: plain COPY of individuals.csv', size, { ms: individualsCopy, peakMb: 0 }, null, 'reference for the registry import (issue 5)');

  const database = await createTestDatabase('coremis_bench');
  const api = await startApi({ catalogue: MODULE_CATALOGUE, port: 0, log: () => undefined, env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, WEB_DIST: '/nonexistent', DEMO_DATA: 'false', HOST: '127.0.0.1', DATABASE_POOL_SIZE: '20' } });
  try {
    const seeder = api.app.get(IdentitySeeder);
    await seeder.createUser({ username: TEST_ADMIN.username, password: TEST_ADMIN.password, displayName: 'bench', role: ADMINISTRATOR_ROLE }, false);
    const login = await postGraphql<{ login: { accessToken: string } }>(api.url, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { username: TEST_ADMIN.username, password: TEST_ADMIN.password } });
    const token = login.data!.login.accessToken;
    const pool = new Pool({ connectionString: database.url, max: 20 });
    // an idle connection closed by the server must not crash the run; the pool replaces it
    pool.on('error', (error) => console.error(`bench pool: ${error.message}`));
    for (const level of geography.levels) {
      await pool.query('INSERT INTO geo.admin_level (depth, code, name_en, name_fr, name_pt) VALUES ($1, $2, $3, $4, $5)', [level.depth, level.code, level.nameEn, level.nameFr, level.namePt]);
    }

    // geo hierarchy import through the job, against COPY of the same file
    const areasFile = join(work, `areas-${size}.csv`);
    writeFileSync(areasFile, geographyToCsv(geography.areas));
    const imported = await timed(async () => {
      const upload = await fetch(`${api.url}/api/geo/imports/uploads?name=areas.csv`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: readFileSync(areasFile) });
      if (upload.status !== 201) throw new Error(`geo upload failed: ${upload.status} ${await upload.text()}`);
      const { id: uploadId } = (await upload.json()) as { id: string };
      const result = await postGraphql<{ importAdminAreas: { id: string } }>(api.url, 'mutation($i: ImportAdminAreasInput!) { importAdminAreas(input: $i) { id } }', { i: { uploadId } }, { token });
      await api.app.get(JobService).drain();
      return result.data!.importAdminAreas.id;
    });
    const [{ status, result }] = (await pool.query('SELECT status, result FROM core.job WHERE id = $1', [imported.value])).rows;
    const areasCopy = await copyBaseline(database.url, areasFile, ['level', 'code', 'parent_code', 'name_en', 'name_fr', 'name_pt']);
    record('geo: hierarchy CSV import (validate + write, one job)', geography.areas.length, imported, areasCopy, `${status}, created ${result?.created}`);

    // area search: the API's query vs the same SQL by hand, with its plan saved
    const searchSql = `SELECT * FROM geo.admin_area area WHERE core.immutable_unaccent(lower(area.name_en || ' ' || coalesce(area.name_fr, '') || ' ' || coalesce(area.name_pt, ''))) LIKE core.immutable_unaccent($1) ORDER BY area.code, area.id LIMIT 51`;
    const terms = ['%kamba%', '%sã%', '%ndé%', '%rigo%', '%tou%'];
    const plan = (await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${searchSql}`, [terms[0]])).rows.map((r) => r['QUERY PLAN']).join('\n');
    writeFileSync(join(resultsDir, 'plan-geo-search.txt'), plan + '\n');
    const handSearch = await timed(async () => {
      for (let i = 0; i < 50; i++) await pool.query(searchSql, [terms[i % terms.length]]);
    });
    const apiSearch = await timed(async () => {
      for (let i = 0; i < 50; i++) await postGraphql(api.url, 'query($s: String) { adminAreas(first: 50, filter: { search: $s }) { edges { node { code name } } } }', { s: terms[i % terms.length].replace(/%/g, '') }, { token });
    });
    record('geo: area search, 50 queries', 50, apiSearch, handSearch.ms, 'plan in results/plan-geo-search.txt');

    // API load: a 50-row page of areas with nested fields, 50 concurrent clients
    const body = JSON.stringify({ query: '{ adminAreas(first: 50) { totalCount edges { node { id code name childCount level { code name } parent { code } } } } }' });
    const listSql = `SELECT * FROM geo.admin_area ORDER BY code, id LIMIT 51`;
    const load = async (rate?: number) =>
      autocannon({
        url: `${api.url}/graphql`,
        method: 'POST',
        connections: 50,
        duration: loadSeconds,
        ...(rate ? { overallRate: rate } : {}),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
    const baselineRun = await timed(async () => {
      const deadline = Date.now() + loadSeconds * 1000;
      let n = 0;
      await Promise.all(Array.from({ length: 20 }, async () => {
        while (Date.now() < deadline) {
          await pool.query(listSql);
          n++;
        }
      }));
      return n;
    });
    const sqlPerSecond = baselineRun.value / (baselineRun.ms / 1000);
    for (const rate of [200, 400, undefined]) {
      const run = await timed(() => load(rate));
      const r = run.value;
      const label = rate ? `${rate} req/s` : 'saturation';
      const notes = `${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p97.5 ${r.latency.p97_5} ms, p99 ${r.latency.p99} ms, errors ${r.errors + r.non2xx}; hand SQL ${Math.round(sqlPerSecond)} q/s`;
      results.push({ scenario: `api: area page (50 rows + nested) at ${label}, 50 clients`, size: r.requests.total, wallMs: Math.round(run.ms), rowsPerSecond: Math.round(r.requests.average), peakRssMb: run.peakMb, baselineMs: null, ratio: rate ? null : Math.round((sqlPerSecond / r.requests.average) * 10) / 10, notes });
      console.log(JSON.stringify(results[results.length - 1]));
    }
    await runRegistryScenarios({
      apiUrl: api.url,
      pool,
      token,
      size,
      loadSeconds,
      householdsFile,
      individualsFile,
      truthFile,
      villages,
      workDir: work,
      resultsDir,
      timed,
      record,
      copyBaseline: (file, columns) => copyBaseline(database.url, file, columns),
      pushRaw: (result) => {
        results.push(result as unknown as Result);
        console.log(JSON.stringify(result));
      },
    });
    await pool.end();
  } finally {
    await api.close();
    await database.drop();
  }
}

function writeResults(): void {
  const date = new Date().toISOString().slice(0, 10);
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${date}-${size}`);
  writeFileSync(`${file}.json`, JSON.stringify({ date: new Date().toISOString(), size, node: process.version, results }, null, 2) + '\n');
  const table = [
    `# Benchmarks, ${size.toLocaleString('en')} individuals (${new Date().toISOString().slice(0, 16)}Z)`,
    '',
    '| scenario | size | wall time | rows/s | peak RSS | baseline | ratio | notes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...results.map((r) => `| ${r.scenario} | ${r.size.toLocaleString('en')} | ${(r.wallMs / 1000).toFixed(2)} s | ${r.rowsPerSecond?.toLocaleString('en') ?? ''} | ${r.peakRssMb} MB | ${r.baselineMs === null ? '' : `${(r.baselineMs / 1000).toFixed(2)} s`} | ${r.ratio ?? ''} | ${r.notes} |`),
    '',
  ].join('\n');
  writeFileSync(`${file}.md`, table);
  console.log(`\n${table}\nwritten to ${file}.{json,md}`);
}

main()
  .then(() => {
    writeResults();
    clearInterval(sampler);
    process.exit(0);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
