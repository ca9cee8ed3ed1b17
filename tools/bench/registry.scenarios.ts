// Registry scenarios of the benchmark suite (issue 5): bulk import against plain COPY, idempotent
// re-import, search queries with their plans, and the household list under load.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Pool } from 'pg';
import { postGraphql } from '@coremis/core/testing';
import { csvLine, generatePopulation, HOUSEHOLD_COLUMNS, INDIVIDUAL_COLUMNS, type SyntheticArea } from '@coremis/synthetic';

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

  // BENCH_IMPORT_ONLY=1: the import scenarios alone (to iterate on the import path)
  if (process.env['BENCH_IMPORT_ONLY']) return;
  await duplicateScenarios(ctx).catch((error) => ctx.pushRaw({ scenario: 'registry: duplicate detection over the whole registry (job)', size: 0, wallMs: 0, rowsPerSecond: null, peakRssMb: 0, baselineMs: null, ratio: null, notes: `FAILED: ${String(error).slice(0, 200)}` }));
  await batchCheck(ctx);
  await searchScenarios(ctx);
  await listLoad(ctx);
}

/** Registry-wide detection through the API's job, scored against the generator's truth. */
async function duplicateScenarios(ctx: BenchContext): Promise<void> {
  const started = await ctx.timed(async () => {
    const run = await postGraphql<{ runDuplicateDetection: { id: string } }>(ctx.apiUrl, 'mutation { runDuplicateDetection { id } }', {}, { token: ctx.token });
    if (!run.data) throw new Error(JSON.stringify(run.errors));
    return waitForJob(ctx, run.data.runDuplicateDetection.id);
  });
  const truth = readFileSync(ctx.truthFile, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  await ctx.pool.query('CREATE TEMP TABLE IF NOT EXISTS bench_truth (original text, duplicate text, noise text)');
  await ctx.pool.query('TRUNCATE bench_truth');
  await ctx.pool.query('INSERT INTO bench_truth SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [truth.map((t) => t[0]), truth.map((t) => t[1]), truth.map((t) => t[2])]);
  const client = await ctx.pool.connect();
  try {
    // the truth pairs whose both sides are in the registry, and the candidates among them
    await client.query('CREATE TEMP TABLE bt AS SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS t(original, duplicate, noise)', [truth.map((t) => t[0]), truth.map((t) => t[1]), truth.map((t) => t[2])]);
    const [score] = (
      await client.query(`
        WITH pairs AS (
          SELECT least(a.id, b.id) AS x, greatest(a.id, b.id) AS y, t.noise
            FROM bt t JOIN registry.individual a ON a.external_id = t.original JOIN registry.individual b ON b.external_id = t.duplicate),
        found AS (SELECT p.noise, c.id IS NOT NULL AS hit FROM pairs p LEFT JOIN registry.duplicate_candidate c ON c.individual_a_id = p.x AND c.individual_b_id = p.y)
        SELECT (SELECT count(*)::int FROM pairs) AS truth,
               (SELECT count(*)::int FROM found WHERE hit) AS hits,
               (SELECT count(*)::int FROM registry.duplicate_candidate WHERE source = 'RUN') AS candidates,
               (SELECT string_agg(noise || ' ' || hits || '/' || total, ', ') FROM (SELECT noise, count(*) FILTER (WHERE hit) AS hits, count(*) AS total FROM found GROUP BY noise ORDER BY noise) n) AS per_noise`)
    ).rows;
    await client.query('DROP TABLE bt');
    const recall = score.truth ? score.hits / score.truth : 0;
    const precision = score.candidates ? score.hits / score.candidates : 0;
    const [{ n }] = (await ctx.pool.query(`SELECT count(*)::int AS n FROM registry.individual`)).rows;
    ctx.record(
      'registry: duplicate detection over the whole registry (job)',
      n,
      started,
      null,
      `${started.value.status}; ${score.candidates} candidate pairs; recall ${(recall * 100).toFixed(1)}% (${score.hits}/${score.truth}), precision ${(precision * 100).toFixed(1)}%; per noise: ${score.per_noise}`,
    );
  } finally {
    client.release();
  }
}

/** A 10,000-person batch checked against the registry while it is imported (some are re-registrations). */
async function batchCheck(ctx: BenchContext): Promise<void> {
  const existing = readFileSync(ctx.individualsFile, 'utf8').split('\n', 2001).slice(1, 2001).map((l) => l.split(','));
  const households = [csvLine(HOUSEHOLD_COLUMNS)];
  const members = [csvLine(INDIVIDUAL_COLUMNS)];
  let people = 0;
  // 500 people registered again on their own, with their names swapped for half of them
  // each re-registered in their own village (fuzzy matching blocks on the village)
  const villageOf = new Map(readFileSync(ctx.householdsFile, 'utf8').split('\n', 2001).slice(1).map((l) => l.split(',')).map((c) => [c[0], c[1]] as [string, string]));
  for (const [i, row] of existing.slice(0, 2000).filter((_, i) => i % 4 === 0).entries()) {
    const code = `B-HH-${i}`;
    households.push(csvLine([code, villageOf.get(row[1]) ?? ctx.villages[0].code, '', '', 1, 'mud', 'thatch', 'earth', 'borehole', 'pit_latrine', 'none', 'firewood', '']));
    const [, , , given, family, sex, birth] = row;
    members.push(csvLine([`B-P-${i}`, code, 'HEAD', i % 2 ? family : given, i % 2 ? given : family, sex, birth, '', '', '']));
    people++;
  }
  for (const { household, members: roster } of generatePopulation({ individuals: 10_000 - people, villages: ctx.villages, seed: 4242, duplicateRate: 0 })) {
    const code = `B-${household.code}`;
    households.push(csvLine(HOUSEHOLD_COLUMNS.map((c) => (c === 'code' ? code : household[c]))));
    for (const m of roster) members.push(csvLine(INDIVIDUAL_COLUMNS.map((c) => (c === 'externalId' ? `B-${m.externalId}` : c === 'householdCode' ? code : c === 'documentNumber' ? (m.documentNumber ? `B${m.documentNumber}` : '') : m[c]))));
  }
  const householdsFile = join(ctx.workDir, 'batch-households.csv');
  const membersFile = join(ctx.workDir, 'batch-members.csv');
  writeFileSync(householdsFile, households.join(''));
  writeFileSync(membersFile, members.join(''));
  const ids = [await upload(ctx, householdsFile), await upload(ctx, membersFile)];
  const run = await ctx.timed(() => importFiles(ctx, ids[0], ids[1], true));
  ctx.record(
    'registry: 10,000-person import checked for duplicates against the registry',
    run.value.individualsCreated,
    run,
    null,
    `${run.value.duplicateCandidates ?? 0} candidate pairs (500 planted re-registrations); duplicate check ${run.value.timings['duplicates'] ?? '?'} s of the total; steps ${Object.entries(run.value.timings).map(([k, v]) => `${k} ${v}s`).join(', ')}`,
  );
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
