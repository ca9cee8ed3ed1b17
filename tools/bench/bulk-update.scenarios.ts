// Bulk update scenario (issue 16, grm "data updates"): a file changing one field (occupation) of every individual
// of the loaded registry, through the API (upload, the check job's COPY + set-based checks + diff, then the apply with
// its per-record audit entries), against a hand-written COPY + `UPDATE ... FROM` of the same kind of file in the same run.
// Runs in the `grm` group, after the registry scenarios loaded the population.
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { postGraphql } from '@coremis/core/testing';
import type { BenchContext } from './bench-kit';

const CREATE = 'mutation($input: CreateBulkUpdateInput!) { createBulkUpdate(input: $input) { id jobId status } }';
const APPLY = 'mutation($id: ID!) { applyBulkUpdate(id: $id) { status recordCount fieldCount } }';

async function writeFile(path: string, ids: string[], tag: string): Promise<void> {
  const out = createWriteStream(path);
  if (!out.write('id,Occupation\n')) await once(out, 'drain');
  for (let i = 0; i < ids.length; i++) if (!out.write(`${ids[i]},${tag} ${i % 7}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

export async function runBulkUpdateScenarios(ctx: BenchContext): Promise<void> {
  const ids = (await ctx.pool.query<{ id: string }>('SELECT id FROM registry.individual ORDER BY id')).rows.map((r) => r.id);
  const apiFile = join(ctx.workDir, `bulk-update-${ids.length}.csv`);
  const handFile = join(ctx.workDir, `bulk-update-hand-${ids.length}.csv`);
  await writeFile(apiFile, ids, 'Bench-api');
  await writeFile(handFile, ids, 'Bench-hand');
  const mb = Math.round(statSync(apiFile).size / 1e5) / 10;

  // preview: upload, then the job (COPY, checks, diff) until the update is READY
  const preview = await ctx.timed(async () => {
    const upload = await fetch(`${ctx.apiUrl}/api/grm/bulk-updates/uploads?name=bulk.csv`, { method: 'POST', headers: { authorization: `Bearer ${ctx.token}` }, body: readFileSync(apiFile) });
    if (upload.status !== 201) throw new Error(`bulk upload failed: ${upload.status} ${await upload.text()}`);
    const { id: uploadId } = (await upload.json()) as { id: string };
    const created = await postGraphql<{ createBulkUpdate: { id: string } }>(
      ctx.apiUrl,
      CREATE,
      { input: { uploadId, recordType: 'INDIVIDUAL', idColumn: 'id', columns: [{ column: 'Occupation', field: 'occupation' }] } },
      { token: ctx.token },
    );
    if (!created.data) throw new Error(`bulk create: ${JSON.stringify(created.errors)}`);
    const id = created.data.createBulkUpdate.id;
    for (;;) {
      const [row] = (await ctx.pool.query<{ status: string; record_count: number; error_count: number }>('SELECT status, record_count, error_count FROM grm.bulk_update WHERE id = $1', [id])).rows;
      if (row.status !== 'CHECKING') {
        if (row.status !== 'READY') throw new Error(`bulk update ended ${row.status} (${row.error_count} errors)`);
        return { id, records: row.record_count };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  const apply = await ctx.timed(async () => {
    const applied = await postGraphql<{ applyBulkUpdate: { status: string; recordCount: number } }>(ctx.apiUrl, APPLY, { id: preview.value.id }, { token: ctx.token });
    if (applied.data?.applyBulkUpdate.status !== 'APPLYING') throw new Error(`bulk apply: ${JSON.stringify(applied.errors ?? applied.data)}`);
    // the apply job: until the update leaves APPLYING
    for (;;) {
      const [row] = (await ctx.pool.query<{ status: string }>('SELECT status FROM grm.bulk_update WHERE id = $1', [preview.value.id])).rows;
      if (row.status !== 'APPLYING') {
        if (row.status !== 'APPLIED') throw new Error(`bulk apply ended ${row.status}`);
        return applied.data.applyBulkUpdate.recordCount;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  // the baseline: the same file shape loaded with COPY and applied by one UPDATE ... FROM, no checks, no audit
  const client = await ctx.pool.connect();
  let hand: { ms: number };
  try {
    const { from: copyFrom } = await import('pg-copy-streams');
    const { pipeline } = await import('node:stream/promises');
    const { createReadStream } = await import('node:fs');
    hand = await ctx.timed(async () => {
      await client.query('BEGIN');
      await client.query('CREATE TEMP TABLE bench_bulk (id uuid, occupation text) ON COMMIT DROP');
      await pipeline(createReadStream(handFile), client.query(copyFrom(`COPY bench_bulk FROM STDIN WITH (FORMAT csv, HEADER true)`)));
      const updated = await client.query('UPDATE registry.individual t SET occupation = s.occupation, version = t.version + 1, updated_at = now() FROM bench_bulk s WHERE t.id = s.id');
      await client.query('COMMIT');
      return updated.rowCount ?? 0;
    });
  } finally {
    client.release();
  }
  ctx.record(
    `grm: bulk update preview of a ${ids.length}-row file (upload, COPY, set-based checks and diff, one job)`,
    preview.value.records,
    preview,
    hand.ms,
    `${mb} MB CSV, one field per row; target under 20 s at 1,000,000`,
    'hand-written COPY + UPDATE ... FROM of the same file shape (no checks, no audit), same run',
  );
  ctx.record(
    `grm: bulk update apply of ${ids.length} records (durable job: one UPDATE ... FROM, per-record audit entries sealed set-based, one transaction)`,
    apply.value,
    apply,
    hand.ms,
    'target under 20 s at 1,000,000; a durable job: one UPDATE ... FROM, then one audit entry per record written and hashed in PostgreSQL, sealed by one chained entry',
    'hand-written COPY + UPDATE ... FROM of the same file shape (no checks, no audit), same run',
  );
}
