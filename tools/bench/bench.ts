// Benchmark suite: each scenario is timed against a baseline that measures the physical limit on the
// same machine in the same run (plain COPY for imports, hand-written SQL for queries). The API runs
// as in production (the built server, NODE_ENV=production) in its own process, the load generator
// in another; memory and CPU are read from /proc.
//
//   npm run bench -- --size 1000000                      full run on a fresh database, dropped at the end
//   npm run bench -- --size 1000000 --database-url URL   load (or reuse) that database and keep it
//   npm run bench -- --size 1000000 --database-url URL --skip-import --only read,search
//                                                        iterate on an already-loaded database
//   --one-role   the API connects as the URL's role (by default as a plain role, migrations as the URL's, like compose)
//   --only mapping --rounds 4
//                the import with area names and recoded labels against the plain one, alternating, each in a fresh database
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client, Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createTestDatabase, databaseUrlAs, postGraphql } from '@coremis/core/testing';
import { csvLine, generateGeography, geographyToCsv, generatePopulation, HOUSEHOLD_COLUMNS, INDIVIDUAL_COLUMNS } from '@coremis/synthetic';
import { type BenchContext, machineFacts, type MachineFacts, type Measured, ProcessSampler, procStats, type Result, ROOT, runLoad, startServer, type ServerProcess } from './bench-kit';
import { runIntakeScenarios } from './intake.scenarios';
import { runReadPathScenarios, runSearchScenarios } from './read-path.scenarios';
import { runAgencyImportScenario } from './agency-import.scenarios';
import { type FreshRegistry, frenchPaths, LABELLED_HOUSEHOLD_HEADER, LABELLED_MEMBER_HEADER, labelledRows, runImportMappingScenarios } from './import-mapping.scenarios';
import { runPayrollScenarios } from './payroll.scenarios';
import { PLAIN_IMPORT_SCENARIO, runRegistryScenarios } from './registry.scenarios';
import { runGrmScenarios } from './grm.scenarios';
import { runBulkUpdateScenarios } from './bulk-update.scenarios';
import { runTargetingScenarios } from './targeting.scenarios';

const GROUPS = ['geo', 'import', 'mapping', 'duplicates', 'search', 'read', 'targeting', 'intake', 'payroll', 'grm'] as const;
type Group = (typeof GROUPS)[number];

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const flag = (name: string) => args.includes(`--${name}`);
const size = Number(option('size', '1000000'));
const loadSeconds = Number(option('load-seconds', size >= 100_000 ? '20' : '5'));
const only = new Set(option('only', GROUPS.join(',')).split(',').map((g) => g.trim()).filter(Boolean));
for (const g of only) if (!(GROUPS as readonly string[]).includes(g)) throw new Error(`--only: unknown group "${g}" (groups: ${GROUPS.join(', ')})`);
const wants = (g: Group) => only.has(g);
const databaseUrlOption = option('database-url', '');
const skipImport = flag('skip-import');
if (skipImport && !databaseUrlOption) throw new Error('--skip-import needs --database-url (an already-loaded database)');
const resultsDir = resolve(ROOT, option('results-dir', 'tools/bench/results'));
mkdirSync(resultsDir, { recursive: true });
const work = join(ROOT, 'tmp/bench');
mkdirSync(work, { recursive: true });
const results: Result[] = [];
const ADMIN = { username: 'admin', password: `bench-${randomBytes(12).toString('hex')}` };

let api: ServerProcess | null = null;
// a scenario that runs against an API of its own (a fresh database) measures that one
let scenarioApi: ServerProcess | null = null;
const measuredApi = () => scenarioApi ?? api;
const apiSampler = new ProcessSampler(() => measuredApi()?.pid ?? null);
const benchSampler = new ProcessSampler(() => process.pid);

async function timed<T>(work: () => Promise<T>): Promise<Measured<T>> {
  apiSampler.reset();
  benchSampler.reset();
  const measured = measuredApi();
  const cpuBefore = measured ? procStats(measured.pid)?.cpuMs ?? null : null;
  const started = process.hrtime.bigint();
  const value = await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = measured ? procStats(measured.pid)?.cpuMs ?? null : null;
  const apiPeakMb = measured ? apiSampler.peakMb() : null;
  const benchPeakMb = benchSampler.peakMb();
  return { ms, value, peakMb: apiPeakMb ?? benchPeakMb, apiPeakMb, benchPeakMb, apiCpuMs: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null };
}

function record(scenario: string, rows: number, main: { ms: number; peakMb: number | null; memoryOf?: string }, baselineMs: number | null, notes = '', baselineNote?: string): void {
  const result: Result = {
    scenario,
    size: rows,
    wallMs: Math.round(main.ms),
    rowsPerSecond: rows ? Math.round((rows / main.ms) * 1000) : null,
    peakRssMb: main.peakMb,
    memoryOf: main.memoryOf ?? (api ? 'API process' : 'bench process'),
    cpuMsPerRequest: null,
    baselineMs: baselineMs === null ? null : Math.round(baselineMs),
    ratio: baselineMs ? Math.round((main.ms / baselineMs) * 10) / 10 : null,
    ...(baselineMs === null ? { baselineNote: baselineNote ?? 'no baseline' } : {}),
    notes,
  };
  results.push(result);
  console.log(JSON.stringify(result));
}

function pushRaw(result: Record<string, unknown>): void {
  results.push({ memoryOf: 'API process', cpuMsPerRequest: null, baselineMs: null, ratio: null, ...result } as Result);
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

/** The API may run in another process: follow a job in the database. */
async function waitForJob(pool: Pool, id: string): Promise<{ status: string; result: Record<string, unknown> | null; error_message: string | null }> {
  for (;;) {
    const [job] = (await pool.query('SELECT status, result, error_message FROM core.job WHERE id = $1', [id])).rows;
    if (!['QUEUED', 'RUNNING'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The deployment's levels, then the hierarchy CSV through the geo import job (as an agency loads it). */
async function loadGeography(pool: Pool, apiUrl: string, token: string, geography: ReturnType<typeof generateGeography>): Promise<Measured<{ status: string; result: Record<string, unknown> | null; error_message: string | null }>> {
  for (const level of geography.levels) {
    await pool.query('INSERT INTO geo.admin_level (depth, code, name_en, name_fr, name_pt) VALUES ($1, $2, $3, $4, $5)', [level.depth, level.code, level.nameEn, level.nameFr, level.namePt]);
  }
  const areasFile = join(work, `areas-${size}.csv`);
  writeFileSync(areasFile, geographyToCsv(geography.areas));
  return timed(async () => {
    const upload = await fetch(`${apiUrl}/api/geo/imports/uploads?name=areas.csv`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: readFileSync(areasFile) });
    if (upload.status !== 201) throw new Error(`geo upload failed: ${upload.status} ${await upload.text()}`);
    const { id: uploadId } = (await upload.json()) as { id: string };
    const result = await postGraphql<{ importAdminAreas: { id: string } }>(apiUrl, 'mutation($i: ImportAdminAreasInput!) { importAdminAreas(input: $i) { id } }', { i: { uploadId } }, { token });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return waitForJob(pool, result.data.importAdminAreas.id);
  });
}

// one pair per run: two API processes on one database must accept each other's tokens and secrets
const SECRETS = { jwt: randomBytes(32).toString('hex'), encryption: randomBytes(32).toString('hex') };

/**
 * The API's database role, as the compose file runs it: migrations as the owner (the bench's own URL), the API as a
 * plain login role granted the use of the tables. `--one-role` runs everything as the bench's URL's role instead.
 */
const APP_ROLE = 'coremis_bench_app';
async function databaseUrlsOf(databaseUrl: string): Promise<Record<string, string>> {
  if (flag('one-role')) return { DATABASE_URL: databaseUrl };
  const admin = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await admin.query(`DO $$ BEGIN CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  } finally {
    await admin.end();
  }
  return { DATABASE_URL: databaseUrlAs(databaseUrl, APP_ROLE), DATABASE_MIGRATION_URL: databaseUrl };
}

async function startApi(databaseUrl: string, { build = !flag('skip-build'), portOffset = 0, env = {} as Record<string, string> } = {}): Promise<ServerProcess> {
  if (build) execFileSync(process.execPath, [join(ROOT, 'tools/scripts/build-server.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const urls = await databaseUrlsOf(databaseUrl);
  const port = 20000 + ((process.pid + portOffset) % 20000);
  // the API's heap limit of the compose file (README "API memory"); BENCH_API_MAX_OLD_SPACE_MB=0 leaves V8's default.
  // BENCH_API_NODE_ARGS: extra flags for the API's node (for example `--trace-gc` to see collector pauses under load)
  const heapMb = process.env['BENCH_API_MAX_OLD_SPACE_MB'] ?? '320';
  const youngMb = process.env['BENCH_API_MAX_SEMI_SPACE_MB'] ?? '64';
  const nodeArgs = [...(heapMb !== '0' ? [`--max-old-space-size=${heapMb}`] : []), ...(youngMb !== '0' ? [`--max-semi-space-size=${youngMb}`] : []), ...(process.env['BENCH_API_NODE_ARGS'] ?? '').split(' ').filter(Boolean)];
  return startServer('api', [...nodeArgs, '--enable-source-maps', join(ROOT, 'dist/server/apps/api/src/main.js')], {
    NODE_ENV: 'production',
    ...urls,
    HOST: '127.0.0.1',
    JWT_SECRET: SECRETS.jwt,
    ENCRYPTION_KEY: SECRETS.encryption,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    ACCESS_TOKEN_MINUTES: '60',
    LOG_LEVEL: 'warn',
    WEB_DIST: '',
    DEMO_DATA: 'false',
    // the fake KoBo server of the intake scenario listens on loopback, which connectors may not call otherwise
    INTAKE_ALLOWED_HOSTS: '127.0.0.1',
    // statement traces of the API (README: REGISTRY_IMPORT_TRACE, DUPLICATES_TRACE) and the import's bulk-index threshold follow the bench's own environment
    ...Object.fromEntries(['REGISTRY_IMPORT_TRACE', 'DUPLICATES_TRACE', 'REGISTRY_BULK_INDEX_THRESHOLD'].filter((k) => process.env[k]).map((k) => [k, process.env[k]!])),
    ...env,
  }, port, '/health/ready');
}

/** The bench's administrator: created by BOOTSTRAP_ADMIN_PASSWORD on a new database, reset on a reused one. */
async function adminToken(pool: Pool, url: string): Promise<string> {
  const login = async () => postGraphql<{ login: { accessToken: string } }>(url, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: ADMIN });
  await pool.query(`UPDATE core."user" SET must_change_password = false WHERE username = 'admin'`);
  const result = await login();
  if (!result.data) throw new Error(`bench login failed: ${JSON.stringify(result.errors)}`);
  return result.data.login.accessToken;
}

async function generateFiles(geography: ReturnType<typeof generateGeography>, villages: ReturnType<typeof generateGeography>['areas']) {
  const householdsFile = join(work, `households-${size}.csv`);
  const individualsFile = join(work, `individuals-${size}.csv`);
  const truthFile = join(work, `duplicates-truth-${size}.csv`);
  // the same population with area names and French labels (the mapping group), written in the same pass
  const labelled = wants('mapping') && !skipImport ? { households: join(work, `households-labelled-${size}.csv`), members: join(work, `individuals-labelled-${size}.csv`) } : null;
  if (skipImport && existsSync(householdsFile) && existsSync(individualsFile) && existsSync(truthFile)) return { householdsFile, individualsFile, truthFile, labelled };
  const paths = frenchPaths(geography.areas);
  const generated = await timed(async () => {
    const households = createWriteStream(householdsFile);
    const individuals = createWriteStream(individualsFile);
    const truth = createWriteStream(truthFile);
    const labelledHouseholds = labelled ? createWriteStream(labelled.households) : null;
    const labelledMembers = labelled ? createWriteStream(labelled.members) : null;
    households.write(csvLine(HOUSEHOLD_COLUMNS));
    individuals.write(csvLine(INDIVIDUAL_COLUMNS));
    labelledHouseholds?.write(csvLine(LABELLED_HOUSEHOLD_HEADER));
    labelledMembers?.write(csvLine(LABELLED_MEMBER_HEADER));
    truth.write('original,duplicate,noise\n');
    let count = 0;
    for (const { household, members, duplicates } of generatePopulation({ individuals: size, villages })) {
      if (!households.write(csvLine(HOUSEHOLD_COLUMNS.map((c) => household[c])))) await once(households, 'drain');
      // a duplicate registration joins the household as a relative without a document (numbers are unique)
      const copies = duplicates.map((d) => ({ ...d.row, relationship: 'OTHER_RELATIVE', documentType: '', documentNumber: '' }));
      for (const m of [...members, ...copies]) if (!individuals.write(csvLine(INDIVIDUAL_COLUMNS.map((c) => m[c])))) await once(individuals, 'drain');
      for (const d of duplicates) truth.write(csvLine([d.truth.original, d.truth.duplicate, d.truth.noise]));
      if (labelledHouseholds && labelledMembers) {
        const rows = labelledRows(paths, household, [...members, ...copies]);
        if (!labelledHouseholds.write(csvLine(rows.household))) await once(labelledHouseholds, 'drain');
        if (!labelledMembers.write(rows.members.map(csvLine).join(''))) await once(labelledMembers, 'drain');
      }
      count += members.length;
    }
    await Promise.all([households, individuals, truth, labelledHouseholds, labelledMembers].filter((s) => s !== null).map((s) => new Promise((r) => s.end(r))));
    return count;
  });
  record('population generation (CSV)', generated.value, { ms: generated.ms, peakMb: generated.benchPeakMb, memoryOf: 'bench process' }, null, `${villages.length} villages; files in tmp/bench${labelled ? '; with the labelled copy of both files (mapping group)' : ''}`, 'setup: no baseline applies');
  return { householdsFile, individualsFile, truthFile, labelled };
}

let facts: MachineFacts | null = null;

async function main(): Promise<void> {
  // about 330 people per village: 3,060 villages at 1,000,000 people, the demo's 160 at 10,000
  const geography = generateGeography({ individuals: size });
  const villages = geography.areas.filter((a) => a.level === 'village');
  const files = await generateFiles(geography, villages);

  const created = databaseUrlOption ? null : await createTestDatabase('coremis_bench');
  const databaseUrl = databaseUrlOption || created!.url;
  if (!skipImport) {
    const individualsCopy = await (async () => {
      const db = await createTestDatabase('coremis_bench');
      try {
        return await copyBaseline(db.url, files.individualsFile, INDIVIDUAL_COLUMNS);
      } finally {
        await db.drop();
      }
    })();
    record('baseline: plain COPY of individuals.csv', size, { ms: individualsCopy, peakMb: null, memoryOf: 'n/a: COPY runs inside PostgreSQL' }, null, 'reference for the registry import', 'this row is itself a baseline');
  }
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  // an idle connection closed by the server must not crash the run; the pool replaces it
  pool.on('error', (error) => console.error(`bench pool: ${error.message}`));
  facts = await machineFacts(pool);
  console.log(JSON.stringify(facts));
  try {
    if (skipImport) {
      // a reused database keeps its admin: give it this run's password
      const { hash } = await import('argon2');
      await pool.query(`UPDATE core."user" SET password_hash = $1, failed_attempts = 0, locked_until = NULL WHERE username = 'admin'`, [await hash(ADMIN.password, { type: 2 })]);
    }
    api = await startApi(databaseUrl);
    const token = await adminToken(pool, api.url);

    if (!skipImport) {
      const imported = await loadGeography(pool, api.url, token, geography);
      const areasCopy = await copyBaseline(databaseUrl, join(work, `areas-${size}.csv`), ['level', 'code', 'parent_code', 'name_en', 'name_fr', 'name_pt']);
      record('geo: hierarchy CSV import (validate + write, one job)', geography.areas.length, imported, areasCopy, `${imported.value.status}, created ${imported.value.result?.['created']}`);
    }

    if (wants('geo')) {
      // area search: the API's query vs the same SQL by hand, with its plan saved
      const searchSql = `SELECT * FROM geo.admin_area area WHERE core.immutable_unaccent(lower(area.name_en || ' ' || coalesce(area.name_fr, '') || ' ' || coalesce(area.name_pt, ''))) LIKE core.immutable_unaccent($1) ORDER BY area.code, area.id LIMIT 51`;
      const terms = ['%kamba%', '%sã%', '%ndé%', '%rigo%', '%tou%'];
      const plan = (await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${searchSql}`, [terms[0]])).rows.map((r) => r['QUERY PLAN']).join('\n');
      writeFileSync(join(resultsDir, 'plan-geo-search.txt'), plan + '\n');
      const handSearch = await timed(async () => {
        for (let i = 0; i < 50; i++) await pool.query(searchSql, [terms[i % terms.length]]);
      });
      const apiSearch = await timed(async () => {
        for (let i = 0; i < 50; i++) await postGraphql(api!.url, 'query($s: String) { adminAreas(first: 50, filter: { search: $s }) { edges { node { code name } } } }', { s: terms[i % terms.length].replace(/%/g, '') }, { token });
      });
      record('geo: area search, 50 queries', 50, apiSearch, handSearch.ms, 'plan in results/plan-geo-search.txt; baseline = the same SQL from the bench process');
    }

    const ctx: BenchContext = {
      apiUrl: api.url,
      pool,
      token,
      size,
      loadSeconds,
      ...files,
      villages,
      workDir: work,
      resultsDir,
      referenceUrl: null,
      timed,
      record,
      copyBaseline: (file, columns) => copyBaseline(databaseUrl, file, columns),
      pushRaw,
      load: (request) => runLoad(request),
    };
    await runRegistryScenarios(ctx, { load: !skipImport, reimport: wants('import'), duplicates: wants('duplicates') });
    if (wants('search')) await runSearchScenarios(ctx);
    if (wants('read')) {
      await runReadPathScenarios(ctx, {
        apiPid: api.pid,
        databaseUrl,
        // the same pages from a second API without its response cache: what a page costs when it is not in it
        startUncachedApi: () => startApi(databaseUrl, { build: false, portOffset: 2, env: { RESPONSE_CACHE_MB: '0' } }),
      });
    }
    if (wants('targeting')) await runTargetingScenarios(ctx);
    if (wants('intake')) await runIntakeScenarios(ctx);
    if (wants('payroll')) await runPayrollScenarios(ctx);
    if (wants('grm')) {
      await runGrmScenarios(ctx);
      await runBulkUpdateScenarios(ctx);
    }
    /** A database of its own with this run's geography and an API on it, dropped afterwards. */
    const freshRegistry = async <T,>(name: string, run: (registry: FreshRegistry & { databaseUrl: string }) => Promise<T>): Promise<T> => {
      const db = await createTestDatabase(name);
      const freshPool = new Pool({ connectionString: db.url, max: 5 });
      let server: ServerProcess | null = null;
      try {
        server = await startApi(db.url, { build: false, portOffset: 1 });
        const freshToken = await adminToken(freshPool, server.url);
        await loadGeography(freshPool, server.url, freshToken, geography);
        scenarioApi = server;
        return await run({ apiUrl: server.url, token: freshToken, pool: freshPool, databaseUrl: db.url });
      } finally {
        scenarioApi = null;
        await server?.stop();
        await freshPool.end();
        await db.drop();
      }
    };
    // the agency file goes into a registry in the state the plain import found (an empty one, with the same
    // geography): its own database and API, so that the per-person comparison holds like for like
    if (wants('import') && !skipImport && !flag('skip-agency')) {
      const plain = results.find((r) => r.scenario === PLAIN_IMPORT_SCENARIO);
      await freshRegistry('coremis_bench_agency', (registry) => runAgencyImportScenario({ ...ctx, ...registry }, registry.databaseUrl, plain ? { people: plain.size, ms: plain.wallMs } : null));
    }
    if (wants('mapping') && files.labelled) {
      await runImportMappingScenarios(ctx, { plain: { households: files.householdsFile, members: files.individualsFile }, labelled: files.labelled }, freshRegistry, Number(option('rounds', '1')));
    }
    const whole = procStats(api.pid);
    record('API process over the whole run (VmHWM)', 0, { ms: 0, peakMb: whole ? Math.round(whole.hwmMb) : null, memoryOf: 'API process, kernel high-water mark' }, null, `CPU ${whole ? Math.round(whole.cpuMs / 1000) : '?'} s in total`, 'summary row');
    await pool.end();
  } finally {
    await api?.stop();
    await created?.drop();
    if (databaseUrlOption) console.log(`database kept: ${databaseUrlOption}`);
  }
}

function writeResults(): void {
  const date = new Date().toISOString().slice(0, 10);
  mkdirSync(resultsDir, { recursive: true });
  const suffix = only.size === GROUPS.length ? '' : `-${[...only].join('-')}`;
  const file = join(resultsDir, `${date}-${size}${suffix}`);
  const notes = option('notes', '');
  writeFileSync(`${file}.json`, JSON.stringify({ date: new Date().toISOString(), size, groups: [...only], skipImport, machine: facts, notes, results }, null, 2) + '\n');
  const mb = (v: number | null, of: string) => (v === null ? of : `${v} MB (${of})`);
  const table = [
    `# Benchmarks, ${size.toLocaleString('en')} individuals (${new Date().toISOString().slice(0, 16)}Z)`,
    '',
    facts
      ? `Machine: ${facts.cpuModel}, ${facts.cpuCount} CPUs, ${facts.memoryGb} GB; Node ${facts.node}; PostgreSQL ${facts.postgres}; load average at start ${facts.loadAverage.join(' / ')}: ${facts.note}.`
      : 'Machine facts were not read (the run failed before connecting to PostgreSQL).',
    `API: built server (tools/scripts/build-server.mjs), NODE_ENV=production, ${flag('one-role') ? "connected as the database URL's role (--one-role)" : `connected as the plain role ${APP_ROLE} with migrations run as the database URL's role (as the compose file)`}, ${process.env['BENCH_API_MAX_OLD_SPACE_MB'] === '0' ? "V8's default heap limit" : `--max-old-space-size=${process.env['BENCH_API_MAX_OLD_SPACE_MB'] ?? '320'} (as the compose file)`}${process.env['BENCH_API_MAX_SEMI_SPACE_MB'] === '0' ? ", V8's default young generation" : `, --max-semi-space-size=${process.env['BENCH_API_MAX_SEMI_SPACE_MB'] ?? '64'} (as the compose file)`}${process.env['BENCH_API_NODE_ARGS'] ? `, node flags ${process.env['BENCH_API_NODE_ARGS']}` : ''}, its own process; load: autocannon CLI (saturation rows) or tools/bench/paced-load.mjs (fixed-rate rows, evenly paced), each in its own process. Groups: ${[...only].join(', ')}${skipImport ? ' (on an already-loaded database, --skip-import)' : ''}.`,
    ...(notes ? ['', notes] : []),
    '',
    '| scenario | size | wall time | rows/s or req/s | peak RSS | API CPU / request | baseline | ratio | notes |',
    '| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |',
    ...results.map(
      (r) =>
        `| ${r.scenario} | ${r.size.toLocaleString('en')} | ${(r.wallMs / 1000).toFixed(2)} s | ${r.rowsPerSecond?.toLocaleString('en') ?? 'n/a'} | ${mb(r.peakRssMb, r.memoryOf)} | ${r.cpuMsPerRequest === null ? 'n/a' : `${r.cpuMsPerRequest} ms`} | ${r.baselineMs === null ? `n/a${r.baselineNote ? `: ${r.baselineNote}` : ''}` : `${(r.baselineMs / 1000).toFixed(2)} s`} | ${r.ratio ?? 'n/a'} | ${r.notes} |`,
    ),
    '',
  ].join('\n');
  writeFileSync(`${file}.md`, table);
  console.log(`\n${table}\nwritten to ${file}.{json,md}`);
}

main()
  .then(() => {
    writeResults();
    apiSampler.stop();
    benchSampler.stop();
    process.exit(0);
  })
  .catch(async (error) => {
    console.error(error);
    await api?.stop();
    process.exit(1);
  });
