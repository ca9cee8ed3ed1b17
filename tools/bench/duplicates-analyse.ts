// Recall and precision of duplicate detection at several thresholds, per error kind, on a database kept
// by the duplicates benchmark (KEEP_DB=1), without writing anything (the detection is rolled back):
//
//   node tools/scripts/run-ts.mjs tools/bench/duplicates-analyse.ts --url postgres://... --size 100000 [--batch]
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { DataSource, type EntityManager } from 'typeorm';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { startApi } from '@coremis/core';
import { DuplicateDetectionService } from '@coremis/registry';
import { generateGeography } from '@coremis/synthetic';
import { buildPopulation } from './duplicates.scenarios';

const THRESHOLDS = [0.3, 0.5, 0.7, 0.8, 0.9];

class Rollback extends Error {}

/** CPU seconds (user + system) of the backends connected to the database, from /proc (same machine). */
async function backendCpuSeconds(dataSource: DataSource): Promise<number> {
  const rows: { pid: number }[] = await dataSource.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited
    }
  }
  return ticks / 100;
}

async function report(em: EntityManager, truthTable: string): Promise<void> {
  // the candidate rules of insertCandidates, at each threshold
  const keep = `(s.probability >= t OR s.dl = 1)
    AND NOT (s.same_household AND s.bl = 5 AND s.gl = 0 AND s.fl >= 2 AND NOT s.swapped AND s.pl <> 1 AND s.dl <> 1)
    AND NOT (s.bl IN (0, 1, 2) AND s.pl <> 1 AND s.dl <> 1)`;
  const rows = await em.query(`
    WITH scored AS (
      SELECT c.*, p.probability, substring(a.external_id FROM '^[A-Z]*-?P-[0-9]+') = substring(b.external_id FROM '^[A-Z]*-?P-[0-9]+') AS right
        FROM dd_cmp c JOIN dd_pattern p USING (gl, fl, bl, sl, pl, dl, al)
        JOIN registry.individual a ON a.id = c.a JOIN registry.individual b ON b.id = c.b),
    truth AS (SELECT least(a.id, b.id) AS x, greatest(a.id, b.id) AS y, t.kinds FROM ${truthTable} t JOIN registry.individual a ON a.external_id = t.original JOIN registry.individual b ON b.external_id = t.duplicate)
    SELECT t, k AS kind, count(*)::int AS truth, count(*) FILTER (WHERE s.a IS NOT NULL AND ${keep})::int AS found, count(*) FILTER (WHERE s.a IS NOT NULL)::int AS compared
      FROM unnest($1::float8[]) t CROSS JOIN truth tr CROSS JOIN LATERAL unnest(string_to_array(tr.kinds, '+') || 'ALL'::text) k
      LEFT JOIN scored s ON s.a = tr.x AND s.b = tr.y AND s.probability IS NOT NULL
     GROUP BY t, k ORDER BY k, t`, [THRESHOLDS]);
  const flags = await em.query(`
    WITH scored AS (
      SELECT c.*, p.probability, substring(a.external_id FROM '^[A-Z]*-?P-[0-9]+') = substring(b.external_id FROM '^[A-Z]*-?P-[0-9]+') AS right
        FROM dd_cmp c JOIN dd_pattern p USING (gl, fl, bl, sl, pl, dl, al)
        JOIN registry.individual a ON a.id = c.a JOIN registry.individual b ON b.id = c.b)
    SELECT t, count(*) FILTER (WHERE ${keep})::int AS flagged, count(*) FILTER (WHERE ${keep} AND s.right)::int AS right
      FROM unnest($1::float8[]) t CROSS JOIN scored s GROUP BY t ORDER BY t`, [THRESHOLDS]);
  const byKind = new Map<string, string[]>();
  for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? [`${r.kind.padEnd(22)} n=${String(r.truth).padStart(5)} cmp=${(r.compared / r.truth).toFixed(3)}`]), (r.found / r.truth).toFixed(3)]);
  console.log(`thresholds ${THRESHOLDS.join(' ')}`);
  for (const line of byKind.values()) console.log(line.join(' '));
  console.log('precision ' + flags.map((f: { t: number; flagged: number; right: number }) => `${f.t}: ${(f.right / f.flagged).toFixed(4)} (${f.flagged})`).join('  '));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => (args.indexOf(`--${name}`) >= 0 ? args[args.indexOf(`--${name}`) + 1] : fallback);
  const url = option('url', '');
  const size = Number(option('size', '100000'));
  const api = await startApi({ catalogue: MODULE_CATALOGUE, port: 0, log: () => undefined, env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url, WEB_DIST: '/nonexistent', DEMO_DATA: 'false', HOST: '127.0.0.1' } });
  try {
    const dataSource = api.app.get(DataSource);
    const detection = new DuplicateDetectionService(dataSource);
    const cpuBefore = await backendCpuSeconds(dataSource);
    const stop = (table: string) => async (em: EntityManager, result: { seconds: number; pairsCompared: number; candidates: number }) => {
      console.log(`database CPU ${((await backendCpuSeconds(dataSource)) - cpuBefore).toFixed(2)} s; load average ${loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
      console.log(`detection before commit: ${result.seconds ? `${result.seconds} s, ` : ''}${result.pairsCompared ? `${result.pairsCompared} pairs compared, ` : ''}${result.candidates} flagged`);
      await report(em, table);
      throw new Rollback();
    };
    if (args.includes('--batch')) {
      const [{ job }] = await dataSource.query(`SELECT import_job_id AS job FROM registry.individual WHERE import_job_id IS NOT NULL LIMIT 1`);
      const t = Date.now();
      await detection.detectForBatch(job, { beforeCommit: stop('bench_dd_truth') }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
      console.log(`batch ${(Date.now() - t) / 1000} s, database CPU ${((await backendCpuSeconds(dataSource)) - cpuBefore).toFixed(2)} s (with the report)`);
    } else {
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'bench_dd_truth_all'`);
      if (!n) {
        const geography = generateGeography({ individuals: size });
        const population = buildPopulation(size, geography.areas.filter((a) => a.level === 'village'), 42, '', 0.02, 0.02);
        await dataSource.query('CREATE UNLOGGED TABLE bench_dd_truth_all (original text, duplicate text, kinds text)');
        await dataSource.query('INSERT INTO bench_dd_truth_all SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [population.truth.map((x) => x.original), population.truth.map((x) => x.duplicate), population.truth.map((x) => x.kinds)]);
      }
      const t = Date.now();
      await detection.detectAll({ beforeCommit: stop('bench_dd_truth_all') }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
      console.log(`registry-wide ${(Date.now() - t) / 1000} s (with the report)`);
    }
  } finally {
    await api.close();
  }
}

main().then(() => process.exit(0)).catch((error) => { console.error(error); process.exit(1); });
