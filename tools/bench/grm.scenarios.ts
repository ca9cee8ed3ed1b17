// Grievance scenarios (issue 16): the ticket list's first page (with a status filter, newest first) over
// 100,000 tickets spread over the loaded villages, through the API, against the same page in hand-written SQL.
// Runs after the registry scenarios, on the areas they imported (`--only grm`).
import { postGraphql } from '@coremis/core/testing';
import type { BenchContext } from './bench-kit';

export const GRM_TICKETS = 100_000;
const SAMPLES = 30;

const FIRST_PAGE = `{ tickets(first: 50, filter: { status: OPEN }) { totalCount pageInfo { hasNextPage endCursor } edges { node { id reference channel status priority sensitive createdAt dueAt category { name } } } } }`;

/** The same page by hand: one index-ordered statement and the count. */
const HAND_WRITTEN = `
  SELECT t.id, t.reference, t.channel, t.status, t.priority, t.sensitive, t.created_at, t.due_at, c.name
    FROM grm.ticket t JOIN grm.category c ON c.id = t.category_id
   WHERE t.status = 'OPEN' ORDER BY t.created_at DESC, t.id DESC LIMIT 51`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function runGrmScenarios(ctx: BenchContext): Promise<void> {
  await ctx.pool.query(`INSERT INTO grm.category (code, name, resolution_days) VALUES ('BENCH-PAY', 'Payment not received', 14) ON CONFLICT (code) DO NOTHING`);
  const [{ id: categoryId }] = (await ctx.pool.query(`SELECT id FROM grm.category WHERE code = 'BENCH-PAY'`)).rows;
  await ctx.pool.query(`DELETE FROM grm.ticket WHERE category_id = $1`, [categoryId]);
  const inserted = await ctx.timed(async () => {
    const result = await ctx.pool.query(
      `WITH leaves AS (
         SELECT a.id, a.path, row_number() OVER (ORDER BY a.path) - 1 AS k FROM geo.admin_area a
          WHERE NOT EXISTS (SELECT 1 FROM geo.admin_area c WHERE c.parent_id = a.id))
       INSERT INTO grm.ticket (reference, channel, category_id, status, priority, description, reporter_kind, area_id, area_path, due_at, created_at)
       SELECT 'GRM-' || lpad(upper(to_hex(g)), 6, '0'), (ARRAY['WEB','SMS','HOTLINE','IN_PERSON'])[1 + g % 4], $1,
              (ARRAY['RECEIVED','OPEN','IN_PROGRESS','RESOLVED','CLOSED'])[1 + g % 5], 'MEDIUM', 'Bench ticket ' || g, 'ANONYMOUS',
              l.id, l.path, now() + interval '14 days', now() - make_interval(secs => g)
         FROM generate_series(1, $2) g
         JOIN leaves l ON l.k = g % (SELECT count(*) FROM leaves)`,
      [categoryId, GRM_TICKETS],
    );
    return result.rowCount ?? 0;
  });
  await ctx.pool.query('ANALYZE grm.ticket');
  ctx.record('grm: load 100,000 tickets (set-based INSERT, bench setup)', inserted.value, inserted, null, 'setup of the list scenario');

  // warm both, then compare medians of sequential requests
  const check = await postGraphql<{ tickets: { totalCount: number } }>(ctx.apiUrl, FIRST_PAGE, {}, { token: ctx.token });
  if (!check.data) throw new Error(`grm bench: ${JSON.stringify(check.errors)}`);
  await ctx.pool.query(HAND_WRITTEN);
  const api: number[] = [];
  const hand: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    let t = process.hrtime.bigint();
    await postGraphql(ctx.apiUrl, FIRST_PAGE, {}, { token: ctx.token });
    api.push(Number(process.hrtime.bigint() - t) / 1e6);
    t = process.hrtime.bigint();
    await ctx.pool.query(HAND_WRITTEN);
    await ctx.pool.query(`SELECT count(*) FROM grm.ticket WHERE status = 'OPEN'`);
    hand.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ctx.record(
    'grm: ticket list first page (status filter, 50 rows, with count) over 100,000 tickets',
    check.data.tickets.totalCount,
    { ms: median(api), peakMb: 0, memoryOf: 'n/a: median of sequential requests' },
    median(hand),
    `median of ${SAMPLES} sequential GraphQL requests (HTTP, auth, scope, count); target under 100 ms`,
    'hand-written SELECT of the same page + count through one pg connection',
  );
}
