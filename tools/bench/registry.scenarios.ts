// Registry scenarios of the benchmark suite (issue 5): bulk import against plain COPY, idempotent
// re-import, search queries with their plans, and the household list under load.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Pool } from 'pg';
import { postGraphql } from '@coremis/core/testing';

export interface BenchContext {
  apiUrl: string;
  pool: Pool;
  token: string;
  size: number;
  loadSeconds: number;
  householdsFile: string;
  individualsFile: string;
  resultsDir: string;
  timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T; peakMb: number }>;
  record(scenario: string, rows: number, main: { ms: number; peakMb: number }, baselineMs: number | null, notes?: string): void;
  copyBaseline(file: string, columns: string[]): Promise<number>;
  pushRaw(result: Record<string, unknown>): void;
}

const HOUSEHOLD_MAPPING = {
  householdKey: 'code',
  areaCode: 'areaCode',
  latitude: 'latitude',
  longitude: 'longitude',
  rooms: 'rooms',
  wallMaterial: 'wallMaterial',
  roofMaterial: 'roofMaterial',
  floorMaterial: 'floorMaterial',
  waterSource: 'waterSource',
  sanitation: 'sanitation',
  lighting: 'lighting',
  cookingFuel: 'cookingFuel',
  assets: 'assets',
};
const MEMBER_MAPPING = {
  householdKey: 'householdCode',
  externalId: 'externalId',
  relationship: 'relationship',
  givenName: 'givenName',
  familyName: 'familyName',
  sex: 'sex',
  birthDate: 'birthDate',
  documentType: 'documentType',
  documentNumber: 'documentNumber',
  phones: 'phone',
};

async function upload(ctx: BenchContext, file: string): Promise<string> {
  const res = await fetch(`${ctx.apiUrl}/api/registry/imports/uploads?name=${encodeURIComponent(file.split('/').pop()!)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/octet-stream' },
    body: readFileSync(file),
  });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

async function importFiles(ctx: BenchContext, households: string, members: string, checkDuplicates: boolean) {
  const started = await postGraphql<{ startRegistryImport: { id: string } }>(
    ctx.apiUrl,
    'mutation($i: StartRegistryImportInput!) { startRegistryImport(input: $i) { id } }',
    { i: { layout: 'TWO_FILES', householdsUploadId: households, membersUploadId: members, mapping: { households: HOUSEHOLD_MAPPING, members: MEMBER_MAPPING }, mode: 'VALID_ONLY', validateOnly: false, checkDuplicates } },
    { token: ctx.token },
  );
  if (!started.data) throw new Error(JSON.stringify(started.errors));
  const job = await waitForJob(ctx, started.data.startRegistryImport.id);
  if (job.status !== 'COMPLETED') throw new Error(`import ${job.status}: ${job.error_message}`);
  const codes = (await ctx.pool.query(`SELECT code, count(*)::int AS n FROM registry.import_row_error WHERE job_id = $1 GROUP BY code ORDER BY 2 DESC`, [started.data.startRegistryImport.id])).rows;
  (job.result as Record<string, unknown>)['errorCodes'] = codes.map((c: { code: string; n: number }) => `${c.code} ${c.n}`).join(', ');
  return job.result as { errorCodes: string; householdsCreated: number; householdsUpdated: number; householdsRejected: number; individualsCreated: number; individualsUpdated: number; errorCount: number; errors: unknown[]; timings: Record<string, number>; duplicateCandidates: number | null };
}

/** The API may run in another process: follow the job in the database. */
async function waitForJob(ctx: BenchContext, id: string) {
  for (;;) {
    const [job] = (await ctx.pool.query('SELECT status, result, error_message FROM core.job WHERE id = $1', [id])).rows;
    if (!['QUEUED', 'RUNNING'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function runRegistryScenarios(ctx: BenchContext): Promise<void> {
  const householdColumns = readFileSync(ctx.householdsFile, 'utf8').slice(0, 500).split('\n')[0].split(',');
  const individualColumns = readFileSync(ctx.individualsFile, 'utf8').slice(0, 500).split('\n')[0].split(',');
  const copyHouseholds = await ctx.copyBaseline(ctx.householdsFile, householdColumns);
  const copyIndividuals = await ctx.copyBaseline(ctx.individualsFile, individualColumns);
  const megabytes = Math.round((statSync(ctx.householdsFile).size + statSync(ctx.individualsFile).size) / 1048576);

  const uploaded = await ctx.timed(async () => [await upload(ctx, ctx.householdsFile), await upload(ctx, ctx.individualsFile)] as const);
  ctx.record('registry: upload of both files over HTTP', 0, uploaded, null, `${megabytes} MB streamed to disk`);
  const imported = await ctx.timed(() => importFiles(ctx, uploaded.value[0], uploaded.value[1], false));
  const r = imported.value;
  const [{ individuals, households }] = (await ctx.pool.query('SELECT (SELECT count(*)::int FROM registry.individual) AS individuals, (SELECT count(*)::int FROM registry.household) AS households')).rows;
  ctx.record(
    'registry: import households + members (COPY, validate, merge, indexes)',
    individuals,
    imported,
    copyHouseholds + copyIndividuals,
    `${households} households, ${r.individualsCreated} people created, ${r.householdsRejected} households rejected (${r.errorCount} row errors: ${r.errorCodes || 'none'}); steps ${Object.entries(r.timings).map(([k, v]) => `${k} ${v}s`).join(', ')}; baseline = COPY of both files`,
  );
  const integrity = (await ctx.pool.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'registry'`)).rows[0].n;
  console.log(`registry indexes after import: ${integrity}`);
  const again = await ctx.timed(() => importFiles(ctx, uploaded.value[0], uploaded.value[1], false));
  ctx.record('registry: re-import of the same files (idempotent)', individuals, again, copyHouseholds + copyIndividuals, `created ${again.value.individualsCreated + again.value.householdsCreated}, updated ${again.value.individualsUpdated + again.value.householdsUpdated}`);

  await searchScenarios(ctx);
  await listLoad(ctx);
}

async function searchScenarios(ctx: BenchContext): Promise<void> {
  const pick = async (sql: string) => (await ctx.pool.query(sql)).rows[0];
  const person = await pick(`SELECT i.given_name, i.family_name, i.phones[1] AS phone, d.number AS doc, h.code FROM registry.individual i JOIN registry.individual_document d ON d.individual_id = i.id JOIN registry.household h ON h.id = i.household_id WHERE cardinality(i.phones) > 0 ORDER BY i.id DESC LIMIT 1`);
  const searches: [string, string, Record<string, unknown>][] = [
    ['name (fuzzy, two words)', 'query($s: String) { individuals(first: 50, filter: { search: $s }) { edges { node { id givenName familyName } } } }', { s: `${person.given_name} ${person.family_name}` }],
    ['name variant (Muhamad ~ Mohammed)', 'query($s: String) { individuals(first: 50, filter: { search: $s }) { edges { node { id givenName familyName } } } }', { s: 'muhamad diallo' }],
    ['document number', 'query($s: String) { individuals(first: 50, filter: { search: $s }) { edges { node { id } } } }', { s: person.doc }],
    ['phone', 'query($s: String) { individuals(first: 50, filter: { search: $s }) { edges { node { id } } } }', { s: person.phone }],
    ['household code', 'query($s: String) { households(first: 50, filter: { search: $s }) { edges { node { id code } } } }', { s: person.code }],
    ['households by member name', 'query($s: String) { households(first: 50, filter: { search: $s }) { edges { node { id code } } } }', { s: `${person.given_name} ${person.family_name}` }],
  ];
  for (const [label, query, variables] of searches) {
    await postGraphql(ctx.apiUrl, query, variables, { token: ctx.token });
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < 20; i++) {
      const started = process.hrtime.bigint();
      const result = await postGraphql<Record<string, { edges: unknown[] }>>(ctx.apiUrl, query, variables, { token: ctx.token });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      count = Object.values(result.data ?? {})[0]?.edges.length ?? -1;
    }
    times.sort((a, b) => a - b);
    ctx.pushRaw({ scenario: `registry search via API: ${label}, first page`, size: 20, wallMs: Math.round(times.reduce((a, b) => a + b, 0)), rowsPerSecond: null, peakRssMb: 0, baselineMs: null, ratio: null, notes: `p50 ${times[10].toFixed(1)} ms, max ${times[19].toFixed(1)} ms, ${count} rows` });
    console.log(`search ${label}: p50 ${times[10].toFixed(1)} ms`);
  }
  // the plan of a fuzzy name search as the API runs it
  const terms = (await ctx.pool.query(`SELECT array_agg(term) AS t FROM (SELECT term FROM registry.name_term WHERE term % $1 OR key = registry.name_key($1) LIMIT 300) x`, [registryNorm(person.family_name)])).rows[0].t ?? [];
  const plan = (
    await ctx.pool.query(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT i.* FROM registry.individual i WHERE i.status <> 'MERGED' AND (i.given_norm = ANY($1) OR i.family_norm = ANY($1)) AND (i.given_norm = ANY($2) OR i.family_norm = ANY($2)) ORDER BY i.family_norm, i.given_norm, i.id LIMIT 51`,
      [terms, [registryNorm(person.given_name)]],
    )
  ).rows.map((r) => r['QUERY PLAN']).join('\n');
  writeFileSync(join(ctx.resultsDir, 'plan-registry-name-search.txt'), plan + '\n');
}

function registryNorm(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

async function listLoad(ctx: BenchContext): Promise<void> {
  const [{ id }] = (await ctx.pool.query('SELECT id FROM registry.household ORDER BY code LIMIT 1 OFFSET 1000')).rows;
  const scenarios = [
    { label: 'household list page (50 rows with members and area)', query: '{ households(first: 50) { edges { node { id code status area { name } members { id givenName familyName sex relationship birthDate } } } } }' },
    { label: 'household detail (members, documents, area path)', query: `{ household(id: "${id}") { id code address rooms wallMaterial assets area { name ancestors { name } } members { id givenName familyName sex birthDate relationship recipientRole phones documents { type number } } } }` },
  ];
  for (const { label, query } of scenarios) {
    const body = JSON.stringify({ query });
    for (const rate of [200, 400, undefined]) {
      const run = await ctx.timed(() =>
        autocannon({ url: `${ctx.apiUrl}/graphql`, method: 'POST', connections: 50, duration: ctx.loadSeconds, ...(rate ? { overallRate: rate } : {}), headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.token}` }, body }),
      );
      const r = run.value;
      ctx.pushRaw({
        scenario: `api: ${label} at ${rate ? `${rate} req/s` : 'saturation'}, 50 clients`,
        size: r.requests.total,
        wallMs: Math.round(run.ms),
        rowsPerSecond: Math.round(r.requests.average),
        peakRssMb: run.peakMb,
        baselineMs: null,
        ratio: null,
        notes: `${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p97.5 ${r.latency.p97_5} ms, p99 ${r.latency.p99} ms, errors ${r.errors + r.non2xx}`,
      });
      console.log(`${label} ${rate ?? 'max'}: ${Math.round(r.requests.average)} req/s p99 ${r.latency.p99}`);
    }
  }
}
