// Shared pieces of the benchmark suite: the API and the reference server as separate processes,
// their memory and CPU read from /proc, and the load generator (autocannon's CLI) as a third process.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import type { Pool } from 'pg';
import type { SyntheticArea } from '@coremis/synthetic';

export const ROOT = resolve(__dirname, '../..');
const CLOCK_TICKS = Number(safe(() => execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim(), '100')) || 100;

export interface Result {
  scenario: string;
  size: number;
  wallMs: number;
  rowsPerSecond: number | null;
  /** Peak RSS of the process that did the work (see memoryOf). */
  peakRssMb: number | null;
  memoryOf: string;
  /** API CPU time (user + system) per request, for load scenarios. */
  cpuMsPerRequest: number | null;
  baselineMs: number | null;
  ratio: number | null;
  /** Why there is no baseline or ratio, when there is none. */
  baselineNote?: string;
  notes: string;
}

export interface Measured<T> {
  ms: number;
  value: T;
  /** Peak RSS of the API process during the work (MB), or of the bench process when no API runs. */
  peakMb: number;
  apiPeakMb: number | null;
  benchPeakMb: number;
  apiCpuMs: number | null;
}

export interface BenchContext {
  villages: SyntheticArea[];
  truthFile: string;
  workDir: string;
  apiUrl: string;
  pool: Pool;
  token: string;
  size: number;
  loadSeconds: number;
  householdsFile: string;
  individualsFile: string;
  resultsDir: string;
  /** The reference server (hand-written SQL returning the pages' JSON), when it runs. */
  referenceUrl: string | null;
  timed<T>(work: () => Promise<T>): Promise<Measured<T>>;
  record(scenario: string, rows: number, main: { ms: number; peakMb: number | null; memoryOf?: string }, baselineMs: number | null, notes?: string, baselineNote?: string): void;
  copyBaseline(file: string, columns: string[]): Promise<number>;
  pushRaw(result: Record<string, unknown>): void;
  /** Loads one request with autocannon in its own process, measuring the API process meanwhile. */
  load(request: LoadRequest): Promise<LoadResult>;
}

function safe<T>(work: () => T, fallback: T): T {
  try {
    return work();
  } catch {
    return fallback;
  }
}

/** Resident memory and CPU ticks of a process, from /proc (Linux). */
export function procStats(pid: number): { rssMb: number; hwmMb: number; cpuMs: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    // fields after the command name (which may contain spaces): utime is the 14th field, stime the 15th
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024, cpuMs: (ticks * 1000) / CLOCK_TICKS };
  } catch {
    return null;
  }
}

/** Samples a process's RSS every 50 ms; `window()` starts a measurement window. */
export class ProcessSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly pid: () => number | null) {
    this.timer = setInterval(() => this.sample(), 50);
    this.timer.unref();
  }
  private sample(): number {
    const pid = this.pid();
    const rss = pid === null ? 0 : pid === process.pid ? process.memoryUsage().rss / 1048576 : procStats(pid)?.rssMb ?? 0;
    this.peak = Math.max(this.peak, rss);
    return rss;
  }
  reset(): void {
    this.peak = 0;
    this.sample();
  }
  peakMb(): number {
    this.sample();
    return Math.round(this.peak);
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

export interface MachineFacts {
  cpuModel: string;
  cpuCount: number;
  memoryGb: number;
  node: string;
  postgres: string;
  loadAverage: number[];
  busy: boolean;
  note: string;
}

export async function machineFacts(pool: Pool): Promise<MachineFacts> {
  const cpuinfo = safe(() => readFileSync('/proc/cpuinfo', 'utf8'), '');
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const cpuCount = (cpuinfo.match(/^processor\s*:/gm) ?? []).length || cpus().length;
  const [{ server_version }] = (await pool.query('SHOW server_version')).rows;
  // the settings that move bulk-write figures most (README "PostgreSQL settings"): recorded, not assumed
  const settings = (
    await pool.query(`SELECT name, current_setting(name) AS value FROM unnest(ARRAY['shared_buffers', 'max_wal_size', 'wal_compression', 'work_mem']) AS name`)
  ).rows.map((r: { name: string; value: string }) => `${r.name} ${r.value}`);
  const load = loadavg().map((l) => Math.round(l * 100) / 100);
  const busy = load[0] > 0.5;
  return {
    cpuModel,
    cpuCount,
    memoryGb: Math.round((totalmem() / 1073741824) * 10) / 10,
    node: process.version,
    postgres: `${server_version}, ${settings.join(', ')}`,
    loadAverage: load,
    busy,
    note: busy ? `other work was running when the run started (1-minute load average ${load[0]} on ${cpuCount} CPUs); figures are lower than on an idle machine` : 'the machine looked idle when the run started',
  };
}

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a server script as its own process and waits until `readyPath` answers 200. */
export async function startServer(label: string, args: string[], env: Record<string, string>, port: number, readyPath: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env, PORT: String(port) }, stdio: ['ignore', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
    process.stderr.write(`[${label}] ${chunk}`);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}${readyPath}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${label} did not become ready: ${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid!,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

export interface LoadRequest {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  connections?: number;
  seconds: number;
  /** Requested overall rate (req/s); none = as fast as the server answers. */
  rate?: number;
  /** The process whose CPU and memory are measured (the API or the reference server). */
  pid: number;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p97_5: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Paced runs: how late the load generator itself sent its requests (p99, max ms). */
  sendLag?: { p99: number; max: number };
  /** null when no request completed (nothing to divide by). */
  cpuMsPerRequest: number | null;
  peakRssMb: number;
  ms: number;
}

/** autocannon's CLI as a child process (JSON on stdout), so its CPU is not the server's. */
export async function runLoad(request: LoadRequest): Promise<LoadResult> {
  // a fixed rate is paced evenly (paced-load.mjs); saturation is autocannon's closed loop of 50 connections
  const args = request.rate
    ? [resolve(ROOT, 'tools/bench/paced-load.mjs'), '--url', request.url, '--rate', String(request.rate), '--seconds', String(request.seconds), '--connections', String(request.connections ?? 50), '--method', request.method ?? 'POST']
    : [resolve(ROOT, 'node_modules/autocannon/autocannon.js'), '--json', '-c', String(request.connections ?? 50), '-d', String(request.seconds), '-m', request.method ?? 'POST'];
  for (const [k, v] of Object.entries({ ...(request.body ? { 'content-type': 'application/json' } : {}), ...(request.headers ?? {}) })) args.push('-H', `${k}=${v}`);
  if (request.body) args.push(request.rate ? '--body' : '-b', request.body);
  if (!request.rate) args.push(request.url);
  const sampler = new ProcessSampler(() => request.pid);
  sampler.reset();
  const before = procStats(request.pid);
  const started = process.hrtime.bigint();
  const output = await new Promise<string>((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.stderr.on('data', (c: Buffer) => (err += c));
    child.on('exit', (code) => (code === 0 ? resolvePromise(out) : reject(new Error(`autocannon exited with ${code}: ${err.slice(-500)}`))));
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const after = procStats(request.pid);
  const peakRssMb = sampler.peakMb();
  sampler.stop();
  const r = JSON.parse(output) as { requests: { total: number; average: number }; latency: { p50: number; p97_5: number; p99: number }; sendLag?: { p99: number; max: number }; errors: number; non2xx: number; duration: number };
  const total = r.requests.total;
  return {
    requests: total,
    perSecond: Math.round(total / r.duration),
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    ...(r.sendLag ? { sendLag: r.sendLag } : {}),
    cpuMsPerRequest: before && after && total ? Math.round(((after.cpuMs - before.cpuMs) / total) * 100) / 100 : null,
    peakRssMb,
    ms,
  };
}

/** A load row labelled by the rate reached, never by the rate asked for. */
export function loadRow(label: string, requested: number | undefined, r: LoadResult, reference: { perSecond: number } | null, referenceNote: string): Result {
  const reached = requested ? `${r.perSecond} req/s (asked ${requested}, evenly paced, latency from each request's due time)` : `saturation, ${r.perSecond} req/s, 50 clients`;
  return {
    scenario: `${label} at ${reached}`,
    size: r.requests,
    wallMs: Math.round(r.ms),
    rowsPerSecond: r.perSecond,
    peakRssMb: r.peakRssMb,
    memoryOf: 'API process',
    cpuMsPerRequest: r.cpuMsPerRequest,
    baselineMs: null,
    ratio: !requested && reference ? Math.round((r.perSecond / reference.perSecond) * 100) / 100 : null,
    ...(!requested && reference ? {} : { baselineNote: requested ? 'a fixed-rate row has no ratio (the saturation row has it)' : referenceNote }),
    notes: `${r.requests ? '' : 'NO REQUEST COMPLETED in the window; '}p50 ${r.p50} ms, p97.5 ${r.p97_5} ms, p99 ${r.p99} ms, errors ${r.errors + r.non2xx}${r.sendLag ? `, load generator's own send lag p99 ${r.sendLag.p99} ms, max ${r.sendLag.max} ms` : ''}${!requested && reference ? `; reference ${reference.perSecond} req/s (ratio = API / reference)` : ''}`,
  };
}
