// Registry scenarios of the benchmark suite (issue 5): bulk import against plain COPY, idempotent
// re-import, search queries with their plans, and the household list under load.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './bench-kit';
import { postGraphql } from '@coremis/core/testing';
import { csvLine, generatePopulation, HOUSEHOLD_COLUMNS, INDIVIDUAL_COLUMNS } from '@coremis/synthetic';

export type { BenchContext } from './bench-kit';

export const HOUSEHOLD_MAPPING = {
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
export const MEMBER_MAPPING = {
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

export async function uploadFile(ctx: BenchContext, file: string): Promise<string> {
  const res = await fetch(`${ctx.apiUrl}/api/registry/imports/uploads?name=${encodeURIComponent(file.split('/').pop()!)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/octet-stream' },
    body: readFileSync(file),
  });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Both files through the import job (`as`: another mapping and its options than the plain files'). */
export async function importFiles(ctx: BenchContext, households: string, members: string, checkDuplicates: boolean, as?: { mapping: Record<string, Record<string, string>>; options: Record<string, unknown> }) {
  const mapping = as?.mapping ?? { households: HOUSEHOLD_MAPPING, members: MEMBER_MAPPING };
  const started = await postGraphql<{ startRegistryImport: { id: string } }>(
    ctx.apiUrl,
    'mutation($i: StartRegistryImportInput!) { startRegistryImport(input: $i) { id } }',
    { i: { layout: 'TWO_FILES', householdsUploadId: households, membersUploadId: members, mapping, ...(as ? { options: as.options } : {}), mode: 'VALID_ONLY', validateOnly: false, checkDuplicates } },
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

/** `load`: the import as data setup (skipped on an already-loaded database); `reimport`, `duplicates`: groups. */
export const PLAIN_IMPORT_SCENARIO = 'registry: import households + members (COPY, validate, merge, indexes)';

/**
 * Forces a checkpoint before a timed step (an import, a targeting statement), so that it does not pay for the WAL
 * that earlier steps wrote (on a server with the default max_wal_size of 1 GB a million-person import triggers three
 * of its own anyway). Needs a superuser or pg_checkpoint; without it the run goes on and the step pays as it would.
 */
export async function settleWal(pool: BenchContext['pool']): Promise<void> {
  await pool.query('CHECKPOINT').catch((error: unknown) => console.warn(`CHECKPOINT before a timed step refused: ${String(error)}`));
}

export async function runRegistryScenarios(ctx: BenchContext, what: { load: boolean; reimport: boolean; duplicates: boolean }): Promise<void> {
  if (what.load) {
    const householdColumns = readFileSync(ctx.householdsFile, 'utf8').slice(0, 500).split('\n')[0].split(',');
    const individualColumns = readFileSync(ctx.individualsFile, 'utf8').slice(0, 500).split('\n')[0].split(',');
    const copyHouseholds = await ctx.copyBaseline(ctx.householdsFile, householdColumns);
    const copyIndividuals = await ctx.copyBaseline(ctx.individualsFile, individualColumns);
    const megabytes = Math.round((statSync(ctx.householdsFile).size + statSync(ctx.individualsFile).size) / 1048576);

    const uploaded = await ctx.timed(async () => [await uploadFile(ctx, ctx.householdsFile), await uploadFile(ctx, ctx.individualsFile)] as const);
    ctx.record('registry: upload of both files over HTTP', 0, uploaded, null, `${megabytes} MB streamed to disk`, 'streaming to disk: no baseline measured');
    // both imports start with no checkpoint in progress (the WAL of the steps before would otherwise trigger one
    // inside whichever import comes next): see settleWal
    await settleWal(ctx.pool);
    const imported = await ctx.timed(() => importFiles(ctx, uploaded.value[0], uploaded.value[1], false));
    const r = imported.value;
    const [{ individuals, households }] = (await ctx.pool.query('SELECT (SELECT count(*)::int FROM registry.individual) AS individuals, (SELECT count(*)::int FROM registry.household) AS households')).rows;
    ctx.record(
      PLAIN_IMPORT_SCENARIO,
      individuals,
      imported,
      copyHouseholds + copyIndividuals,
      `${households} households, ${r.individualsCreated} people created, ${r.householdsRejected} households rejected (${r.errorCount} row errors: ${r.errorCodes || 'none'}); steps ${Object.entries(r.timings).map(([k, v]) => `${k} ${v}s`).join(', ')}; baseline = COPY of both files`,
    );
    const integrity = (await ctx.pool.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'registry'`)).rows[0].n;
    console.log(`registry indexes after import: ${integrity}`);
    if (what.reimport) {
      const again = await ctx.timed(() => importFiles(ctx, uploaded.value[0], uploaded.value[1], false));
      ctx.record('registry: re-import of the same files (idempotent)', individuals, again, copyHouseholds + copyIndividuals, `created ${again.value.individualsCreated + again.value.householdsCreated}, updated ${again.value.individualsUpdated + again.value.householdsUpdated}`);
    }
  }
  if (what.duplicates) {
    await duplicateScenarios(ctx).catch((error) => ctx.pushRaw({ scenario: 'registry: duplicate detection over the whole registry (job)', size: 0, wallMs: 0, rowsPerSecond: null, peakRssMb: null, memoryOf: 'n/a: the run failed', baselineNote: 'the run failed', notes: `FAILED: ${String(error).slice(0, 200)}` }));
    await batchCheck(ctx);
  }
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
      'no physical baseline for candidate generation yet',
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
  const ids = [await uploadFile(ctx, householdsFile), await uploadFile(ctx, membersFile)];
  const run = await ctx.timed(() => importFiles(ctx, ids[0], ids[1], true));
  ctx.record(
    'registry: 10,000-person import checked for duplicates against the registry',
    run.value.individualsCreated,
    run,
    null,
    `${run.value.duplicateCandidates ?? 0} candidate pairs (500 planted re-registrations); duplicate check ${run.value.timings['duplicates'] ?? '?'} s of the total; steps ${Object.entries(run.value.timings).map(([k, v]) => `${k} ${v}s`).join(', ')}`,
    'no physical baseline for an import with a duplicate check yet',
  );
}
