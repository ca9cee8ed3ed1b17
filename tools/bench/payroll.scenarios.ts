// Payment scenarios of the benchmark suite (issue 15), on the population the registry scenarios imported: a household
// programme with every household and an individual programme with every person, ACTIVE. Each figure against a
// hand-written statement in the same run:
// - payroll generation through the module's own statements (generationBoundsSql + generationSql, in the chunks its
//   job commits) vs one hand-written INSERT ... SELECT of the same lines (same columns, same table definition and
//   indexes: a copy of payment.payroll_line made with LIKE ... INCLUDING ALL plus its foreign key);
// - duplicate flagging (FLAG_SQL) vs a hand-written UPDATE flagging the same shared values on the copy;
// - approval of the payroll (lineTransitionSql: every unflagged line CREATED -> APPROVED with its transition row) vs a
//   hand-written UPDATE of the copy;
// - reconciliation of a provider CSV of every line (the module's COPY staging, check and apply) vs a hand-written COPY
//   + UPDATE ... FROM on the copy; then the same file replayed (nothing may change) and the totals compared to the cent;
// - the payment-agent download of one point's lines through the HTTP API vs the same query by hand;
// - first, payroll generation for a household programme (a line per household: members counted, a per-member
//   amount with a cap and a top-up per young child, the recipient chosen among the members) vs a hand-written
//   INSERT ... SELECT, both on an empty line table; then that programme's goods distribution (two items, an
//   entitlement per household and item, in the goods job's chunks) vs a hand-written INSERT ... SELECT.
// Every village has a payment point (cash paid at points), so every line carries its point.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { applyChecked, FLAG_SQL, generationBoundsSql, GENERATION_SETTINGS, lineTransitionSql, GENERATION_CHUNK, generationScope, generationSql, goodsGenerationSql, type ReconcileIo, reconciliationSourceOf, stageAndCheck } from '@coremis/payment';
import type { BenchContext } from './registry.scenarios';

const CHUNK = GENERATION_CHUNK;
const PLANNED = '2026-12-15';
const COLUMNS = `payroll_id, cycle_id, program_id, beneficiary_id, attempt, household_id, individual_id, recipient_id, recipient_name, phone, document_number, area_id, area_path, payment_point_id, period, currency, amount_minor, rule_version, components`;

// the same lines as the module's statement for these rules (fixed 1500 per person, no top-up, cap or rounding; the
// bench's points are at the villages, so a line's point is its village's), written the obvious way
const HAND_WRITTEN = `
  INSERT INTO bench_payroll_hand (${COLUMNS})
  SELECT $1, $2, $3, b.id, 1, b.household_id, b.individual_id, i.id, i.given_name || ' ' || i.family_name, i.phones[1], d.number, b.area_id, b.area_path,
    coalesce(pa.payment_point_id, pt.id), '2026-12', 'USD', 1500, 1, '[{"code": "BASE:PER_INDIVIDUAL", "amountMinor": "1500"}]'::jsonb
  FROM programs.beneficiary b
  JOIN registry.individual i ON i.id = b.individual_id
  LEFT JOIN (SELECT individual_id, min(number) AS number FROM registry.individual_document GROUP BY individual_id) d ON d.individual_id = i.id
  LEFT JOIN payment.point_assignment pa ON pa.beneficiary_id = b.id
  LEFT JOIN payment.payment_point pt ON pt.active AND pt.area_path = b.area_path
  WHERE b.program_id = $3 AND b.status = 'ACTIVE'`;

const HAND_FLAGS = `
  UPDATE bench_payroll_hand h SET status = 'FLAGGED', flags = ARRAY['SHARED']
  WHERE h.recipient_id IN (SELECT recipient_id FROM bench_payroll_hand GROUP BY recipient_id HAVING count(*) > 1)
     OR h.document_number IN (SELECT document_number FROM bench_payroll_hand GROUP BY document_number HAVING count(*) > 1)
     OR h.phone IN (SELECT phone FROM bench_payroll_hand GROUP BY phone HAVING count(*) > 1)
     OR h.account_number IN (SELECT account_number FROM bench_payroll_hand GROUP BY account_number HAVING count(*) > 1)`;

export async function runPayrollScenarios(ctx: BenchContext): Promise<void> {
  const { pool } = ctx;
  // a reused database (--skip-import): the previous run's bench programme goes first
  await pool.query(`DROP TABLE IF EXISTS bench_payroll_hand, bench_payroll_hand_h, bench_goods_hand`);
  await pool.query(`DELETE FROM payment.goods_entitlement WHERE distribution_id IN (SELECT id FROM payment.goods_distribution WHERE code LIKE 'BENCH-G%')`);
  await pool.query(`DELETE FROM payment.goods_distribution WHERE code LIKE 'BENCH-G%'`);
  await pool.query(`DELETE FROM payment.goods_rule_set WHERE program_id IN (SELECT id FROM programs.program WHERE code LIKE 'BENCH-PAY%')`);
  await pool.query(`DELETE FROM payment.goods_item WHERE code LIKE 'BENCH-G-%'`);
  await pool.query(`DELETE FROM payment.line_transition WHERE payroll_id IN (SELECT id FROM payment.payroll WHERE code LIKE 'BENCH-P%')`);
  await pool.query(`DELETE FROM payment.reconciliation_file WHERE payroll_id IN (SELECT id FROM payment.payroll WHERE code LIKE 'BENCH-P%')`);
  // counted first: each deleted line's foreign-key check (is it still referenced?) runs a plan made once per connection,
  // and made on statistics saying the table is empty it scanned the payroll index whole for each line (minutes)
  await pool.query('ANALYZE payment.payroll_line');
  await pool.query(`DELETE FROM payment.payroll_line WHERE payroll_id IN (SELECT id FROM payment.payroll WHERE code LIKE 'BENCH-P%')`);
  await pool.query(`DELETE FROM payment.payroll WHERE code LIKE 'BENCH-P%'`);
  await pool.query(`DELETE FROM payment.benefit_rule_set WHERE program_id IN (SELECT id FROM programs.program WHERE code LIKE 'BENCH-PAY%')`);
  await pool.query(`DELETE FROM payment.cycle WHERE code LIKE 'BENCH-C%'`);
  await pool.query(`DELETE FROM programs.beneficiary WHERE program_id IN (SELECT id FROM programs.program WHERE code LIKE 'BENCH-PAY%')`);
  await pool.query(`DELETE FROM programs.program WHERE code LIKE 'BENCH-PAY%'`);
  await pool.query(`DELETE FROM payment.payment_point WHERE code LIKE 'BENCH-PP-%'`);
  await pool.query('VACUUM ANALYZE payment.payroll_line');
  // a cash point in every village, where the agents pay
  await pool.query(
    `INSERT INTO payment.payment_point (code, name, type, area_id, area_path)
     SELECT 'BENCH-PP-' || a.code, 'Point ' || a.code, 'AGENT', a.id, a.path FROM geo.admin_area a WHERE NOT EXISTS (SELECT 1 FROM geo.admin_area c WHERE c.parent_id = a.id)`,
  );

  const area = (await pool.query<{ id: string; path: string }>(`SELECT id, path FROM geo.admin_area WHERE parent_id IS NULL ORDER BY code LIMIT 1`)).rows[0];
  // first, on an empty line table as the hand-written statement's copy is: the household programme
  await runHouseholdGeneration(ctx, area);
  const { program, cycle, payroll, handPayroll } = await setUpProgramme(ctx, area, { unit: 'INDIVIDUAL', code: 'BENCH-PAY', name: 'Bench payroll', cycle: ['BENCH-C1', 'Bench'], payrolls: ['BENCH-P1', 'BENCH-P0'] });
  await pool.query(`CREATE TABLE bench_payroll_hand (LIKE payment.payroll_line INCLUDING ALL, FOREIGN KEY (payroll_id) REFERENCES payment.payroll (id)) WITH (fillfactor = 50)`);
  await pool.query('CHECKPOINT');

  // 1. generation
  const hand = await ctx.timed(async () => (await pool.query(HAND_WRITTEN, [handPayroll, cycle, program])).rowCount ?? 0);
  await pool.query('CHECKPOINT');
  const sql = generationSql('INDIVIDUAL', false);
  // as the job runs it: the cycle's area (the country here) for an unrestricted maker
  const params = (after: string | null, upTo: string | null) => [payroll, cycle, program, '2026-12', 'USD', PLANNED, 1, 'PER_INDIVIDUAL', '1500', null, null, '1', '[]', after, upTo, generationScope(area.path, null)];
  const runChunks = async (statement = sql): Promise<{ inserted: number; chunks: number }> => {
    const bounds = (await pool.query<{ id: string }>(generationBoundsSql('INDIVIDUAL'), [program, CHUNK])).rows.map((r) => r.id);
    return { inserted: await runJobChunks(pool, bounds, statement, params), chunks: bounds.length + 1 };
  };
  const generated = await ctx.timed(runChunks);
  ctx.record(
    `payment: payroll generation, one line per individual (job chunks of ${CHUNK.toLocaleString('en')})`,
    generated.value.inserted,
    generated,
    hand.ms,
    `${generated.value.chunks} statements; hand-written INSERT ... SELECT of the same ${hand.value.toLocaleString('en')} lines (same columns, same table definition and indexes) in ${Math.round(hand.ms)} ms`,
  );
  // the plan of one chunk, measured in a transaction rolled back (another cycle, so that the lines are really written)
  {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const setting of GENERATION_SETTINGS) await client.query(setting); // as the job
      const other = (await client.query<{ id: string }>(`INSERT INTO payment.cycle (program_id, code, name, period, planned_date, currency, area_id, area_path) VALUES ($1, 'BENCH-C2', 'Plan', '2026-11', $2, 'USD', $3, $4) RETURNING id`, [program, PLANNED, area.id, area.path])).rows[0].id;
      const [upTo] = (await client.query<{ id: string }>(generationBoundsSql('INDIVIDUAL'), [program, CHUNK])).rows.map((r) => r.id);
      const p = params(null, upTo ?? null);
      p[1] = other;
      const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, p)).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      writeFileSync(join(ctx.resultsDir, 'plan-payroll-generation.txt'), `-- first generation chunk (${CHUNK} beneficiaries), ${new Date().toISOString()}, size ${ctx.size}\n${plan}\n`);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }
  // as the job generates a cycle that has lines already: beneficiaries with a line are left out first
  const again = await ctx.timed(() => runChunks(generationSql('INDIVIDUAL', false, true)));
  ctx.record('payment: regenerating the same cycle (idempotent)', again.value.inserted, again, null, `${again.value.inserted} lines added`);
  await pool.query('ANALYZE payment.payroll_line; ANALYZE bench_payroll_hand');

  // 2. duplicate flags
  const handFlags = await ctx.timed(async () => (await pool.query(HAND_FLAGS)).rowCount ?? 0);
  const flagged = await ctx.timed(async () => (await pool.query<{ flagged: number }>(FLAG_SQL, [payroll, null])).rows[0].flagged);
  ctx.record(
    'payment: duplicate flagging over the payroll',
    generated.value.inserted,
    flagged,
    handFlags.ms,
    `${flagged.value} lines flagged (shared recipient/document/phone/account, already paid); hand-written UPDATE of the same shared values: ${handFlags.value} rows`,
  );

  // 3. approval: every unflagged line CREATED -> APPROVED in the module's statement (one transition row each), against a hand-written UPDATE of the copy without transitions
  await pool.query('CHECKPOINT');
  const handApproval = await ctx.timed(async () => (await pool.query(`UPDATE bench_payroll_hand SET status = 'APPROVED', updated_at = now(), version = version + 1 WHERE status = 'CREATED'`)).rowCount ?? 0);
  await pool.query('CHECKPOINT');
  const approval = await ctx.timed(async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const [{ moved }] = (await client.query<{ moved: number }>(lineTransitionSql(['CREATED']), [payroll, ['CREATED'], 'APPROVED', null, null, 'APPROVAL', null])).rows;
      await client.query('COMMIT');
      return moved;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  });
  ctx.record(
    'payment: approving the payroll, every unflagged line CREATED to APPROVED in one statement with its transition rows',
    approval.value,
    approval,
    handApproval.ms,
    `${approval.value} lines approved, ${approval.value} transition rows; hand-written UPDATE of the copy (no transition rows): ${handApproval.value} rows`,
  );

  // 4. reconciliation: every approved line sent (setup), then the provider's file of all of them
  await pool.query(`UPDATE payment.payroll_line SET status = 'SUBMITTED', submitted_at = now() WHERE payroll_id = $1 AND status = 'APPROVED'`, [payroll]);
  await pool.query(`UPDATE bench_payroll_hand SET status = 'SUBMITTED' WHERE status = 'APPROVED'`);
  await pool.query(`UPDATE payment.payroll SET status = 'IN_PAYMENT' WHERE id IN ($1, $2)`, [payroll, handPayroll]);
  await pool.query('VACUUM ANALYZE payment.payroll_line');
  await pool.query('VACUUM ANALYZE bench_payroll_hand');
  const file = join(ctx.workDir, `provider-file-${ctx.size}.csv`);
  const handFile = join(ctx.workDir, `provider-file-hand-${ctx.size}.csv`);
  let fileTotal = 0n;
  let fileRows = 0;
  for (const [target, table, id] of [[file, 'payment.payroll_line', payroll], [handFile, 'bench_payroll_hand', handPayroll]] as const) {
    const out = createWriteStream(target);
    out.write('transaction_id,amount,status,receipt\n');
    const client = await pool.connect();
    try {
      const rows = (await client.query<{ id: string; amount: string }>(`SELECT id, amount_minor::text AS amount FROM ${table} WHERE payroll_id = $1 AND status = 'SUBMITTED' ORDER BY area_path, id`, [id])).rows;
      for (const [i, r] of rows.entries()) {
        if (table === 'payment.payroll_line') {
          fileTotal += BigInt(r.amount);
          fileRows++;
        }
        if (!out.write(`${r.id},${r.amount},PAID,RCPT${i}\n`)) await once(out, 'drain');
      }
    } finally {
      client.release();
    }
    await new Promise((resolve) => out.end(resolve));
  }
  const handRecon = await ctx.timed(async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TEMP TABLE hand_file (transaction_id uuid, amount bigint, status text, receipt text) ON COMMIT DROP');
      await pipeline(createReadStream(handFile), client.query(copyFrom(`COPY hand_file FROM STDIN WITH (FORMAT csv, HEADER true)`)));
      const updated = await client.query(
        `UPDATE bench_payroll_hand h SET status = 'RECONCILED', paid_amount_minor = f.amount, receipt = f.receipt, settled_at = now()
         FROM hand_file f WHERE h.id = f.transaction_id AND h.status = 'SUBMITTED' AND f.amount = h.amount_minor`,
      );
      await client.query('COMMIT');
      return updated.rowCount ?? 0;
    } finally {
      client.release();
    }
  });
  const reconcile = async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const content = readFileSync(file);
      const sha256 = createHash('sha256').update(content).digest('hex');
      const io = ioOf(client);
      const source = await reconciliationSourceOf(content);
      const { counts } = await stageAndCheck(io, payroll, source, { reference: 1, amount: 2, status: 3, receipt: 4 }, 1000, null);
      const applied = counts.rejected ? 0 : await applyChecked(io, payroll, 'provider.csv', null);
      await client.query(
        `INSERT INTO payment.reconciliation_file (payroll_id, sha256, file_name, rows_total, rows_applied, rows_unchanged, rows_rejected) VALUES ($1, $2, 'provider.csv', $3, $4, $5, $6)`,
        [payroll, sha256, counts.rows, applied, counts.unchanged, counts.rejected],
      );
      await client.query('COMMIT');
      return { ...counts, applied };
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  const reconciled = await ctx.timed(reconcile);
  const [totals] = (await pool.query<{ n: number; paid: string }>(`SELECT count(*)::int AS n, coalesce(sum(paid_amount_minor), 0)::text AS paid FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'RECONCILED'`, [payroll])).rows;
  const cents = totals.paid === fileTotal.toString() && totals.n === fileRows ? 'totals match to the cent' : 'TOTALS DIFFER';
  ctx.record(
    'payment: reconciliation of the provider file (COPY staging, set-based check and apply)',
    reconciled.value.rows,
    reconciled,
    handRecon.ms,
    `${reconciled.value.applied} lines settled, ${reconciled.value.rejected} rows rejected; file ${fileRows} rows totalling ${fileTotal} minor units, reconciled lines ${totals.n} paid ${totals.paid}: ${cents}; hand-written COPY + UPDATE ... FROM: ${handRecon.value} rows`,
  );
  // the same file again, all the way through the check (not only the service's file-hash shortcut): nothing may change
  const transitionsBefore = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM payment.line_transition WHERE payroll_id = $1`, [payroll])).rows[0].n;
  await pool.query(`DELETE FROM payment.reconciliation_file WHERE payroll_id = $1`, [payroll]);
  const replay = await ctx.timed(reconcile);
  const transitionsAfter = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM payment.line_transition WHERE payroll_id = $1`, [payroll])).rows[0].n;
  const [totalsAfter] = (await pool.query<{ paid: string }>(`SELECT coalesce(sum(paid_amount_minor), 0)::text AS paid FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'RECONCILED'`, [payroll])).rows;
  ctx.record(
    'payment: replaying the same provider file',
    replay.value.rows,
    replay,
    null,
    `${replay.value.applied} lines changed, ${replay.value.unchanged} rows unchanged, transitions ${transitionsBefore} → ${transitionsAfter}, paid ${totalsAfter.paid}`,
  );
  await pool.query('DROP TABLE bench_payroll_hand');

  // 4. the payment-agent download: the busiest point's lines, as an agent's phone asks for them (the administrator is
  // put on the point's staff: the same query as any agent's)
  const [point] = (await pool.query<{ id: string; n: number }>(`SELECT payment_point_id AS id, count(*)::int AS n FROM payment.payroll_line WHERE payroll_id = $1 GROUP BY 1 ORDER BY 2 DESC LIMIT 1`, [payroll])).rows;
  await pool.query(`UPDATE payment.payment_point SET staff_user_ids = ARRAY(SELECT id FROM core."user" WHERE username = 'admin') WHERE id = $1`, [point.id]);
  await pool.query('VACUUM ANALYZE payment.payroll_line');
  // a device catching up from the start: every status, in (updated_at, id) order
  const since = '1970-01-01T00:00:00.000Z';
  const url = `${ctx.apiUrl}/api/payment/agent/lines?since=${since}&limit=200`;
  const get = async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${ctx.token}` } });
    if (res.status !== 200) throw new Error(`agent download answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { items: unknown[] };
  };
  const first = await get();
  const REQUESTS = 100;
  const api = await ctx.timed(async () => {
    for (let i = 0; i < REQUESTS; i++) await get();
    return REQUESTS;
  });
  const handPage = `
    SELECT l.id, l.status, l.recipient_name, l.amount_minor::text, l.updated_at FROM payment.payroll_line l JOIN payment.payroll p ON p.id = l.payroll_id
     WHERE l.payment_point_id = $1 AND p.provider_account_id IS NULL AND p.status IN ('IN_PAYMENT', 'RECONCILED') AND l.updated_at > $2::timestamptz
     ORDER BY l.updated_at, l.id LIMIT 201`;
  const handRun = await ctx.timed(async () => {
    for (let i = 0; i < REQUESTS; i++) await pool.query(handPage, [point.id, since]);
    return REQUESTS;
  });
  ctx.record(
    `payment: agent download, first page of a point's lines (${REQUESTS} requests one after another)`,
    REQUESTS,
    api,
    handRun.ms,
    `${(api.ms / REQUESTS).toFixed(1)} ms a page of ${first.items.length} lines over HTTP (the point holds ${point.n} lines of a ${generated.value.inserted.toLocaleString('en')}-line payroll); hand-written SQL of the same page ${(handRun.ms / REQUESTS).toFixed(1)} ms`,
  );
}

// the household programme's rules: 500 per member up to 6 members, 300 more per child under 5
const HOUSEHOLD_TOP_UPS = [{ label: 'U5', condition: 'CHILD_UNDER_5', minCount: 1, amountMinor: '300', perMember: true }];
const HAND_WRITTEN_HOUSEHOLD = `
  INSERT INTO bench_payroll_hand_h (${COLUMNS})
  SELECT $1, $2, $3, b.id, 1, b.household_id, NULL, r.id, r.given_name || ' ' || r.family_name, r.phones[1], d.number, b.area_id, b.area_path,
    coalesce(pa.payment_point_id, pt.id), '2026-12', 'USD', 500 * least(m.members, 6) + 300 * m.u5, 1,
    jsonb_build_array(jsonb_build_object('code', 'BASE:PER_MEMBER', 'amountMinor', (500 * least(m.members, 6))::text))
      || CASE WHEN m.u5 > 0 THEN jsonb_build_array(jsonb_build_object('code', 'TOPUP:U5', 'amountMinor', (300 * m.u5)::text)) ELSE '[]'::jsonb END
  FROM programs.beneficiary b
  JOIN (SELECT household_id, count(*) FILTER (WHERE status = 'ACTIVE')::int AS members,
               count(*) FILTER (WHERE status = 'ACTIVE' AND birth_date > $4::date - interval '5 years')::int AS u5
          FROM registry.individual GROUP BY household_id) m ON m.household_id = b.household_id
  LEFT JOIN (SELECT DISTINCT ON (household_id) * FROM registry.individual
              WHERE status = 'ACTIVE' AND (recipient_role IN ('PRIMARY', 'ALTERNATE') OR relationship = 'HEAD')
              ORDER BY household_id, CASE recipient_role WHEN 'PRIMARY' THEN 0 WHEN 'ALTERNATE' THEN 1 ELSE 2 END, id) r ON r.household_id = b.household_id
  LEFT JOIN (SELECT individual_id, min(number) AS number FROM registry.individual_document GROUP BY individual_id) d ON d.individual_id = r.id
  LEFT JOIN payment.point_assignment pa ON pa.beneficiary_id = b.id
  LEFT JOIN payment.payment_point pt ON pt.active AND pt.area_path = b.area_path
  WHERE b.program_id = $3 AND b.status = 'ACTIVE'`;

/**
 * A bench programme over the whole registry (every person or every household ACTIVE beneficiaries), its cycle, an
 * empty rule set and two payrolls: the module's and the hand-written statements' (their lines go to a copy table).
 */
async function setUpProgramme(
  ctx: BenchContext,
  area: { id: string; path: string },
  o: { unit: 'INDIVIDUAL' | 'HOUSEHOLD'; code: string; name: string; cycle: [string, string]; payrolls: [string, string] },
): Promise<{ program: string; cycle: string; payroll: string; handPayroll: string }> {
  const { pool } = ctx;
  const program = (
    await pool.query<{ id: string }>(
      `INSERT INTO programs.program (code, name, target_unit, coverage_area_ids, coverage_paths, currency, status)
       VALUES ($1, jsonb_build_object('en', $2::text), $3, ARRAY[$4::uuid], ARRAY[$5], 'USD', 'ACTIVE') RETURNING id`,
      [o.code, o.name, o.unit, area.id, area.path],
    )
  ).rows[0].id;
  await pool.query(
    o.unit === 'INDIVIDUAL'
      ? `INSERT INTO programs.beneficiary (program_id, individual_id, area_id, area_path, status, enrolled_on)
         SELECT $1, i.id, h.area_id, h.area_path, 'ACTIVE', '2026-01-01' FROM registry.individual i JOIN registry.household h ON h.id = i.household_id`
      : `INSERT INTO programs.beneficiary (program_id, household_id, area_id, area_path, status, enrolled_on)
         SELECT $1, h.id, h.area_id, h.area_path, 'ACTIVE', '2026-01-01' FROM registry.household h`,
    [program],
  );
  await pool.query('ANALYZE programs.beneficiary');
  const cycle = (
    await pool.query<{ id: string }>(
      `INSERT INTO payment.cycle (program_id, code, name, period, planned_date, currency, area_id, area_path) VALUES ($1, $2, $3, '2026-12', $4, 'USD', $5, $6) RETURNING id`,
      [program, o.cycle[0], o.cycle[1], PLANNED, area.id, area.path],
    )
  ).rows[0].id;
  const rules = (await pool.query<{ id: string }>(`INSERT INTO payment.benefit_rule_set (program_id, rule_version, rules) VALUES ($1, 1, '{}') RETURNING id`, [program])).rows[0].id;
  const payrollOf = async (code: string) =>
    (await pool.query<{ id: string }>(`INSERT INTO payment.payroll (cycle_id, program_id, code, rule_set_id, area_id, area_path) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, [cycle, program, code, rules, area.id, area.path])).rows[0].id;
  return { program, cycle, payroll: await payrollOf(o.payrolls[0]), handPayroll: await payrollOf(o.payrolls[1]) };
}

/** Generation for a household programme (one line per household), in the job's chunks, against the hand-written statement. */
async function runHouseholdGeneration(ctx: BenchContext, area: { id: string; path: string }): Promise<void> {
  const { pool } = ctx;
  const { program, cycle, payroll, handPayroll } = await setUpProgramme(ctx, area, { unit: 'HOUSEHOLD', code: 'BENCH-PAYH', name: 'Bench household payroll', cycle: ['BENCH-CH1', 'Bench households'], payrolls: ['BENCH-PH1', 'BENCH-PH0'] });
  await pool.query(`CREATE TABLE bench_payroll_hand_h (LIKE payment.payroll_line INCLUDING ALL, FOREIGN KEY (payroll_id) REFERENCES payment.payroll (id)) WITH (fillfactor = 50)`);
  await pool.query('CHECKPOINT');
  // the first statement after a copied database would pay for reading the registry from disk: both start warm
  await pool.query(`SELECT (SELECT sum(length(given_name)) FROM registry.individual), (SELECT sum(length(number)) FROM registry.individual_document), (SELECT sum(length(area_path)) FROM programs.beneficiary)`);
  const hand = await ctx.timed(async () => (await pool.query(HAND_WRITTEN_HOUSEHOLD, [handPayroll, cycle, program, PLANNED])).rowCount ?? 0);
  await pool.query('CHECKPOINT');
  const sql = generationSql('HOUSEHOLD', true);
  const bounds = (await pool.query<{ id: string }>(generationBoundsSql('HOUSEHOLD'), [program, CHUNK])).rows.map((r) => r.id);
  const generated = await ctx.timed(() =>
    runJobChunks(pool, bounds, sql, (after, upTo) => [payroll, cycle, program, '2026-12', 'USD', PLANNED, 1, 'PER_MEMBER', '500', 6, null, '1', JSON.stringify(HOUSEHOLD_TOP_UPS), after, upTo, generationScope(area.path, null)]),
  );
  // the two statements must have written the same lines: same amounts, recipients and components per household
  const [same] = (
    await pool.query<{ lines: number; differ: number; total: string }>(
      `SELECT count(*)::int AS lines, count(*) FILTER (WHERE (l.amount_minor, l.recipient_id, l.document_number, l.payment_point_id, l.components) IS DISTINCT FROM (h.amount_minor, h.recipient_id, h.document_number, h.payment_point_id, h.components))::int AS differ,
              sum(l.amount_minor)::text AS total
         FROM (SELECT * FROM payment.payroll_line WHERE payroll_id = $1) l FULL JOIN bench_payroll_hand_h h ON h.household_id = l.household_id`,
      [payroll],
    )
  ).rows;
  ctx.record(
    `payment: payroll generation, one line per household (members counted, cap, top-up, recipient chosen; job chunks of ${CHUNK.toLocaleString('en')})`,
    generated.value,
    generated,
    hand.ms,
    `${bounds.length + 1} statements; hand-written INSERT ... SELECT of ${hand.value.toLocaleString('en')} lines in ${Math.round(hand.ms)} ms; compared line by line: ${same.lines.toLocaleString('en')} lines, ${same.differ} differing, ${same.total} minor units in total`,
  );
  await pool.query('DROP TABLE bench_payroll_hand_h');
  await runGoodsGeneration(ctx, area, program, cycle);
  // the individual programme's scenarios start from an empty line table again
  await pool.query('ANALYZE payment.payroll_line'); // see runPayrollScenarios
  await pool.query(`DELETE FROM payment.payroll_line WHERE payroll_id = $1`, [payroll]);
  await pool.query('VACUUM ANALYZE payment.payroll_line');
}

// the goods rule of the household programme: maize 5 per active member up to 4, oil 2 per household
const HAND_WRITTEN_GOODS = `
  INSERT INTO bench_goods_hand (distribution_id, cycle_id, program_id, beneficiary_id, item_id, household_id, individual_id, recipient_id, recipient_name,
    area_id, area_path, payment_point_id, quantity, unit_value_minor, rule_version)
  SELECT * FROM (
    SELECT $1::uuid, $2::uuid, $3::uuid, b.id, gi.id, b.household_id, NULL::uuid, r.id, r.given_name || ' ' || r.family_name, b.area_id, b.area_path,
      coalesce(pa.payment_point_id, pt.id), CASE gi.code WHEN 'BENCH-G-MAIZE' THEN 5 * least(coalesce(m.members, 0), 4) ELSE 2 END AS quantity, gi.unit_value_minor, 1
    FROM programs.beneficiary b
    CROSS JOIN payment.goods_item gi
    LEFT JOIN (SELECT household_id, count(*)::int AS members FROM registry.individual WHERE status = 'ACTIVE' GROUP BY household_id) m ON m.household_id = b.household_id
    LEFT JOIN (SELECT DISTINCT ON (household_id) * FROM registry.individual
                WHERE status = 'ACTIVE' AND (recipient_role IN ('PRIMARY', 'ALTERNATE') OR relationship = 'HEAD')
                ORDER BY household_id, CASE recipient_role WHEN 'PRIMARY' THEN 0 WHEN 'ALTERNATE' THEN 1 ELSE 2 END, id) r ON r.household_id = b.household_id
    LEFT JOIN payment.point_assignment pa ON pa.beneficiary_id = b.id
    LEFT JOIN payment.payment_point pt ON pt.active AND pt.area_path = b.area_path
    WHERE b.program_id = $3 AND b.status = 'ACTIVE' AND gi.code IN ('BENCH-G-MAIZE', 'BENCH-G-OIL')
  ) x WHERE x.quantity > 0`;

/**
 * The household programme's goods distribution: the goods job's statements (goodsGenerationSql in its chunks, a
 * payroll chunk's rows shared among the items) against a hand-written INSERT ... SELECT into a copy of the
 * entitlement table; the two compared entitlement by entitlement.
 */
async function runGoodsGeneration(ctx: BenchContext, area: { id: string; path: string }, program: string, cycle: string): Promise<void> {
  const { pool } = ctx;
  await pool.query(`INSERT INTO payment.goods_item (code, names, unit, unit_value_minor, currency) VALUES ('BENCH-G-MAIZE', '{"en":"Maize"}', 'KG', 95, 'USD'), ('BENCH-G-OIL', '{"en":"Oil"}', 'L', 320, 'USD')`);
  const items = (await pool.query<{ id: string; code: string }>(`SELECT id, code FROM payment.goods_item WHERE code LIKE 'BENCH-G-%' ORDER BY code`)).rows;
  const rules = items.map((i) => (i.code === 'BENCH-G-MAIZE' ? { itemId: i.id, perHousehold: 0, perMember: 5, memberCap: 4 } : { itemId: i.id, perHousehold: 2, perMember: 0, memberCap: null }));
  const ruleSet = (await pool.query<{ id: string }>(`INSERT INTO payment.goods_rule_set (program_id, rule_version, rules) VALUES ($1, 1, $2) RETURNING id`, [program, JSON.stringify(rules)])).rows[0].id;
  const distribution = (
    await pool.query<{ id: string }>(`INSERT INTO payment.goods_distribution (cycle_id, program_id, code, status, rule_set_id, area_id, area_path) VALUES ($1, $2, 'BENCH-G1', 'DRAFT', $3, $4, $5) RETURNING id`, [
      cycle, program, ruleSet, area.id, area.path,
    ])
  ).rows[0].id;
  await pool.query(`CREATE TABLE bench_goods_hand (LIKE payment.goods_entitlement INCLUDING ALL, FOREIGN KEY (distribution_id) REFERENCES payment.goods_distribution (id), FOREIGN KEY (item_id) REFERENCES payment.goods_item (id)) WITH (fillfactor = 50)`);
  await pool.query('CHECKPOINT');
  const hand = await ctx.timed(async () => (await pool.query(HAND_WRITTEN_GOODS, [distribution, cycle, program])).rowCount ?? 0);
  await pool.query('CHECKPOINT');
  // as the job: chunks of a payroll chunk's rows shared among the items, each in its own transaction
  const chunk = Math.floor(CHUNK / rules.length);
  const sql = goodsGenerationSql('HOUSEHOLD');
  const bounds = (await pool.query<{ id: string }>(generationBoundsSql('HOUSEHOLD'), [program, chunk])).rows.map((r) => r.id);
  const generated = await ctx.timed(() => runJobChunks(pool, bounds, sql, (after, upTo) => [distribution, cycle, program, JSON.stringify(rules), 1, PLANNED, generationScope(area.path, null), after, upTo]));
  const [same] = (
    await pool.query<{ rows: number; differ: number; quantity: string }>(
      `SELECT count(*)::int AS rows,
              count(*) FILTER (WHERE (e.quantity, e.recipient_id, e.recipient_name, e.payment_point_id, e.household_id, e.area_path) IS DISTINCT FROM (h.quantity, h.recipient_id, h.recipient_name, h.payment_point_id, h.household_id, h.area_path))::int AS differ,
              sum(e.quantity)::text AS quantity
         FROM (SELECT * FROM payment.goods_entitlement WHERE distribution_id = $1) e FULL JOIN bench_goods_hand h ON h.beneficiary_id = e.beneficiary_id AND h.item_id = e.item_id`,
      [distribution],
    )
  ).rows;
  ctx.record(
    `payment: goods distribution generation, an entitlement per household and item (2 items, members counted with a cap, recipient chosen; job chunks of ${chunk.toLocaleString('en')} households)`,
    generated.value,
    generated,
    hand.ms,
    `${bounds.length + 1} statements; hand-written INSERT ... SELECT of ${hand.value.toLocaleString('en')} entitlements in ${Math.round(hand.ms)} ms; compared one by one: ${same.rows.toLocaleString('en')} entitlements, ${same.differ} differing, ${same.quantity} units in total`,
  );
  await pool.query('DROP TABLE bench_goods_hand');
}

/**
 * A generation statement run as its job runs it: one transaction per chunk (after the previous bound, up to the next;
 * the last to the end), without JIT. The rows the statements inserted, summed.
 */
async function runJobChunks(pool: Pool, bounds: string[], sql: string, params: (after: string | null, upTo: string | null) => unknown[]): Promise<number> {
  let inserted = 0;
  let after: string | null = null;
  for (const upTo of [...bounds, null]) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const setting of GENERATION_SETTINGS) await client.query(setting); // as the job
      inserted += (await client.query<{ inserted: number }>(sql, params(after, upTo))).rows[0].inserted;
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    after = upTo;
  }
  return inserted;
}

function ioOf(client: PoolClient): ReconcileIo {
  return {
    query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
    copy: async (text: string, stream: Readable) => {
      await pipeline(stream, client.query(copyFrom(text)));
    },
  };
}
