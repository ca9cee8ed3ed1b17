import { resolve } from 'node:path';
import { SecretVault, type CoreConfig } from '@coremis/core';
import { createTestDatabase, eventually, sql, TEST_REDIS_URL, type TestDatabase, killTestChild, startTestChild, type TestChild } from '@coremis/core/testing';
import { FakeMtnMomoServer } from '../providers/testing/fake-mtn-momo.server';
import { PAYROLL_SUBMISSION_QUEUE } from './payroll-submission.service';

/**
 * The REAL payroll submission job in a real worker process, SIGKILLed while MoMo holds the answers of its first
 * batch (MoMo has accepted those transfers, the database has not heard back). A second worker takes the job over:
 * the lines the first one had marked SUBMITTED are sent again with the same X-Reference-Id (MoMo answers 409 for the
 * ones it had), the lines still APPROVED are sent once, and the fake, counting money moved per line, paid every line
 * exactly once.
 */
const CHILD = resolve(__dirname, '../providers/testing/submission-worker.child.ts');
const QUEUE_PREFIX = `test-submission-kill-${process.pid}-${Date.now()}`;
const LINES = 150; // the MoMo adapter sends 100 per batch: the kill leaves a second batch APPROVED
const MOMO = { apiUser: 'kill-user', apiKey: 'kill-key', subscriptionKey: 'kill-sub', targetEnvironment: 'sandbox' };

type Child = TestChild;
const startChild = (env: Record<string, string>): Promise<Child> => startTestChild(CHILD, env);
const kill = killTestChild;

describe('a worker killed in the middle of the real payroll submission', () => {
  let database: TestDatabase;
  let fake: FakeMtnMomoServer;
  const children: Child[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    fake = new FakeMtnMomoServer({ ...MOMO, currency: 'EUR' });
    await fake.start();
    // MoMo accepts (and pays) each transfer at once but answers the worker only much later: the kill falls there
    fake.setModes({ withholdCallbacks: true, slowSubmitMs: 60_000 });
  });

  afterAll(async () => {
    await Promise.all(children.map(kill));
    fake?.setModes({ slowSubmitMs: 0 });
    await fake?.close();
    await database?.drop();
  });

  it('resumes on another worker without paying anyone twice', async () => {
    const env = { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX, PAYMENT_CALLBACK_BASE_URL: 'http://127.0.0.1:9' };
    const first = await startChild(env);
    children.push(first);

    const db = <T>(text: string, params: unknown[] = []) => sql<T>(database.url, text, params);
    const vault = new SecretVault({} as CoreConfig);
    const [account] = await db<{ id: string }>(
      `INSERT INTO payment.provider_account (code, name, kind, base_url, currency, timeout_ms, credential_keys, credentials_sealed, callback_secret_sealed)
       VALUES ('MOMO-KILL', 'MoMo', 'mtn-momo', $1, 'EUR', 120000, $2, $3, $4) RETURNING id`,
      [fake.url, Object.keys(MOMO), vault.sealJson(MOMO), vault.seal('kill-callback-secret-0123456789')],
    );
    // an approved payroll of LINES lines, in payment (as the API leaves it after maker-checker and startPayrollPayment)
    const [level] = await db<{ id: string }>(`INSERT INTO geo.admin_level (depth, code, name_en) VALUES (0, 'COUNTRY', 'Country') RETURNING id`);
    const [area] = await db<{ id: string; path: string }>(`INSERT INTO geo.admin_area (code, level_id, path, name_en) VALUES ('KL', $1, 'KL/', 'Kill land') RETURNING id, path`, [level.id]);
    const [program] = await db<{ id: string }>(
      `INSERT INTO programs.program (code, name, target_unit, coverage_area_ids, coverage_paths, currency, status) VALUES ('KILL', '{"en":"Kill"}', 'INDIVIDUAL', ARRAY[$1::uuid], ARRAY[$2], 'EUR', 'ACTIVE') RETURNING id`,
      [area.id, area.path],
    );
    const [cycle] = await db<{ id: string }>(`INSERT INTO payment.cycle (program_id, code, name, period, planned_date, currency, area_id, area_path) VALUES ($1, 'KILL-C', 'Kill', '2026-12', '2026-12-15', 'EUR', $2, $3) RETURNING id`, [program.id, area.id, area.path]);
    const [payroll] = await db<{ id: string }>(
      `INSERT INTO payment.payroll (cycle_id, program_id, code, status, provider_account_id, area_id, area_path) VALUES ($1, $2, 'KILL-P', 'IN_PAYMENT', $3, $4, $5) RETURNING id`,
      [cycle.id, program.id, account.id, area.id, area.path],
    );
    await db(
      `INSERT INTO payment.payroll_line (payroll_id, cycle_id, program_id, beneficiary_id, recipient_name, phone, area_id, area_path, period, currency, amount_minor, status)
       SELECT $1, $2, $3, core.uuid_v7(), 'Payee ' || n, '2567' || lpad(n::text, 8, '0'), $4, $5, '2026-12', 'EUR', n * 100, 'APPROVED' FROM generate_series(1, $6) n`,
      [payroll.id, cycle.id, program.id, area.id, area.path, LINES],
    );
    const [job] = await db<{ id: string }>(`INSERT INTO core.job (id, queue, name, status, payload) VALUES (core.uuid_v7(), $1, 'payroll-submission', 'QUEUED', $2) RETURNING id`, [
      PAYROLL_SUBMISSION_QUEUE,
      JSON.stringify({ payrollId: payroll.id }),
    ]);

    // the first batch is committed SUBMITTED and MoMo has accepted some of its transfers: kill the worker there
    await eventually(async () => (fake.transferCount > 0 ? true : undefined), 60_000, 50);
    await kill(first);
    const accepted = fake.transferCount;
    const statuses = async () => Object.fromEntries((await db<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM payment.payroll_line WHERE payroll_id = $1 GROUP BY status`, [payroll.id])).map((r) => [r.status, r.n]));
    expect(await statuses()).toEqual({ SUBMITTED: 100, APPROVED: LINES - 100 });
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(LINES);

    fake.setModes({ slowSubmitMs: 0 });
    const second = await startChild(env);
    children.push(second);
    await eventually(async () => ((await db<{ status: string }>('SELECT status FROM core.job WHERE id = $1', [job.id]))[0].status === 'COMPLETED' ? true : undefined), 90_000, 100);

    const lines = await db<{ id: string; status: string }>(`SELECT id, status FROM payment.payroll_line WHERE payroll_id = $1 ORDER BY id`, [payroll.id]);
    // every line reached the provider and none went back to APPROVED
    expect(lines.every((l) => l.status === 'SUBMITTED' || l.status === 'PAID')).toBe(true);
    // money moved exactly once per line, though the lines the first worker had sent were sent again
    expect(lines.map((l) => fake.paymentsByKey.get(l.id) ?? 0)).toEqual(Array(LINES).fill(1));
    expect(fake.transferCount).toBe(LINES);
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === '/disbursement/v1_0/transfer').length;
    expect(posts).toBeGreaterThan(LINES);
    // one APPROVED → SUBMITTED transition per line: the resumed job never marked a line a second time
    const [{ n }] = await db<{ n: number }>(`SELECT count(*)::int AS n FROM payment.line_transition WHERE payroll_id = $1 AND to_status = 'SUBMITTED'`, [payroll.id]);
    expect(n).toBe(LINES);
  }, 240_000);
});
