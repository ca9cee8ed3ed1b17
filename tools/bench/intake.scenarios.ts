// Field intake scenarios of the benchmark suite (issue 17): pulling and staging N KoBoToolbox submissions, each
// a household with a member repeat group, from the fake KoBo server (in the bench process, on 127.0.0.1) through
// the API's durable pull job (pages of INTAKE_PAGE_SIZE: fetch, map, check against the registry, store), against
// a baseline that fetches the same pages and stores the raw JSON with one plain INSERT per page.
import { postGraphql } from '@coremis/core/testing';
import { householdFields } from '../../libs/intake/server/src/testing/fake-form-store';
import { FakeKoboServer } from '../../libs/intake/server/src/testing/fake-kobo.server';
import type { BenchContext } from './bench-kit';

const MAPPING = {
  membersPath: 'hh/members',
  rules: [
    { target: 'household.areaCode', path: 'hh/area' },
    { target: 'household.address', path: 'hh/address' },
    { target: 'member.givenName', path: 'hh/members/given_name' },
    { target: 'member.familyName', path: 'hh/members/family_name' },
    { target: 'member.sex', path: 'hh/members/sex' },
    { target: 'member.relationship', path: 'hh/members/relation' },
    { target: 'member.birthDate', path: 'hh/members/birth_date' },
  ],
  choices: [
    { target: 'member.sex', value: 'f', code: 'F' },
    { target: 'member.sex', value: 'm', code: 'M' },
    { target: 'member.relationship', value: 'head', code: 'HEAD' },
    { target: 'member.relationship', value: 'child', code: 'SON' },
  ],
};

async function waitForJob(ctx: BenchContext, id: string): Promise<{ status: string; result: Record<string, number> | null; error_message: string | null }> {
  for (;;) {
    const [job] = (await ctx.pool.query('SELECT status, result, error_message FROM core.job WHERE id = $1', [id])).rows;
    if (!['QUEUED', 'RUNNING'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function gql<T>(ctx: BenchContext, query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await postGraphql<T>(ctx.apiUrl, query, variables, { token: ctx.token });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

export async function runIntakeScenarios(ctx: BenchContext): Promise<void> {
  const n = ctx.size;
  const kobo = await new FakeKoboServer().start();
  try {
    const generated = await ctx.timed(async () => {
      let members = 0;
      for (let i = 1; i <= n; i++) {
        const fields = householdFields(i, 2 + (i % 4), ctx.villages[i % ctx.villages.length].code);
        members += (fields['hh'] as { members: unknown[] }).members.length;
        kobo.store.add(fields);
      }
      return members;
    });
    const [root] = (await ctx.pool.query(`SELECT id FROM geo.admin_area WHERE parent_id IS NULL ORDER BY code LIMIT 1`)).rows as { id: string }[];
    const created = await gql<{ createIntakeConnector: { id: string; version: number } }>(
      ctx,
      'mutation($i: CreateConnectorInput!) { createIntakeConnector(input: $i) { id version } }',
      { i: { code: `BENCH-KOBO-${Date.now()}`, name: 'Bench household survey', kind: 'KOBO', serverUrl: kobo.url, formId: kobo.assetUid, secret: kobo.token, areaId: root.id } },
    );
    const connector = created.createIntakeConnector;
    await gql(ctx, 'mutation($i: SaveMappingInput!) { saveIntakeMapping(input: $i) { id } }', { i: { id: connector.id, version: connector.version, mapping: MAPPING } });

    // baseline: the same pages fetched from the same fake server, the raw JSON stored with one plain INSERT per page
    await ctx.pool.query('CREATE UNLOGGED TABLE IF NOT EXISTS bench_intake_raw (id bigint PRIMARY KEY, raw jsonb NOT NULL)');
    await ctx.pool.query('TRUNCATE bench_intake_raw');
    const page = 1000;
    const baseline = await ctx.timed(async () => {
      let stored = 0;
      for (let start = 0; start < n; start += page) {
        const response = await fetch(`${kobo.url}/api/v2/assets/${kobo.assetUid}/data/?format=json&limit=${page}&start=${start}`, { headers: { Authorization: `Token ${kobo.token}` } });
        const body = (await response.json()) as { results: Record<string, unknown>[] };
        await ctx.pool.query(`INSERT INTO bench_intake_raw (id, raw) SELECT (x->>'_id')::bigint, x FROM jsonb_array_elements($1::jsonb) x`, [JSON.stringify(body.results)]);
        stored += body.results.length;
      }
      return stored;
    });

    const pulled = await ctx.timed(async () => {
      const job = await gql<{ pullIntakeConnector: { id: string } }>(ctx, 'mutation($id: ID!) { pullIntakeConnector(id: $id) { id } }', { id: connector.id });
      return waitForJob(ctx, job.pullIntakeConnector.id);
    });
    if (pulled.value.status !== 'COMPLETED') throw new Error(`intake pull ${pulled.value.status}: ${pulled.value.error_message}`);
    const [statuses] = (await ctx.pool.query(`SELECT count(*) FILTER (WHERE status = 'VALID')::int AS valid, count(*) FILTER (WHERE status = 'REVIEW')::int AS review, count(*)::int AS total FROM intake.submission WHERE connector_id = $1`, [connector.id])).rows as { valid: number; review: number; total: number }[];
    ctx.record(
      'intake: pull + stage KoBo submissions (member repeat group), one job',
      n,
      pulled,
      baseline.ms,
      `${generated.value} members in the repeat groups; ${statuses.total} stored (${statuses.valid} valid, ${statuses.review} to review: likely duplicates of the imported registry and other checks); ${JSON.stringify(pulled.value.result)}; baseline = fetch the same pages + plain INSERT of the raw JSON`,
    );

    const again = await ctx.timed(async () => {
      const job = await gql<{ pullIntakeConnector: { id: string } }>(ctx, 'mutation($id: ID!) { pullIntakeConnector(id: $id) { id } }', { id: connector.id });
      return waitForJob(ctx, job.pullIntakeConnector.id);
    });
    ctx.record('intake: incremental pull with nothing new (from the watermark)', Number(again.value.result?.['received'] ?? 0), again, null, JSON.stringify(again.value.result), 'no baseline: a single request at the watermark');
  } finally {
    await kobo.stop();
  }
}
