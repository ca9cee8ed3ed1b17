import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { coreDefinition, likePrefix } from '@coremis/core';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import ExcelJS from 'exceljs';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { programsDefinition } from '@coremis/programs';
import { registryDefinition } from '@coremis/registry';
import type { JobContext } from '@coremis/core';
import { paymentDefinition } from './payment.definition';
import { type GenerationCheckpoint, type GenerationPayload, PayrollService } from './payroll/payroll.service';
import { generationBoundsSql, generationSql } from './payroll/payroll-generation.sql';
import { OFFLINE_CASH_ACCOUNT } from './providers/payment-provider';
import { type ReconcileIo, reconciliationSourceOf, stageAndCheck } from './reconciliation/reconciliation-file';
import { PaymentResultsService } from './submission/payment-results.service';

jest.setTimeout(180_000);

const PASSWORD = 'Payments#2026-test!';
const CREATE_CYCLE = 'mutation($input: CreateCycleInput!) { createCycle(input: $input) { id code period currency plannedDate } }';
const SAVE_RULES = 'mutation($input: SaveBenefitRulesInput!) { saveBenefitRules(input: $input) { id ruleVersion } }';
const CREATE_PAYROLL = 'mutation($input: CreatePayrollInput!) { createPayroll(input: $input) { id status generationJobId } }';
const LINES = `query($payrollId: ID!, $status: PayrollLineStatus) { payrollLines(payrollId: $payrollId, status: $status, first: 100) { totalCount edges { node { id status flags amountMinor ruleVersion paymentPointId components { code amountMinor } } } } }`;
const DECIDE = (op: string) => `mutation($input: PayrollLinesDecisionInput!) { ${op}(input: $input) }`;
const PAYROLL_OP = (op: string) => `mutation($input: PayrollDecisionInput!) { ${op}(input: $input) { id status } }`;
const SAVE_FLOW = 'mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }';
const APPROVE_OP = 'mutation($id: ID!) { approveOperation(id: $id) { status error } }';

interface Line {
  id: string;
  status: string;
  flags: string[];
  amountMinor: string;
  ruleVersion: number;
  components: { code: string; amountMinor: string }[];
}

describe('payrolls', () => {
  let api: TestApi;
  let programId: string;
  let north: { id: string; path: string };
  let district: { id: string; path: string };
  let cycleId: string;
  let payrollId: string;
  const tokens: Record<string, string> = {};
  const as = <T = Record<string, unknown>>(user: string | null, query: string, variables: Record<string, unknown> = {}, lang?: string) =>
    user ? api.graphql<T>(query, variables, { token: tokens[user], lang }) : api.graphql<T>(query, variables, { lang });
  const db = <T>(query: string, params: unknown[] = []) => sql<T>(api.databaseUrl, query, params);
  const lineCount = async (where = 'true', params: unknown[] = []) => (await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.payroll_line WHERE payroll_id = $1 AND ${where}`, [payrollId, ...params]))[0].n;

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition, programsDefinition, paymentDefinition], { DEMO_DATA: 'true' });
    programId = (await db<{ id: string }>(`SELECT id FROM programs.program WHERE code = 'DEMO-CG'`))[0].id;
    north = (await db<{ id: string; path: string }>(`SELECT id, path FROM geo.admin_area WHERE code = 'DL-01'`))[0];
    // the district of DL-01 with the most beneficiaries of the programme: the restricted viewer's area
    district = (
      await db<{ id: string; path: string }>(
        `SELECT a.id, a.path FROM geo.admin_area a WHERE a.parent_id = $1
         ORDER BY (SELECT count(*) FROM programs.beneficiary b WHERE b.program_id = $2 AND starts_with(b.area_path, a.path)) DESC, a.code LIMIT 1`,
        [north.id, programId],
      )
    )[0];
    const roles: Record<string, string[]> = {
      pay_officer: ['payment.view', 'payment.manage', 'payment.review', 'payment.approve', 'payment.pay', 'core.approvals.view', 'core.jobs.view'],
      pay_checker1: ['payment.view', 'payment.approve', 'core.approvals.view', 'core.approvals.decide'],
      pay_checker2: ['payment.view', 'payment.approve', 'core.approvals.view', 'core.approvals.decide'],
      pay_viewer: ['payment.view'],
    };
    for (const [code, permissions] of Object.entries(roles)) {
      expect((await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } })).errors).toBeUndefined();
    }
    for (const [name, role, areas] of [['officer', 'pay_officer', null], ['checker1', 'pay_checker1', null], ['checker2', 'pay_checker2', null], ['viewer', 'pay_viewer', [district.id]]] as const) {
      await api.createUser(`p_${name}`, PASSWORD, role, areas ? [...areas] : null);
      tokens[name] = (await api.login(`p_${name}`, PASSWORD)).accessToken;
    }
    // two households whose recipients share a phone, two whose recipients share a document number
    const households = await db<{ household_id: string }>(`SELECT household_id FROM programs.beneficiary WHERE program_id = $1 AND status = 'ACTIVE' ORDER BY id LIMIT 4`, [programId]);
    await db(`UPDATE registry.individual SET phones = ARRAY['+15550001111'] WHERE household_id = ANY($1::uuid[])`, [[households[0].household_id, households[1].household_id]]);
    let n = 0;
    for (const h of [households[2], households[3]]) {
      await db(`INSERT INTO registry.individual_document (individual_id, type, number) SELECT id, $2, 'DUP-4242' FROM registry.individual WHERE household_id = $1`, [h.household_id, `TYPE${n++}`]).catch(async () => {
        // several members: one document per member with distinct types
        const members = await db<{ id: string }>(`SELECT id FROM registry.individual WHERE household_id = $1`, [h.household_id]);
        for (const m of members) await db(`INSERT INTO registry.individual_document (individual_id, type, number) VALUES ($1, $2, 'DUP-4242')`, [m.id, `T${n++}`]);
      });
    }
  });

  afterAll(() => api?.stop());

  it('generates a payroll set-based with amount components; regenerating adds nothing', async () => {
    const cycle = await as<{ createCycle: { id: string } }>('officer', CREATE_CYCLE, { input: { programId, code: 'CG-2026-12', name: 'December 2026', period: '2026-12', plannedDate: '2026-12-15', currency: 'USD', areaId: north.id } });
    expect(cycle.errors).toBeUndefined();
    cycleId = cycle.data!.createCycle.id;
    // an unknown cycle: a translated 4xx
    const unknown = await as('officer', CREATE_PAYROLL, { input: { cycleId: '0192f3a4-5b6c-7d8e-9f00-112233445566', code: 'PR-0' } }, 'fr');
    expect(unknown.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].extensions!.fieldErrors![0].message).toContain('cycle de paiement');
    // an unknown provider account: refused on its field, nothing created
    const noAccount = await as('officer', CREATE_PAYROLL, { input: { cycleId, code: 'PR-NO-ACCOUNT', providerAccountId: '0192f3a4-5b6c-7d8e-9f00-112233445566' } });
    expect(noAccount.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(noAccount.errors![0].extensions!.fieldErrors![0].field).toBe('providerAccountId');
    expect(await db(`SELECT 1 FROM payment.payroll WHERE code = 'PR-NO-ACCOUNT'`)).toHaveLength(0);
    const rules = await as<{ saveBenefitRules: { ruleVersion: number } }>('officer', SAVE_RULES, {
      input: {
        programId, base: 'PER_MEMBER', baseAmountMinor: '1050', memberCap: 4, roundingMinor: '100', maxPerTransactionMinor: '6000',
        topUps: [{ label: 'Young children', condition: 'CHILD_UNDER_5', minCount: 1, amountMinor: '700', perMember: true }],
      },
    });
    expect(rules.errors).toBeUndefined();
    // the demo data holds version 1: a new version each save
    expect(rules.data!.saveBenefitRules.ruleVersion).toBe(2);
    const bad = await as('officer', SAVE_RULES, { input: { programId, base: 'PER_MEMBER', baseAmountMinor: '-5', roundingMinor: '0', topUps: [] } });
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');

    const created = await as<{ createPayroll: { id: string; status: string } }>('officer', CREATE_PAYROLL, { input: { cycleId, code: 'PR-1' } });
    expect(created.errors).toBeUndefined();
    payrollId = created.data!.createPayroll.id;
    await api.drainJobs();
    const job = await db<{ status: string; error: unknown }>('SELECT j.status, j.error_message FROM core.job j JOIN payment.payroll p ON p.generation_job_id = j.id WHERE p.id = $1', [payrollId]);
    expect(job[0]).toEqual({ status: 'COMPLETED', error_message: null });
    const active = (await db<{ n: number }>(`SELECT count(*)::int AS n FROM programs.beneficiary WHERE program_id = $1 AND status = 'ACTIVE' AND (enrolled_on IS NULL OR enrolled_on <= '2026-12-15')`, [programId]))[0].n;
    expect(active).toBeGreaterThan(4);
    expect(await lineCount()).toBe(active);
    // the demo payment points (one per district) are assigned by the area rule
    expect(await lineCount('payment_point_id IS NULL')).toBe(0);
    // every amount is its components' sum, a multiple of the rounding, at most the cap
    const lines = await db<{ amount_minor: string; components: { code: string; amountMinor: string }[]; members: number }>(
      `SELECT l.amount_minor::text, l.components, (SELECT count(*)::int FROM registry.individual i WHERE i.household_id = l.household_id AND i.status = 'ACTIVE') AS members FROM payment.payroll_line l WHERE payroll_id = $1`,
      [payrollId],
    );
    for (const line of lines) {
      expect(line.components.reduce((a, c) => a + BigInt(c.amountMinor), 0n).toString()).toBe(line.amount_minor);
      expect(BigInt(line.amount_minor) % 100n).toBe(0n);
      expect(BigInt(line.amount_minor) <= 6000n).toBe(true);
      expect(line.components[0]).toEqual({ code: 'BASE:PER_MEMBER', amountMinor: String(1050 * Math.min(4, line.members)) });
    }
    const checkpoint = async () => (await db<{ checkpoint: Record<string, unknown> }>('SELECT j.checkpoint FROM core.job j JOIN payment.payroll p ON p.generation_job_id = j.id WHERE p.id = $1', [payrollId]))[0].checkpoint;
    expect(await checkpoint()).toMatchObject({ again: false, inserted: active });
    // a second generation of the same cycle is harmless
    expect((await as('officer', 'mutation($id: ID!) { regeneratePayroll(id: $id) { id } }', { id: payrollId })).errors).toBeUndefined();
    await api.drainJobs();
    expect(await lineCount()).toBe(active);
    // and one after a line went missing writes that line only: the beneficiaries who have theirs are left out first
    const [missing] = await db<{ id: string; beneficiary_id: string; amount_minor: string }>(`SELECT id, beneficiary_id, amount_minor::text FROM payment.payroll_line WHERE payroll_id = $1 ORDER BY id LIMIT 1`, [payrollId]);
    await db('DELETE FROM payment.line_transition WHERE line_id = $1', [missing.id]);
    await db('DELETE FROM payment.payroll_line WHERE id = $1', [missing.id]);
    expect((await as('officer', 'mutation($id: ID!) { regeneratePayroll(id: $id) { id } }', { id: payrollId })).errors).toBeUndefined();
    await api.drainJobs();
    expect(await lineCount()).toBe(active);
    expect(await checkpoint()).toMatchObject({ again: true, inserted: 1, generated: true });
    expect(await db(`SELECT amount_minor::text FROM payment.payroll_line WHERE payroll_id = $1 AND beneficiary_id = $2`, [payrollId, missing.beneficiary_id])).toEqual([{ amount_minor: missing.amount_minor }]);
    // and a second payroll of the same cycle gets no line already in the cycle
    const second = await as<{ createPayroll: { id: string } }>('officer', CREATE_PAYROLL, { input: { cycleId, code: 'PR-1b' } });
    await api.drainJobs();
    expect((await db<{ n: number }>('SELECT count(*)::int AS n FROM payment.payroll_line WHERE payroll_id = $1', [second.data!.createPayroll.id]))[0].n).toBe(0);
  });

  it('resumes a generation cut into chunks at the first uncommitted chunk, adding nothing twice', async () => {
    const cycle = await as<{ createCycle: { id: string } }>('officer', CREATE_CYCLE, { input: { programId, code: 'CG-2026-11', name: 'November 2026', period: '2026-11', plannedDate: '2026-12-15', currency: 'USD', areaId: north.id } });
    const created = await as<{ createPayroll: { id: string } }>('officer', CREATE_PAYROLL, { input: { cycleId: cycle.data!.createCycle.id, code: 'PR-CHUNKS' } });
    await api.drainJobs();
    const id = created.data!.createPayroll.id;
    const count = async () => (await db<{ n: number }>('SELECT count(*)::int AS n FROM payment.payroll_line WHERE payroll_id = $1', [id]))[0].n;
    const active = await count();
    expect(active).toBeGreaterThan(6);
    await db('DELETE FROM payment.line_transition WHERE payroll_id = $1', [id]);
    await db('DELETE FROM payment.payroll_line WHERE payroll_id = $1', [id]);
    // chunks of 3 beneficiaries; the process dies after the second chunk committed (the check before the third)
    const saved: GenerationCheckpoint[] = [];
    let checks = 0;
    const context = (checkpoint: GenerationCheckpoint | null, dieAt: number | null) =>
      ({
        id: 'test', attempt: 1, payload: { payrollId: id, chunk: 3 }, checkpoint, createdBy: null,
        saveCheckpoint: async (next: GenerationCheckpoint) => void saved.push(next),
        updateProgress: async () => undefined,
        isCancelled: async () => {
          if (dieAt !== null && ++checks === dieAt) throw new Error('killed');
          return false;
        },
      }) as unknown as JobContext<GenerationPayload, GenerationCheckpoint>;
    const payrolls = api.app.get(PayrollService);
    await expect(payrolls.runGeneration(context(null, 3))).rejects.toThrow('killed');
    // equal chunks of about 3: as many as 3 fits best, the last one running to the end
    const size = Math.ceil(active / Math.max(1, Math.round(active / 3)));
    expect(await count()).toBe(2 * size);
    expect(saved.at(-1)).toMatchObject({ inserted: 2 * size, generated: false });
    expect(saved.at(-1)!.bounds!.length).toBe(Math.ceil(active / size) - 1);
    const done = await payrolls.runGeneration(context(saved.at(-1)!, null));
    expect(done).toMatchObject({ inserted: active, generated: true, done: active });
    expect(await count()).toBe(active);
    // every chunk but the two committed ones ran once more, and none of their lines was written again
    const [{ distinct }] = await db<{ distinct: number }>('SELECT count(DISTINCT beneficiary_id)::int AS distinct FROM payment.payroll_line WHERE payroll_id = $1', [id]);
    expect(distinct).toBe(active);

    // a checkpoint written when chunks were cut by beneficiary id (no boundsOf) runs its chunks again from the start:
    // read as household ids, its bound (a beneficiary id, newer than every household) would have skipped them all
    const lost = await db<{ id: string }>('SELECT id FROM payment.payroll_line WHERE payroll_id = $1 ORDER BY household_id LIMIT 3', [id]);
    await db('DELETE FROM payment.line_transition WHERE line_id = ANY($1::uuid[])', [lost.map((l) => l.id)]);
    await db('DELETE FROM payment.payroll_line WHERE id = ANY($1::uuid[])', [lost.map((l) => l.id)]);
    const [{ last }] = await db<{ last: string }>(`SELECT max(id::text) AS last FROM programs.beneficiary WHERE program_id = $1`, [programId]);
    const legacy: GenerationCheckpoint = { lastId: last, bounds: [last], inserted: active - 3, done: active, total: active };
    expect(await payrolls.runGeneration(context(legacy, null))).toMatchObject({ inserted: active, generated: true, boundsOf: 'subject' });
    expect(await count()).toBe(active);
  });

  it('flags shared phones and documents, held until a reviewer releases or cancels them', async () => {
    const flagged = await as<{ payrollLines: { totalCount: number; edges: { node: Line }[] } }>('officer', LINES, { payrollId, status: 'FLAGGED' });
    expect(flagged.errors).toBeUndefined();
    const reasons = flagged.data!.payrollLines.edges.map((e) => e.node.flags).flat();
    expect(reasons.filter((r) => r === 'SHARED_PHONE').length).toBe(2);
    expect(reasons.filter((r) => r === 'SHARED_DOCUMENT').length).toBe(2);
    const transitions = await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.line_transition WHERE payroll_id = $1 AND to_status = 'FLAGGED'`, [payrollId]);
    expect(transitions[0].n).toBe(flagged.data!.payrollLines.totalCount);
    // not sent for approval while lines wait for a review
    const early = await as('officer', PAYROLL_OP('submitPayrollForApproval'), { input: { payrollId } });
    expect(early.errors![0].extensions!.code).toBe('CONFLICT');
    const ids = flagged.data!.payrollLines.edges.map((e) => e.node.id);
    expect((await as('viewer', DECIDE('releasePayrollLines'), { input: { payrollId, lineIds: ids } })).errors![0].extensions!.code).toBe('FORBIDDEN');
    const released = await as<{ releasePayrollLines: number }>('officer', DECIDE('releasePayrollLines'), { input: { payrollId, lineIds: ids.slice(1), reason: 'Same family phone' } });
    expect(released.data!.releasePayrollLines).toBe(ids.length - 1);
    expect((await as<{ cancelPayrollLines: number }>('officer', DECIDE('cancelPayrollLines'), { input: { payrollId, lineIds: [ids[0]] } })).data!.cancelPayrollLines).toBe(1);
    // a released line is not flagged again by a regeneration
    await as('officer', 'mutation($id: ID!) { regeneratePayroll(id: $id) { id } }', { id: payrollId });
    await api.drainJobs();
    expect(await lineCount(`status = 'FLAGGED'`)).toBe(0);
    expect(await lineCount(`status = 'CANCELLED'`)).toBe(1);
  });

  it('holds the lines of a beneficiary on another cycle of the same period, at generation and again at submission', async () => {
    const cycleOf = async (code: string) =>
      (await as<{ createCycle: { id: string } }>('officer', CREATE_CYCLE, { input: { programId, code, name: code, period: '2026-10', plannedDate: '2026-10-15', currency: 'USD', areaId: north.id } })).data!.createCycle.id;
    const generate = async (cycle: string, code: string) => {
      const created = await as<{ createPayroll: { id: string } }>('officer', CREATE_PAYROLL, { input: { cycleId: cycle, code } });
      expect(created.errors).toBeUndefined();
      await api.drainJobs();
      return created.data!.createPayroll.id;
    };
    const flaggedIn = async (payroll: string) =>
      (await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'FLAGGED' AND 'IN_ANOTHER_CYCLE' = ANY(flags)`, [payroll]))[0].n;
    const first = await generate(await cycleOf('CG-2026-10-A'), 'PR-OCT-A');
    expect(await flaggedIn(first)).toBe(0);
    // a second cycle for the same month: every line whose beneficiary waits in the first (not held there) is held
    const [{ waiting }] = await db<{ waiting: number }>(`SELECT count(*)::int AS waiting FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'CREATED'`, [first]);
    expect(waiting).toBeGreaterThan(0);
    const second = await generate(await cycleOf('CG-2026-10-B'), 'PR-OCT-B');
    expect(await flaggedIn(second)).toBe(waiting);
    // a reviewer releases them (both payrolls knowingly): the first payroll's lines are held when it is submitted, and stay held
    const held = await db<{ id: string }>(`SELECT id FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'FLAGGED'`, [second]);
    expect((await as('officer', DECIDE('releasePayrollLines'), { input: { payrollId: second, lineIds: held.map((l) => l.id) } })).errors).toBeUndefined();
    const submitted = await as('officer', PAYROLL_OP('submitPayrollForApproval'), { input: { payrollId: first } });
    expect(submitted.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await flaggedIn(first)).toBeGreaterThan(0);
    expect((await db<{ status: string }>('SELECT status FROM payment.payroll WHERE id = $1', [first]))[0].status).toBe('DRAFT');
  });

  it('holds the line of a beneficiary already paid for the period in another cycle of the programme', async () => {
    const cycleOf = async (code: string) =>
      (await as<{ createCycle: { id: string } }>('officer', CREATE_CYCLE, { input: { programId, code, name: code, period: '2026-09', plannedDate: '2026-09-15', currency: 'USD', areaId: north.id } })).data!.createCycle.id;
    const generate = async (cycle: string, code: string) => {
      const created = await as<{ createPayroll: { id: string } }>('officer', CREATE_PAYROLL, { input: { cycleId: cycle, code } });
      expect(created.errors).toBeUndefined();
      await api.drainJobs();
      return created.data!.createPayroll.id;
    };
    const first = await generate(await cycleOf('CG-2026-09-A'), 'PR-SEP-A');
    // two lines paid, one reconciled, one failed, the rest cancelled (not owed): only the paid and reconciled count
    const lines = await db<{ id: string; beneficiary_id: string }>(`SELECT id, beneficiary_id FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'CREATED' ORDER BY id LIMIT 4`, [first]);
    expect(lines).toHaveLength(4);
    for (const [line, status] of [[lines[0], 'PAID'], [lines[1], 'PAID'], [lines[2], 'RECONCILED'], [lines[3], 'FAILED']] as const) {
      await db(`UPDATE payment.payroll_line SET status = $2::text, paid_amount_minor = CASE WHEN $2::text = 'FAILED' THEN NULL ELSE amount_minor END WHERE id = $1`, [line.id, status]);
    }
    await db(`UPDATE payment.payroll_line SET status = 'CANCELLED' WHERE payroll_id = $1 AND status IN ('CREATED', 'FLAGGED')`, [first]);
    const second = await generate(await cycleOf('CG-2026-09-B'), 'PR-SEP-B');
    const paid = await db<{ beneficiary_id: string }>(
      `SELECT beneficiary_id FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'FLAGGED' AND 'ALREADY_PAID_FOR_PERIOD' = ANY(flags) ORDER BY beneficiary_id`,
      [second],
    );
    expect(paid.map((l) => l.beneficiary_id)).toEqual(lines.slice(0, 3).map((l) => l.beneficiary_id).sort());
  });

  it('keeps every index of the line table off the columns a status change writes, with room on each page for the new version', async () => {
    // a whole payroll changes status in one statement several times (approval, submission, payment, reconciliation):
    // with none of these columns in an index (key, expression or condition), each change stays on its page (HOT)
    const changed = ['status', 'updated_at', 'version', 'paid_amount_minor', 'receipt', 'settled_at', 'submitted_at', 'carried_to_id', 'delivered_at'];
    for (const [table, count] of [['payment.payroll_line', 5], ['payment.goods_entitlement', 3]] as const) {
      const indexes = await db<{ name: string; columns: string[]; definition: string }>(
        `SELECT c.relname AS name, array_remove(array_agg(a.attname::text), NULL) AS columns, pg_get_indexdef(i.indexrelid) AS definition
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
           LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
          WHERE i.indrelid = $1::regclass GROUP BY c.relname, i.indexrelid`,
        [table],
      );
      expect([table, indexes.length > count]).toEqual([table, true]);
      for (const index of indexes) {
        const named = changed.filter((column) => index.columns.includes(column) || new RegExp(`\\b${column}\\b`).test(index.definition));
        expect([index.name, named]).toEqual([index.name, []]);
      }
      const [{ options }] = await db<{ options: string[] | null }>(`SELECT reloptions AS options FROM pg_class WHERE oid = $1::regclass`, [table]);
      expect([table, options]).toEqual([table, expect.arrayContaining(['fillfactor=50'])]);
    }
    // and it works: a payroll's lines approved in one statement stay on their pages (once the versions earlier tests'
    // changes left are gone, as pruning or autovacuum leave them)
    await db('VACUUM payment.payroll_line');
    const before = await db<{ id: string; ctid: string }>(`SELECT id, ctid::text FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'CREATED' ORDER BY id`, [payrollId]);
    expect(before.length).toBeGreaterThan(4);
    const client = new Client({ connectionString: api.databaseUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE payment.payroll_line SET status = 'APPROVED', updated_at = now(), version = version + 1 WHERE payroll_id = $1 AND status = 'CREATED'`, [payrollId]);
      const after = (await client.query<{ id: string; ctid: string }>(`SELECT id, ctid::text FROM payment.payroll_line WHERE id = ANY($1::uuid[]) ORDER BY id`, [before.map((l) => l.id)])).rows;
      // this transaction's own counts: versions written (updated) and of those, heap-only ones (no index entry)
      const [counts] = (await client.query<{ updated: number; hot: number }>(
        `SELECT pg_stat_get_xact_tuples_updated($1::regclass)::int AS updated, pg_stat_get_xact_tuples_hot_updated($1::regclass)::int AS hot`,
        ['payment.payroll_line'],
      )).rows;
      const page = (ctid: string) => ctid.slice(1).split(',')[0];
      // a page filled exactly to its fillfactor may lack the few bytes a longer status and one more line pointer take,
      // so one line of such a page can move, and its update writes index entries (which line depends on the order the
      // rows were written); with an index naming a written column no update would be heap-only
      const pages = new Set(before.map((l) => page(l.ctid))).size;
      expect(pages * 2).toBeLessThan(before.length);
      expect(counts.updated).toBe(before.length);
      expect(counts.hot).toBeGreaterThanOrEqual(before.length - pages);
      expect(after.filter((l, i) => page(l.ctid) !== page(before[i].ctid)).length).toBe(before.length - counts.hot);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  it("indexes a line's transitions once, by line and in order (every status move writes a row per line)", async () => {
    const indexes = await db<{ definition: string; primary: boolean }>(
      `SELECT pg_get_indexdef(indexrelid) AS definition, indisprimary AS primary FROM pg_index WHERE indrelid = 'payment.line_transition'::regclass`,
    );
    expect(indexes).toEqual([{ definition: expect.stringMatching(/^CREATE UNIQUE INDEX line_transition_pkey ON payment\.line_transition USING btree \(line_id, id\)$/), primary: true }]);
  });

  it('takes as staff of a payment point only users who exist and may work in its area', async () => {
    const SAVE_POINT = 'mutation($input: SavePaymentPointInput!) { savePaymentPoint(input: $input) { id staffUserIds } }';
    const [viewerId] = (await db<{ id: string }>(`SELECT id FROM core."user" WHERE username = 'p_viewer'`)).map((u) => u.id);
    const [elsewhere] = await db<{ id: string }>(`SELECT id FROM geo.admin_area WHERE parent_id = $1 AND id <> $2 ORDER BY code LIMIT 1`, [north.id, district.id]);
    const point = (areaId: string, staffUserIds: string[], code: string) => api.graphql<{ savePaymentPoint: { id: string; staffUserIds: string[] } }>(SAVE_POINT, { input: { code, name: code, type: 'AGENT', areaId, staffUserIds } }, { lang: 'pt' });
    const unknownUser = await point(district.id, ['0192f3a4-5b6c-7d8e-9f00-112233445566'], 'PP-STAFF-1');
    expect(unknownUser.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(unknownUser.errors![0].extensions!.fieldErrors![0]).toMatchObject({ field: 'staffUserIds', message: 'Um membro do pessoal não existe ou não pode trabalhar nesta área.' });
    // the viewer is restricted to one district: not staff of a point in another one
    expect((await point(elsewhere.id, [viewerId], 'PP-STAFF-2')).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(await db(`SELECT 1 FROM payment.payment_point WHERE code IN ('PP-STAFF-1', 'PP-STAFF-2')`)).toHaveLength(0);
    const saved = await point(district.id, [viewerId], 'PP-STAFF-3');
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.savePaymentPoint.staffUserIds).toEqual([viewerId]);
    await db(`UPDATE payment.payment_point SET active = false WHERE code = 'PP-STAFF-3'`);
  });

  it('shows a restricted user only the lines of their areas', async () => {
    const inNorth = await lineCount(`starts_with(area_path, $2)`, [district.path]);
    expect(inNorth).toBeGreaterThan(0);
    const seen = await as<{ payrollLines: { totalCount: number } }>('viewer', LINES, { payrollId });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.payrollLines.totalCount).toBe(inNorth);
    expect(inNorth).toBeLessThan(await lineCount());
    // the totals and the report count the same lines (their area condition is written by areaScopeCondition)
    const summary = await as<{ payrollSummary: { byStatus: { count: number }[] } }>('viewer', 'query($id: ID!) { payrollSummary(payrollId: $id) { byStatus { count } } }', { id: payrollId });
    expect(summary.data!.payrollSummary.byStatus.reduce((a, r) => a + r.count, 0)).toBe(inNorth);
    const report = await as<{ reconciliationReport: { byArea: { plannedCount: number }[] } }>('viewer', 'query($id: ID!) { reconciliationReport(payrollId: $id) { byArea { plannedCount } } }', { id: payrollId });
    expect(report.data!.reconciliationReport.byArea.reduce((a, r) => a + r.plannedCount, 0)).toBe(await lineCount(`starts_with(area_path, $2) AND status <> 'CANCELLED'`, [district.path]));
  });

  it('approves at two levels; an approved payroll cannot change', async () => {
    expect((await api.graphql(SAVE_FLOW, { input: { operation: 'payment.payrolls.approve', enabled: true, levels: [{ roles: ['pay_checker1'], policy: 'ANY' }, { roles: ['pay_checker2'], policy: 'ANY' }] } })).errors).toBeUndefined();
    expect((await as<{ submitPayrollForApproval: { status: string } }>('officer', PAYROLL_OP('submitPayrollForApproval'), { input: { payrollId } })).data!.submitPayrollForApproval.status).toBe('PENDING_APPROVAL');
    const held = await as('officer', PAYROLL_OP('approvePayroll'), { input: { payrollId } });
    expect(held.errors![0].extensions!.code).toBe('APPROVAL_PENDING');
    const pendingId = held.errors![0].extensions!.pendingOperationId as string;
    expect((await as<{ approveOperation: { status: string } }>('checker1', APPROVE_OP, { id: pendingId })).data!.approveOperation.status).not.toBe('EXECUTED');
    expect((await db<{ status: string }>('SELECT status FROM payment.payroll WHERE id = $1', [payrollId]))[0].status).toBe('PENDING_APPROVAL');
    expect((await as<{ approveOperation: { status: string; error: string | null } }>('checker2', APPROVE_OP, { id: pendingId })).data!.approveOperation).toEqual({ status: 'EXECUTED', error: null });
    expect((await db<{ status: string }>('SELECT status FROM payment.payroll WHERE id = $1', [payrollId]))[0].status).toBe('APPROVED');
    const approved = await lineCount(`status = 'APPROVED'`);
    expect(approved).toBe((await lineCount()) - 1);
    // each approved line got one transition row from the status it left, and no other line got one
    expect(await db(`SELECT from_status, to_status, count(*)::int AS n, count(DISTINCT line_id)::int AS lines FROM payment.line_transition WHERE payroll_id = $1 AND source = 'APPROVAL' GROUP BY 1, 2`, [payrollId])).toEqual([
      { from_status: 'CREATED', to_status: 'APPROVED', n: approved, lines: approved },
    ]);
    // nothing in it can change: not through the API, not even through SQL
    const line = (await db<{ id: string }>(`SELECT id FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'APPROVED' LIMIT 1`, [payrollId]))[0];
    expect((await as('officer', DECIDE('cancelPayrollLines'), { input: { payrollId, lineIds: [line.id] } })).errors![0].extensions!.code).toBe('CONFLICT');
    expect((await as('officer', 'mutation($id: ID!) { regeneratePayroll(id: $id) { id } }', { id: payrollId })).errors![0].extensions!.code).toBe('CONFLICT');
    await expect(db(`UPDATE payment.payroll_line SET amount_minor = amount_minor + 1 WHERE id = $1`, [line.id])).rejects.toThrow(/cannot change/);
    const audited = await db<{ after: string }>(`SELECT changes->'status'->>'after' AS after FROM core.audit_log WHERE entity_type = 'Payroll' AND entity_id = $1 AND changes->'status' ? 'before' ORDER BY id`, [payrollId]);
    expect(audited.map((a) => a.after)).toEqual(['DRAFT', 'PENDING_APPROVAL', 'APPROVED']);
  });

  it('pays through the queue; replayed, duplicated and out-of-order results never pay twice nor go backwards', async () => {
    const started = await as<{ startPayrollPayment: { id: string } }>('officer', 'mutation($input: PayrollDecisionInput!) { startPayrollPayment(input: $input) { id } }', { input: { payrollId } });
    expect(started.errors).toBeUndefined();
    await api.drainJobs();
    const total = (await lineCount()) - 1;
    expect(await lineCount(`status = 'SUBMITTED'`)).toBe(total);
    expect((await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.line_transition WHERE payroll_id = $1 AND to_status = 'SUBMITTED'`, [payrollId]))[0].n).toBe(total);
    const results = api.app.get(PaymentResultsService);
    const [a, b, c] = await db<{ id: string; amount_minor: string }>(`SELECT id, amount_minor::text FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'SUBMITTED' ORDER BY id LIMIT 3`, [payrollId]);
    // a paid, twice in one batch and once more later; then a late failure for it
    expect(await results.apply(OFFLINE_CASH_ACCOUNT, [{ idempotencyKey: a.id, status: 'PAID', paidAmountMinor: a.amount_minor }, { idempotencyKey: a.id, status: 'PAID' }])).toEqual({ applied: 1, unchanged: 1, exceptions: 0 });
    expect(await results.apply(OFFLINE_CASH_ACCOUNT, [{ idempotencyKey: a.id, status: 'PAID' }, { idempotencyKey: a.id, status: 'FAILED', reason: 'late' }])).toEqual({ applied: 0, unchanged: 2, exceptions: 0 });
    // b failed, then paid after all (a provider settling late): forward only
    await results.apply(OFFLINE_CASH_ACCOUNT, [{ idempotencyKey: b.id, status: 'FAILED', reason: 'timeout' }]);
    await results.apply(OFFLINE_CASH_ACCOUNT, [{ idempotencyKey: b.id, status: 'PAID' }, { idempotencyKey: b.id, status: 'FAILED' }]);
    // c: a different amount is an exception, not a payment; an unknown reference and another account too
    expect(await results.apply(OFFLINE_CASH_ACCOUNT, [{ idempotencyKey: c.id, status: 'PAID', paidAmountMinor: String(BigInt(c.amount_minor) + 1n) }, { idempotencyKey: 'nope', status: 'PAID' }])).toEqual({ applied: 0, unchanged: 0, exceptions: 2 });
    expect((await results.apply('0192f3a4-5b6c-7d8e-9f00-112233445566', [{ idempotencyKey: c.id, status: 'PAID' }])).exceptions).toBe(1);
    const states = await db<{ id: string; status: string; transitions: number }>(
      `SELECT l.id, l.status, (SELECT count(*)::int FROM payment.line_transition t WHERE t.line_id = l.id AND t.to_status = 'PAID') AS transitions FROM payment.payroll_line l WHERE l.id = ANY($1::uuid[]) ORDER BY l.id`,
      [[a.id, b.id, c.id]],
    );
    expect(states.map((s) => [s.status, s.transitions])).toEqual([['PAID', 1], ['PAID', 1], ['SUBMITTED', 0]]);
    expect((await db<{ kind: string }>(`SELECT kind FROM payment.payment_exception ORDER BY kind`)).map((e) => e.kind)).toEqual(['AMOUNT_MISMATCH', 'UNKNOWN_REFERENCE', 'UNKNOWN_REFERENCE']);
    // resubmitting (a worker that crashed after marking lines SUBMITTED) sends the same keys and moves nothing back
    const again = await as('officer', 'mutation($input: PayrollDecisionInput!) { startPayrollPayment(input: $input) { id } }', { input: { payrollId } });
    expect(again.errors).toBeUndefined();
    await api.drainJobs();
    expect(await lineCount(`status = 'PAID'`)).toBe(2);
    expect(await lineCount(`status = 'SUBMITTED'`)).toBe(total - 2);
    const summary = await as<{ payrollSummary: { paidMinor: string } }>('viewer', 'query($id: ID!) { payrollSummary(payrollId: $id) { paidMinor } }', { id: payrollId });
    expect(summary.errors).toBeUndefined();
  });

  it('records a result paid in another currency or with an amount it cannot read as an exception, never a payment', async () => {
    const results = api.app.get(PaymentResultsService);
    const [e] = await db<{ id: string; amount_minor: string; currency: string }>(`SELECT id, amount_minor::text, currency FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'SUBMITTED' ORDER BY id LIMIT 1`, [payrollId]);
    expect(e.currency).toBe('USD');
    const [{ before }] = await db<{ before: string }>('SELECT coalesce(max(created_at), now())::text AS before FROM payment.payment_exception');
    const outcome = await results.apply(OFFLINE_CASH_ACCOUNT, [
      { idempotencyKey: e.id, status: 'PAID', paidAmountMinor: e.amount_minor, paidCurrency: 'XOF' },
      { idempotencyKey: e.id, status: 'PAID', paidAmountMinor: 'unreadable "abc"' },
    ]);
    expect(outcome).toEqual({ applied: 0, unchanged: 0, exceptions: 2 });
    expect((await db<{ kind: string }>('SELECT kind FROM payment.payment_exception WHERE line_id = $1 AND created_at > $2::timestamptz ORDER BY kind', [e.id, before])).map((x) => x.kind)).toEqual(['AMOUNT_MISMATCH', 'CURRENCY_MISMATCH']);
    expect((await db<{ status: string }>('SELECT status FROM payment.payroll_line WHERE id = $1', [e.id]))[0].status).toBe('SUBMITTED');
  });

  it('never pays a failed line twice once it is carried into a follow-up payroll: late results, cash and files are refused', async () => {
    const results = api.app.get(PaymentResultsService);
    const [d] = await db<{ id: string; amount_minor: string }>(`SELECT id, amount_minor::text FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'SUBMITTED' ORDER BY id DESC LIMIT 1`, [payrollId]);
    expect((await results.apply(OFFLINE_CASH_ACCOUNT, [{ idempotencyKey: d.id, status: 'FAILED', reason: 'absent' }])).applied).toBe(1);
    const followUp = await as<{ createFollowUpPayroll: { id: string; status: string } }>('officer', 'mutation($payrollId: ID!, $code: String!) { createFollowUpPayroll(payrollId: $payrollId, code: $code) { id status } }', { payrollId, code: 'PR-FOLLOW-UP' });
    expect(followUp.errors).toBeUndefined();
    expect(followUp.data!.createFollowUpPayroll.status).toBe('DRAFT');
    const carried = await db<{ id: string; attempt: number; status: string }>('SELECT id, attempt, status FROM payment.payroll_line WHERE carried_from_id = $1', [d.id]);
    expect(carried).toEqual([{ id: expect.any(String), attempt: 2, status: 'CREATED' }]);
    // the provider settles the first attempt late: recorded for a person to resolve, not paid
    expect(await results.apply(OFFLINE_CASH_ACCOUNT, [{ idempotencyKey: d.id, status: 'PAID', paidAmountMinor: d.amount_minor }])).toEqual({ applied: 0, unchanged: 0, exceptions: 1 });
    expect((await db<{ kind: string }>('SELECT kind FROM payment.payment_exception WHERE line_id = $1', [d.id])).map((e) => e.kind)).toEqual(['CARRIED_OVER']);
    const cash = await api.graphql('mutation($input: CashDeliveryInput!) { recordCashDelivery(input: $input) { applied } }', { input: { lineId: d.id, paidAmountMinor: d.amount_minor } });
    expect(cash.errors![0].extensions!.code).toBe('CONFLICT');
    const file = Buffer.from(`ref;amount\n${d.id};${d.amount_minor}\n`).toString('base64');
    const reconciled = await as<{ reconcilePayrollFile: { applied: number; errors: { code: string }[] } }>('officer', 'mutation($input: ReconcileFileInput!) { reconcilePayrollFile(input: $input) { applied errors { code } } }', {
      input: { payrollId, fileName: 'late.csv', allOrNothing: false, mapping: { reference: 'ref', amount: 'amount' }, contentBase64: file },
    });
    expect(reconciled.data!.reconcilePayrollFile).toEqual({ applied: 0, errors: [{ code: 'CARRIED_OVER' }] });
    expect((await db<{ status: string; paid: string | null }>('SELECT status, paid_amount_minor::text AS paid FROM payment.payroll_line WHERE id = $1', [d.id]))[0]).toEqual({ status: 'FAILED', paid: null });
    expect((await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.line_transition WHERE line_id = $1 AND to_status = 'PAID'`, [d.id]))[0].n).toBe(0);
  });

  it('reconciles from a provider file: per-row errors, all or nothing, totals to the cent, replay changes nothing', async () => {
    const RECONCILE = 'mutation($input: ReconcileFileInput!) { reconcilePayrollFile(input: $input) { rows applied unchanged rejected replayed errors { row code reference } } }';
    const lines = await db<{ id: string; amount_minor: string }>(`SELECT id, amount_minor::text FROM payment.payroll_line WHERE payroll_id = $1 AND status IN ('SUBMITTED', 'PAID') ORDER BY id`, [payrollId]);
    const csv = (rows: string[][]) => Buffer.from(['ref;amount;receipt', ...rows.map((r) => r.join(';'))].join('\n')).toString('base64');
    const mapping = { reference: 'ref', amount: 'amount', receipt: 'receipt' };
    const good = lines.map((l, i) => [l.id, l.amount_minor, `R${i}`]);
    const before = await db<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM payment.payroll_line WHERE payroll_id = $1 GROUP BY status ORDER BY status`, [payrollId]);
    const cancelled = (await db<{ id: string }>(`SELECT id FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'CANCELLED'`, [payrollId]))[0].id;
    const bad = await as<{ reconcilePayrollFile: { rejected: number; applied: number; errors: { row: number; code: string; message: string }[] } }>('officer', RECONCILE.replace('reference }', 'reference message }'), {
      input: { payrollId, fileName: 'bad.csv', allOrNothing: true, mapping, contentBase64: csv([...good, ['unknown-ref', '100', ''], [lines[0].id, '5', ''], [cancelled.toUpperCase(), '-5', '']]) },
    }, 'fr');
    expect(bad.errors).toBeUndefined();
    expect(bad.data!.reconcilePayrollFile).toMatchObject({ applied: 0, rejected: 3 });
    expect(bad.data!.reconcilePayrollFile.errors.map((e) => [e.row, e.code])).toEqual([[good.length + 1, 'UNKNOWN_REFERENCE'], [good.length + 2, 'DUPLICATE_ROW'], [good.length + 3, 'NEGATIVE_AMOUNT']]);
    expect(bad.data!.reconcilePayrollFile.errors[0].message).toBe(`Ligne ${good.length + 1} : aucune ligne de cette paie n'a la référence « unknown-ref ».`);
    expect(bad.data!.reconcilePayrollFile.errors[2].message).toBe(`Ligne ${good.length + 3} : le montant ne peut pas être négatif.`);
    expect(await db(`SELECT status, count(*)::int AS n FROM payment.payroll_line WHERE payroll_id = $1 GROUP BY status ORDER BY status`, [payrollId])).toEqual(before);
    // a ragged row refuses the whole file, naming its line
    const ragged = await as('officer', RECONCILE, { input: { payrollId, fileName: 'ragged.csv', allOrNothing: false, mapping, contentBase64: csv([good[0], ['x;y;z;w']]) } });
    expect(ragged.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(ragged.errors![0].message).toContain('Line 3');
    // an XLSX file with its own column names: the first two lines, one row with a negative amount; not all-or-nothing,
    // so the good rows apply and the bad one is reported; replaying the same workbook changes nothing
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Paiements');
    sheet.addRow(['Référence', 'Montant payé', 'Reçu']);
    sheet.addRow([good[0][0], Number(good[0][1]), 'X0']);
    sheet.addRow([good[1][0], -1, 'X1']);
    sheet.addRow([good[2][0], Number(good[2][1]), 'X2']);
    const xlsx = { payrollId, fileName: 'banque.xlsx', allOrNothing: false, mapping: { reference: 'Référence', amount: 'Montant payé', receipt: 'Reçu' }, contentBase64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
    const partial = await as<{ reconcilePayrollFile: { applied: number; rejected: number; errors: { row: number; code: string }[] } }>('officer', RECONCILE, { input: xlsx });
    expect(partial.errors).toBeUndefined();
    expect(partial.data!.reconcilePayrollFile).toMatchObject({ applied: 2, rejected: 1, errors: [{ row: 2, code: 'NEGATIVE_AMOUNT' }] });
    const settled = await db<{ id: string; status: string; receipt: string | null }>(`SELECT id, status, receipt FROM payment.payroll_line WHERE id = ANY($1::uuid[])`, [[good[0][0], good[2][0]]]);
    // the first line was already PAID (by a callback, previous test): reconciled, keeping its own receipt; the third settled with the file's
    expect(settled.map((l) => [l.status, l.receipt]).sort()).toEqual([['RECONCILED', null], ['RECONCILED', 'X2']]);
    expect((await db<{ status: string }>(`SELECT status FROM payment.payroll_line WHERE id = $1`, [good[1][0]]))[0].status).not.toBe('RECONCILED');
    expect((await as<{ reconcilePayrollFile: { applied: number; replayed: boolean } }>('officer', RECONCILE, { input: xlsx })).data!.reconcilePayrollFile).toMatchObject({ applied: 0, replayed: true });
    // a caller of one district settles nothing outside it: another district's line is not found, as in their lists
    const open = await db<{ id: string; amount_minor: string; inside: boolean }>(
      `SELECT id, amount_minor::text, starts_with(area_path, $2) AS inside FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'SUBMITTED' ORDER BY id`,
      [payrollId, district.path],
    );
    const [inside, outside] = [open.find((l) => l.inside)!, open.find((l) => !l.inside)!];
    const client = new Client({ connectionString: api.databaseUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      const io: ReconcileIo = {
        query: async <T,>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
        copy: async (text: string, stream: Readable) => void (await pipeline(stream, client.query(copyFrom(text)))),
      };
      const source = await reconciliationSourceOf(Buffer.from(`ref;amount\n${inside.id};${inside.amount_minor}\n${outside.id};${outside.amount_minor}\n`));
      const checked = await stageAndCheck(io, payrollId, source, { reference: 1, amount: 2, status: null, receipt: null }, 10, [likePrefix(district.path)]);
      expect(checked.counts).toMatchObject({ rows: 2, changes: 1, rejected: 1 });
      expect(checked.errors).toEqual([{ row: 2, code: 'UNKNOWN_REFERENCE', reference: outside.id }]);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
    const file = { payrollId, fileName: 'provider.csv', allOrNothing: true, mapping, contentBase64: csv(good) };
    // the screen reads the columns first (the XLSX's French headers are recognised), then checks the file without applying it
    const columns = await as<{ reconciliationFileColumns: { headers: string[]; sample: string[][]; suggested: Record<string, string | null> } }>(
      'officer',
      'query($input: ReconciliationFileInput!) { reconciliationFileColumns(input: $input) { headers sample suggested { reference amount status receipt } } }',
      { input: { fileName: xlsx.fileName, contentBase64: xlsx.contentBase64 } },
    );
    expect(columns.errors).toBeUndefined();
    expect(columns.data!.reconciliationFileColumns).toEqual({
      headers: ['Référence', 'Montant payé', 'Reçu'],
      sample: [[good[0][0], good[0][1], 'X0'], [good[1][0], '-1', 'X1'], [good[2][0], good[2][1], 'X2']],
      suggested: { reference: 'Référence', amount: 'Montant payé', status: null, receipt: 'Reçu' },
    });
    const notAFile = await as('officer', 'query($input: ReconciliationFileInput!) { reconciliationFileColumns(input: $input) { headers } }', { input: { fileName: 'x.csv', contentBase64: '' } });
    expect(notAFile.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const transitionsBeforeDryRun = (await db<{ n: number }>('SELECT count(*)::int AS n FROM payment.line_transition WHERE payroll_id = $1', [payrollId]))[0].n;
    const dry = await as<{ reconcilePayrollFile: { applied: number; changes: number; dryRun: boolean; replayed: boolean } }>('officer', RECONCILE.replace('replayed', 'replayed dryRun changes'), { input: { ...file, dryRun: true } });
    expect(dry.data!.reconcilePayrollFile).toMatchObject({ applied: 0, changes: lines.length - 2, dryRun: true, replayed: false });
    expect((await db<{ n: number }>('SELECT count(*)::int AS n FROM payment.line_transition WHERE payroll_id = $1', [payrollId]))[0].n).toBe(transitionsBeforeDryRun);
    expect(await db('SELECT 1 FROM payment.reconciliation_file WHERE payroll_id = $1 AND file_name = $2', [payrollId, 'provider.csv'])).toHaveLength(0);
    // with a flow on the operation, the file waits for a checker (a dry run never does)
    const flow = { operation: 'payment.reconciliation.file', levels: [{ roles: ['pay_checker1'], policy: 'ANY' }] };
    expect((await api.graphql(SAVE_FLOW, { input: { ...flow, enabled: true } })).errors).toBeUndefined();
    expect((await as('officer', RECONCILE, { input: { ...file, dryRun: true } })).errors).toBeUndefined();
    const held = await as('officer', RECONCILE, { input: file });
    expect(held.errors![0].extensions!.code).toBe('APPROVAL_PENDING');
    expect((await db<{ n: number }>('SELECT count(*)::int AS n FROM payment.line_transition WHERE payroll_id = $1', [payrollId]))[0].n).toBe(transitionsBeforeDryRun);
    const decided = await as<{ approveOperation: { status: string; error: string | null } }>('checker1', APPROVE_OP, { id: held.errors![0].extensions!.pendingOperationId });
    expect(decided.data!.approveOperation).toEqual({ status: 'EXECUTED', error: null });
    expect((await api.graphql(SAVE_FLOW, { input: { ...flow, enabled: false } })).errors).toBeUndefined();
    expect(await lineCount(`status = 'RECONCILED'`)).toBe(lines.length);
    // a line the file paid went SUBMITTED -> PAID -> RECONCILED, in that order; a line already paid only PAID -> RECONCILED
    const steps = await db<{ steps: string[] }>(
      `SELECT array_agg(from_status || '>' || to_status ORDER BY id) AS steps FROM payment.line_transition WHERE payroll_id = $1 AND reason = 'provider.csv' GROUP BY line_id`,
      [payrollId],
    );
    expect(steps).toHaveLength(lines.length - 2);
    expect(new Set(steps.map((s) => s.steps.join(' ')))).toEqual(new Set(['SUBMITTED>PAID PAID>RECONCILED', 'PAID>RECONCILED']));
    expect((await db<{ status: string }>('SELECT status FROM payment.payroll WHERE id = $1', [payrollId]))[0].status).toBe('RECONCILED');
    const planned = lines.reduce((a, l) => a + BigInt(l.amount_minor), 0n).toString();
    const summary = await as<{ payrollSummary: { paidMinor: string } }>('officer', 'query($id: ID!) { payrollSummary(payrollId: $id) { paidMinor } }', { id: payrollId });
    expect(summary.data!.payrollSummary.paidMinor).toBe(planned);
    const transitions = (await db<{ n: number }>('SELECT count(*)::int AS n FROM payment.line_transition WHERE payroll_id = $1', [payrollId]))[0].n;
    const replay = await as<{ reconcilePayrollFile: { applied: number; replayed: boolean } }>('officer', RECONCILE, { input: file });
    expect(replay.data!.reconcilePayrollFile).toMatchObject({ applied: 0, replayed: true });
    expect((await db<{ n: number }>('SELECT count(*)::int AS n FROM payment.line_transition WHERE payroll_id = $1', [payrollId]))[0].n).toBe(transitions);
    const report = await as<{ reconciliationReport: { byArea: { paidMinor: string }[] } }>('officer', 'query($id: ID!) { reconciliationReport(payrollId: $id) { byArea { key paidMinor paidCount } byPaymentPoint { key paidCount } } }', { id: payrollId });
    expect(report.errors).toBeUndefined();
    expect(report.data!.reconciliationReport.byArea.reduce((a, r) => a + BigInt(r.paidMinor), 0n).toString()).toBe(planned);
  });

  it("finds a file row's line by the provider's reference when the row names none of our line ids", async () => {
    // reconciled lines (the test before settled every line it could; a flagged one would add an UNEXPECTED_STATE row)
    const lines = await db<{ id: string; amount_minor: string }>(`SELECT id, amount_minor::text FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'RECONCILED' ORDER BY id LIMIT 3`, [payrollId]);
    expect(lines).toHaveLength(3);
    const client = new Client({ connectionString: api.databaseUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      // the provider's own transaction ids, as a callback or a submission answer recorded them; two lines share one
      await client.query(`UPDATE payment.payroll_line SET provider_reference = 'MOMO-7731' WHERE id = $1`, [lines[0].id]);
      await client.query(`UPDATE payment.payroll_line SET provider_reference = 'MOMO-SHARED' WHERE id = ANY($1::uuid[])`, [[lines[1].id, lines[2].id]]);
      const io: ReconcileIo = {
        query: async <T,>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
        copy: async (text: string, stream: Readable) => void (await pipeline(stream, client.query(copyFrom(text)))),
      };
      const source = await reconciliationSourceOf(Buffer.from(`ref;amount\nMOMO-7731;${lines[0].amount_minor}\nmomo-7731;${lines[0].amount_minor}\nMOMO-SHARED;${lines[1].amount_minor}\nMOMO-0000;5\n`));
      const checked = await stageAndCheck(io, payrollId, source, { reference: 1, amount: 2, status: null, receipt: null }, 10, null);
      // a reference is matched as written (the provider's ids are case-sensitive); one shared by two lines names the first
      expect(checked.errors).toEqual([
        { row: 2, code: 'UNKNOWN_REFERENCE', reference: 'momo-7731' },
        { row: 4, code: 'UNKNOWN_REFERENCE', reference: 'MOMO-0000' },
      ]);
      expect((await client.query<{ row_no: string; line_id: string }>(`SELECT row_no::text, line_id FROM recon_check WHERE line_id IS NOT NULL ORDER BY row_no`)).rows).toEqual([
        { row_no: '1', line_id: lines[0].id },
        { row_no: '3', line_id: lines[1].id },
      ]);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  it('generates an individual programme by chunks: each person the recipient, with their first phone and lowest document', async () => {
    const [{ id: program }] = await db<{ id: string }>(
      `INSERT INTO programs.program (code, name, target_unit, coverage_area_ids, coverage_paths, currency, status)
       VALUES ('IND-GEN', '{"en":"Per person"}', 'INDIVIDUAL', ARRAY[$1::uuid], ARRAY[$2], 'USD', 'ACTIVE') RETURNING id`,
      [north.id, north.path],
    );
    await db(
      `INSERT INTO programs.beneficiary (program_id, individual_id, area_id, area_path, status, enrolled_on)
       SELECT $1, i.id, h.area_id, h.area_path, 'ACTIVE', '2026-01-01' FROM registry.individual i JOIN registry.household h ON h.id = i.household_id WHERE starts_with(h.area_path, $2)`,
      [program, north.path],
    );
    // a second document for someone, so that the lowest number must be chosen
    const [person] = await db<{ id: string }>(`SELECT i.id FROM registry.individual i JOIN programs.beneficiary b ON b.individual_id = i.id WHERE b.program_id = $1 ORDER BY b.id LIMIT 1`, [program]);
    await db(`INSERT INTO registry.individual_document (individual_id, type, number) VALUES ($1, 'IND-GEN-A', '0000-IND-GEN'), ($1, 'IND-GEN-B', 'ZZZZ-IND-GEN')`, [person.id]);
    const [{ id: cycle }] = await db<{ id: string }>(`INSERT INTO payment.cycle (program_id, code, name, period, planned_date, currency, area_id, area_path) VALUES ($1, 'IND-GEN-C', 'Per person', '2026-12', '2026-12-15', 'USD', $2, $3) RETURNING id`, [program, north.id, north.path]);
    const [{ id: rules }] = await db<{ id: string }>(`INSERT INTO payment.benefit_rule_set (program_id, rule_version, rules) VALUES ($1, 1, '{}') RETURNING id`, [program]);
    const [{ id: payroll }] = await db<{ id: string }>(`INSERT INTO payment.payroll (cycle_id, program_id, code, rule_set_id, area_id, area_path) VALUES ($1, $2, 'IND-GEN-P', $3, $4, $5) RETURNING id`, [cycle, program, rules, north.id, north.path]);
    const bounds = (await db<{ id: string }>(generationBoundsSql('INDIVIDUAL'), [program, 7])).map((r) => r.id);
    expect(bounds.length).toBeGreaterThan(1);
    let after: string | null = null;
    let inserted = 0;
    for (const upTo of [...bounds, null]) {
      const params = [payroll, cycle, program, '2026-12', 'USD', '2026-12-15', 1, 'PER_INDIVIDUAL', '1500', null, null, '1', '[]', after, upTo, null];
      inserted += (await db<{ inserted: number }>(generationSql('INDIVIDUAL', false), params))[0].inserted;
      after = upTo;
    }
    const expected = await db<Record<string, string | null>>(
      `SELECT b.id AS beneficiary, i.id AS recipient, i.given_name || ' ' || i.family_name AS name, i.phones[1] AS phone,
              (SELECT min(d.number) FROM registry.individual_document d WHERE d.individual_id = i.id) AS document
         FROM programs.beneficiary b JOIN registry.individual i ON i.id = b.individual_id WHERE b.program_id = $1 ORDER BY b.id`,
      [program],
    );
    const lines = await db<Record<string, string | null>>(
      `SELECT beneficiary_id AS beneficiary, recipient_id AS recipient, recipient_name AS name, phone, document_number AS document FROM payment.payroll_line WHERE payroll_id = $1 ORDER BY beneficiary_id`,
      [payroll],
    );
    expect(inserted).toBe(expected.length);
    expect(lines).toEqual(expected);
    expect(lines.find((l) => l['recipient'] === person.id)!['document']).toBe('0000-IND-GEN');
    expect(lines.filter((l) => l['document'] !== null).length).toBeGreaterThan(1);
  });

  it('generates a household programme by chunks: the recipient (primary, else alternate, else head) and the nearest active payment point', async () => {
    const [{ id: program }] = await db<{ id: string }>(
      `INSERT INTO programs.program (code, name, target_unit, coverage_area_ids, coverage_paths, currency, status)
       VALUES ('HH-GEN', '{"en":"Per household"}', 'HOUSEHOLD', ARRAY[$1::uuid], ARRAY[$2], 'USD', 'ACTIVE') RETURNING id`,
      [north.id, north.path],
    );
    await db(
      `INSERT INTO programs.beneficiary (program_id, household_id, area_id, area_path, status, enrolled_on)
       SELECT $1, h.id, h.area_id, h.area_path, 'ACTIVE', '2026-01-01' FROM registry.household h
        WHERE starts_with(h.area_path, $2) AND (SELECT count(*) FROM registry.individual i WHERE i.household_id = h.id) >= 3`,
      [program, north.path],
    );
    // three households, each with a head and two other members, in three different villages
    const picked = await db<{ household_id: string; area_id: string; area_path: string; others: string[] }>(
      `SELECT DISTINCT ON (b.area_id) b.household_id, b.area_id, b.area_path,
              ARRAY(SELECT i.id::text FROM registry.individual i WHERE i.household_id = b.household_id AND i.relationship IS DISTINCT FROM 'HEAD' ORDER BY i.id) AS others
         FROM programs.beneficiary b WHERE b.program_id = $1 ORDER BY b.area_id, b.household_id LIMIT 3`,
      [program],
    );
    expect(picked).toHaveLength(3);
    const [a, b, c] = picked;
    await db(`UPDATE registry.individual SET recipient_role = NULL, status = 'ACTIVE' WHERE household_id = ANY($1::uuid[])`, [picked.map((h) => h.household_id)]);
    // a: the primary recipient has died, the alternate receives; b: the primary receives; c: no recipient named, the head
    await db(`UPDATE registry.individual SET recipient_role = 'PRIMARY', status = 'DECEASED' WHERE id = $1`, [a.others[0]]);
    await db(`UPDATE registry.individual SET recipient_role = 'ALTERNATE' WHERE id = $1`, [a.others[1]]);
    await db(`UPDATE registry.individual SET recipient_role = 'PRIMARY' WHERE id = $1`, [b.others[1]]);
    // a: an active point in its own village, nearer than its district's; b: an inactive one there (the district's
    // point still serves it); c: two in its village, the first by code serves it
    const point = async (code: string, area: { area_id: string; area_path: string }, active = true) =>
      (await db<{ id: string }>(`INSERT INTO payment.payment_point (code, name, type, area_id, area_path, active) VALUES ($1, $1, 'AGENT', $2, $3, $4) RETURNING id`, [code, area.area_id, area.area_path, active]))[0].id;
    const villageA = await point('HH-GEN-A', a);
    await point('HH-GEN-B', b, false);
    await point('HH-GEN-C2', c);
    const villageC = await point('HH-GEN-C1', c);
    const [{ id: cycle }] = await db<{ id: string }>(`INSERT INTO payment.cycle (program_id, code, name, period, planned_date, currency, area_id, area_path) VALUES ($1, 'HH-GEN-C', 'Per household', '2026-12', '2026-12-15', 'USD', $2, $3) RETURNING id`, [program, north.id, north.path]);
    const [{ id: rules }] = await db<{ id: string }>(`INSERT INTO payment.benefit_rule_set (program_id, rule_version, rules) VALUES ($1, 1, '{}') RETURNING id`, [program]);
    const [{ id: payroll }] = await db<{ id: string }>(`INSERT INTO payment.payroll (cycle_id, program_id, code, rule_set_id, area_id, area_path) VALUES ($1, $2, 'HH-GEN-P', $3, $4, $5) RETURNING id`, [cycle, program, rules, north.id, north.path]);
    const bounds = (await db<{ id: string }>(generationBoundsSql('HOUSEHOLD'), [program, 3])).map((r) => r.id);
    expect(bounds.length).toBeGreaterThan(1);
    let after: string | null = null;
    for (const upTo of [...bounds, null]) {
      const params = [payroll, cycle, program, '2026-12', 'USD', '2026-12-15', 1, 'PER_HOUSEHOLD', '2000', null, null, '1', '[]', after, upTo, null];
      await db(generationSql('HOUSEHOLD', false), params);
      after = upTo;
    }
    // written the slow way, one household at a time
    const expected = await db<Record<string, string | null>>(
      `SELECT b.household_id AS household,
              (SELECT i.id FROM registry.individual i WHERE i.household_id = b.household_id AND i.status = 'ACTIVE' AND (i.recipient_role IN ('PRIMARY', 'ALTERNATE') OR i.relationship = 'HEAD')
                ORDER BY CASE i.recipient_role WHEN 'PRIMARY' THEN 0 WHEN 'ALTERNATE' THEN 1 ELSE 2 END, i.id LIMIT 1) AS recipient,
              (SELECT p.id FROM payment.payment_point p WHERE p.active AND starts_with(b.area_path, p.area_path) ORDER BY length(p.area_path) DESC, p.code LIMIT 1) AS point
         FROM programs.beneficiary b WHERE b.program_id = $1 ORDER BY b.household_id`,
      [program],
    );
    const lines = await db<Record<string, string | null>>(`SELECT household_id AS household, recipient_id AS recipient, payment_point_id AS point FROM payment.payroll_line WHERE payroll_id = $1 ORDER BY household_id`, [payroll]);
    expect(lines).toEqual(expected);
    const line = (h: { household_id: string }) => lines.find((l) => l['household'] === h.household_id)!;
    expect([line(a)['recipient'], line(b)['recipient'], line(c)['recipient']]).toEqual([
      a.others[1],
      b.others[1],
      (await db<{ id: string }>(`SELECT id FROM registry.individual WHERE household_id = $1 AND relationship = 'HEAD'`, [c.household_id]))[0].id,
    ]);
    expect([line(a)['point'], line(c)['point']]).toEqual([villageA, villageC]);
    expect(line(b)['point']).not.toBeNull();
    expect(lines.every((l) => l['recipient'] !== null && l['point'] !== null)).toBe(true);
  });

  it('refuses a month, a planned day or a currency that does not exist, naming the field, before the database', async () => {
    const cycles = async () => (await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.cycle`))[0].n;
    const before = await cycles();
    const valid = { programId, code: 'CG-BAD', name: 'Bad', period: '2027-01', plannedDate: '2027-01-15', currency: 'USD', areaId: north.id };
    const month = 'doit être un mois au format AAAA-MM (mois 01 à 12) d’une année de 2000 à 2099';
    const day = 'doit être une date réelle (AAAA-MM-JJ) du 2000-01-01 au 2099-12-31';
    const currency = 'doit être le code ISO 4217 d’une monnaie en circulation, en majuscules (comme USD, EUR, XOF)';
    for (const [field, value, message] of [
      ['period', '2027-13', month],
      ['period', '0000-00', month],
      ['plannedDate', '2027-02-30', day],
      ['plannedDate', '0000-01-01', day],
      ['currency', 'ZZZ', currency],
    ]) {
      const answer = await as('officer', CREATE_CYCLE, { input: { ...valid, [field]: value } }, 'fr');
      expect([value, answer.errors?.[0].extensions]).toEqual([value, expect.objectContaining({ code: 'BAD_USER_INPUT', fieldErrors: [{ field, message }] })]);
    }
    expect(await cycles()).toBe(before);
  });

  it('edits a cycle: a stale version is refused, its date and area stay once a payroll was made from them, a payroll waits for an edit in progress', async () => {
    const UPDATE = 'mutation($input: UpdateCycleInput!) { updateCycle(input: $input) { id name plannedDate areaId version } }';
    const created = await as<{ createCycle: { id: string } }>('officer', CREATE_CYCLE, { input: { programId, code: 'CG-EDIT', name: 'To edit', period: '2027-03', plannedDate: '2027-03-15', currency: 'USD', areaId: north.id } });
    const id = created.data!.createCycle.id;
    const version = async () => (await db<{ version: number }>(`SELECT version FROM payment.cycle WHERE id = $1`, [id]))[0].version;
    // a viewer may not edit; a manager limited to one district does not see a cycle of the whole region
    expect((await as('viewer', UPDATE, { input: { id, version: await version(), name: 'x' } })).errors![0].extensions!.code).toBe('FORBIDDEN');
    await api.createUser('p_district_officer', PASSWORD, 'pay_officer', [district.id]);
    tokens['districtOfficer'] = (await api.login('p_district_officer', PASSWORD)).accessToken;
    expect((await as('districtOfficer', UPDATE, { input: { id, version: await version(), name: 'x' } })).errors![0].extensions!.code).toBe('NOT_FOUND');
    // before any payroll: every field can change; the edit is audited
    const first = await as<{ updateCycle: { plannedDate: string; version: number } }>('officer', UPDATE, { input: { id, version: await version(), name: 'March 2027', plannedDate: '2027-03-20' } });
    expect(first.errors).toBeUndefined();
    expect(first.data!.updateCycle.plannedDate).toBe('2027-03-20');
    const audited = await db<{ after: string }>(`SELECT changes->'plannedDate'->>'after' AS after FROM core.audit_log WHERE entity_type = 'Cycle' AND entity_id = $1 AND action = 'UPDATE'`, [id]);
    expect(audited.map((a) => a.after)).toEqual(['2027-03-20']);
    const stale = await as('officer', UPDATE, { input: { id, version: first.data!.updateCycle.version - 1, name: 'Stale' } });
    expect(stale.errors![0].extensions!.code).toBe('CONFLICT');

    // a payroll being created while an edit holds the cycle waits for it, and is made from the edited cycle
    const editor = new Client({ connectionString: api.databaseUrl });
    await editor.connect();
    try {
      await editor.query('BEGIN');
      await editor.query(`SELECT 1 FROM payment.cycle WHERE id = $1 FOR UPDATE`, [id]);
      const payroll = as<{ createPayroll: { id: string } }>('officer', CREATE_PAYROLL, { input: { cycleId: id, code: 'PR-EDIT' } });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await db(`SELECT 1 FROM payment.payroll WHERE code = 'PR-EDIT'`)).toHaveLength(0);
      await editor.query(`UPDATE payment.cycle SET area_id = $2, area_path = $3, version = version + 1 WHERE id = $1`, [id, district.id, district.path]);
      await editor.query('COMMIT');
      const made = await payroll;
      expect(made.errors).toBeUndefined();
      expect((await db<{ area_path: string }>(`SELECT area_path FROM payment.payroll WHERE id = $1`, [made.data!.createPayroll.id]))[0].area_path).toBe(district.path);
    } finally {
      await editor.end();
    }
    await api.drainJobs();

    // now the planned date and the area stay (in French), the name can still change
    for (const change of [{ plannedDate: '2027-03-25' }, { areaId: north.id }]) {
      const refused = await as('officer', UPDATE, { input: { id, version: await version(), ...change } }, 'fr');
      expect(refused.errors![0].extensions!.code).toBe('CONFLICT');
      expect(refused.errors![0].message).toContain('ne peuvent plus changer : 1 liste(s) de paie');
    }
    const renamed = await as<{ updateCycle: { name: string; plannedDate: string } }>('officer', UPDATE, { input: { id, version: await version(), name: 'March 2027 (revised)', plannedDate: '2027-03-20' } });
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data!.updateCycle).toEqual(expect.objectContaining({ name: 'March 2027 (revised)', plannedDate: '2027-03-20' }));
  });
});
