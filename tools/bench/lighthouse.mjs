#!/usr/bin/env node
// Lighthouse on the sign-in page as the API serves it (built web app, precompressed copies), with
// Debian's Chromium, mobile and desktop presets, a few runs each (the median run is reported), and
// the compressed JS and CSS bytes of the first load.
//
//   npm run build && node tools/bench/lighthouse.mjs [--runs 3] [--note "other work was running"]
//
// Writes tools/bench/results/<date>-lighthouse.{json,md}. Needs PostgreSQL on TEST_DATABASE_ADMIN_URL
// (default postgres://postgres@127.0.0.1:5432/postgres) for the API's database, dropped afterwards.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import pg from 'pg';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    note: { type: 'string', default: '' },
    page: { type: 'string', default: '/login' },
    // writes the median run's full report of each preset there (to look into, not to commit)
    'save-lhr': { type: 'string' },
  },
});
const RUNS = Math.max(1, Number(args.runs) || 3);
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
// as the browser tests launch it (apps/web-e2e/src/browser.ts)
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const API_MAIN = join(root, 'dist/server/apps/api/src/main.js');
const WEB_INDEX = join(root, 'dist/apps/web/browser/index.html');

if (!CHROMIUM) throw new Error('Chromium not found: apt-get install chromium, or set CHROMIUM_PATH');
if (!existsSync(API_MAIN) || !existsSync(WEB_INDEX)) throw new Error('build first: npm run build');
if (!existsSync(`${WEB_INDEX}.br`)) console.warn('warning: no precompressed copies (npm run build writes them): measuring uncompressed delivery');

const freePort = () =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });

async function withAdmin(fn) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The built API on a fresh database and a free port, as the browser tests start it. */
async function startApi() {
  const name = `coremis_lighthouse_${Date.now()}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const port = await freePort();
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: 'lighthouse-bench-secret-0123456789abcdef', ENCRYPTION_KEY: 'lighthouse-bench-key-0123456789abcdef0', DATABASE_URL: url.toString(), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${baseUrl}/health/ready`)).ok) return { baseUrl, stop };
    } catch {
      // still starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`API did not start:\n${output}`);
}

/** JS and CSS the page loaded, as transferred (compressed) and as resources (uncompressed). */
function firstLoadBytes(lhr) {
  const items = lhr.audits['network-requests']?.details?.items ?? [];
  const assets = items.filter((i) => i.resourceType === 'Script' || i.resourceType === 'Stylesheet');
  const sum = (list, field) => list.reduce((total, i) => total + (i[field] ?? 0), 0);
  const scripts = assets.filter((i) => i.resourceType === 'Script');
  const document = items.find((i) => i.resourceType === 'Document');
  return {
    requests: assets.length,
    transferredJsCss: sum(assets, 'transferSize'),
    transferredJs: sum(scripts, 'transferSize'),
    uncompressedJsCss: sum(assets, 'resourceSize'),
    uncompressedJs: sum(scripts, 'resourceSize'),
    documentTransferred: document?.transferSize ?? 0,
  };
}

const METRICS = {
  'first-contentful-paint': 'FCP',
  'largest-contentful-paint': 'LCP',
  'total-blocking-time': 'TBT',
  'cumulative-layout-shift': 'CLS',
  'speed-index': 'Speed Index',
  interactive: 'TTI',
};

function summary(lhr) {
  return {
    score: Math.round((lhr.categories.performance.score ?? 0) * 100),
    metrics: Object.fromEntries(Object.keys(METRICS).map((id) => [id, lhr.audits[id]?.numericValue ?? null])),
    firstLoad: firstLoadBytes(lhr),
  };
}

async function runLighthouse(url, preset) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS });
  try {
    const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] };
    const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
    if (!result?.lhr) throw new Error('Lighthouse returned no report');
    if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.message}`);
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

const version = (cmd, argv) => {
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};

const started = new Date();
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cpus: cpus().length,
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
};
const versions = {
  node: process.version,
  chromium: version(CHROMIUM, ['--version']),
  lighthouse: JSON.parse(readFileSync(join(root, 'node_modules/lighthouse/package.json'), 'utf8')).version,
};
console.log(`Lighthouse ${versions.lighthouse}, ${versions.chromium}, Node ${versions.node}; ${machine.cpus} x ${machine.cpu}, load ${machine.loadAverageAtStart.join(' ')}`);

const api = await startApi();
const presets = {};
try {
  const url = `${api.baseUrl}${args.page}`;
  // one unmeasured load: the API's first requests warm its caches, not the browser's
  await fetch(url, { headers: { accept: 'text/html' } });
  for (const preset of ['mobile', 'desktop']) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const lhr = await runLighthouse(url, preset);
      runs.push(lhr);
      const s = summary(lhr);
      console.log(`${preset} run ${i + 1}/${RUNS}: score ${s.score}, FCP ${Math.round(s.metrics['first-contentful-paint'])} ms, LCP ${Math.round(s.metrics['largest-contentful-paint'])} ms, TBT ${Math.round(s.metrics['total-blocking-time'])} ms, JS+CSS ${(s.firstLoad.transferredJsCss / 1024).toFixed(1)} KB transferred`);
    }
    const median = computeMedianRun(runs);
    presets[preset] = { median: summary(median), runs: runs.map(summary) };
    if (args['save-lhr']) {
      mkdirSync(args['save-lhr'], { recursive: true });
      writeFileSync(join(args['save-lhr'], `${preset}.lhr.json`), JSON.stringify(median));
    }
  }
} finally {
  await api.stop();
}
machine.loadAverageAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);

const date = started.toISOString().slice(0, 10);
const note =
  args.note ||
  (machine.loadAverageAtStart[0] > machine.cpus * 0.5
    ? `Other work was running on the machine (load average ${machine.loadAverageAtStart[0]} on ${machine.cpus} cores at the start): Lighthouse's simulated throttling scales the CPU time it observes, so the scores are pessimistic.`
    : '');
const report = { date: started.toISOString(), page: args.page, runsPerPreset: RUNS, machine, versions, note, throttling: 'Lighthouse default (simulated): mobile = Moto G Power, slow 4G, 4x CPU slowdown; desktop preset = 10 Mbps, 40 ms RTT, no CPU slowdown', presets };
const out = join(root, 'tools/bench/results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `${date}-lighthouse.json`), JSON.stringify(report, null, 2) + '\n');

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => (n == null ? '-' : `${(n / 1000).toFixed(2)} s`);
const lines = [
  `# Lighthouse: sign-in page (${args.page}), ${date}`,
  '',
  `Lighthouse ${versions.lighthouse} (performance category, default simulated throttling) on ${versions.chromium}, headless; Node ${versions.node}.`,
  `Machine: ${machine.cpus} x ${machine.cpu}, ${machine.memoryGiB} GiB; load average ${machine.loadAverageAtStart.join(' / ')} at the start, ${machine.loadAverageAtEnd.join(' / ')} at the end.`,
  `${RUNS} runs per preset; the median run (Lighthouse's computeMedianRun) is reported. The API served the built app (\`npm run build\`) with its precompressed copies.`,
  ...(note ? ['', `Note: ${note}`] : []),
  '',
  '| preset | score | FCP | LCP | TBT | CLS | Speed Index | JS+CSS transferred | JS+CSS uncompressed | requests | scores of the runs |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...Object.entries(presets).map(([preset, { median, runs }]) =>
    `| ${preset} | ${median.score} | ${ms(median.metrics['first-contentful-paint'])} | ${ms(median.metrics['largest-contentful-paint'])} | ${Math.round(median.metrics['total-blocking-time'])} ms | ${median.metrics['cumulative-layout-shift']?.toFixed(3)} | ${ms(median.metrics['speed-index'])} | ${kb(median.firstLoad.transferredJsCss)} | ${kb(median.firstLoad.uncompressedJsCss)} | ${median.firstLoad.requests} | ${runs.map((r) => r.score).join(', ')} |`,
  ),
  '',
  'Targets (issue #10): mobile score >= 90, desktop >= 95, at most 400 KB of compressed JS and CSS on the first load.',
  '',
];
writeFileSync(join(out, `${date}-lighthouse.md`), lines.join('\n'));
console.log(lines.join('\n'));
