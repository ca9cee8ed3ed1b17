import 'reflect-metadata';
import { Pool } from 'pg';
import { coreDefinition } from '@coremis/core';
import { startTestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { registryDefinition } from '@coremis/registry';
import { grmDefinition } from '@coremis/grm';
import { runGrmScenarios } from './grm.scenarios';

async function main() {
  const api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, grmDefinition], { DEMO_DATA: 'true', NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  const pool = new Pool({ connectionString: api.databaseUrl, max: 2 });
  const timed = async <T>(work: () => Promise<T>) => { const t = process.hrtime.bigint(); const value = await work(); return { value, ms: Number(process.hrtime.bigint() - t) / 1e6, peakMb: 0 }; };
  const ctx = { pool, apiUrl: api.url, token: api.adminToken, timed, record: (s: string, rows: number, m: { ms: number }, b: number | null, notes?: string) => console.log(JSON.stringify({ scenario: s, rows, ms: Math.round(m.ms * 10) / 10, baselineMs: b === null ? null : Math.round(b * 10) / 10, notes })) } as never;
  await runGrmScenarios(ctx);
  await pool.end();
  await api.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
