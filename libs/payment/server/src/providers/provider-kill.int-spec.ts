import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { SecretVault, type CoreConfig } from '@coremis/core';
import { createTestDatabase, eventually, sql, TEST_REDIS_URL, type TestDatabase, killTestChild, startTestChild, type TestChild } from '@coremis/core/testing';
import { FakeMtnMomoServer } from './testing/fake-mtn-momo.server';

/**
 * A worker process is SIGKILLed after MoMo accepted its first batch and before it could record that: the next
 * worker takes the job over, sends those lines again with the same `X-Reference-Id`s, MoMo answers 409 for each,
 * and the fake, which counts transfers per line, paid every line exactly once.
 */
const CHILD = resolve(__dirname, 'testing/payout-worker.child.ts');
const QUEUE_PREFIX = `test-payout-kill-${process.pid}-${Date.now()}`;
const LINES = 10;
const MOMO = { apiUser: 'kill-user', apiKey: 'kill-key', subscriptionKey: 'kill-sub', targetEnvironment: 'sandbox' };

type Child = TestChild;
const startChild = (env: Record<string, string>): Promise<Child> => startTestChild(CHILD, env);
const kill = killTestChild;

describe('a worker killed in the middle of a provider submission', () => {
  let database: TestDatabase;
  let fake: FakeMtnMomoServer;
  const children: Child[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    fake = new FakeMtnMomoServer({ ...MOMO, currency: 'EUR' });
    await fake.start();
    fake.setModes({ withholdCallbacks: true });
  });

  afterAll(async () => {
    await Promise.all(children.map(kill));
    await fake?.close();
    const queue = new Queue('coremis-payment-test.payout', { connection: { url: TEST_REDIS_URL } as never, prefix: QUEUE_PREFIX });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await database?.drop();
  });

  it('resumes on another worker without paying anyone twice', async () => {
    await sql(database.url, `CREATE TABLE public.payout_line (id uuid PRIMARY KEY, msisdn text NOT NULL, amount_minor text NOT NULL, status text NOT NULL DEFAULT 'NEW', attempts int NOT NULL DEFAULT 0, provider_reference text, result text)`);
    await sql(database.url, `CREATE TABLE public.payout_event (pid int NOT NULL, attempt int NOT NULL, batch int NOT NULL, lines int NOT NULL)`);
    await sql(database.url, `CREATE TABLE public.payout_flag (name text PRIMARY KEY, blocked boolean NOT NULL)`);
    await sql(database.url, `INSERT INTO public.payout_flag VALUES ('after-provider', true)`);
    const env = { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX, PAYMENT_CALLBACK_BASE_URL: 'http://127.0.0.1:9' };
    const first = await startChild(env);
    children.push(first);

    // the provider account, sealed as the API would (test processes use the development key)
    const vault = new SecretVault({} as CoreConfig);
    const [account] = await sql<{ id: string }>(
      database.url,
      `INSERT INTO payment.provider_account (code, name, kind, base_url, currency, timeout_ms, credential_keys, credentials_sealed, callback_secret_sealed)
       VALUES ('MOMO-KILL', 'MoMo', 'mtn-momo', $1, 'EUR', 2000, $2, $3, $4) RETURNING id`,
      [fake.url, Object.keys(MOMO), vault.sealJson(MOMO), vault.seal('kill-callback-secret-0123456789')],
    );
    for (let i = 1; i <= LINES; i++) {
      await sql(database.url, `INSERT INTO public.payout_line (id, msisdn, amount_minor) VALUES (core.uuid_v7(), $1, $2)`, [`2567000000${String(i).padStart(2, '0')}`, `${i}00`]);
    }
    const [job] = await sql<{ id: string }>(database.url, `INSERT INTO core.job (id, queue, name, status, payload) VALUES (core.uuid_v7(), 'payment-test.payout', 'payout', 'QUEUED', $1) RETURNING id`, [JSON.stringify({ accountId: account.id })]);

    // the first batch reached MoMo and the worker stands between its answer and the database: kill it there
    await eventually(async () => ((await sql(database.url, `SELECT 1 FROM public.payout_event WHERE pid = $1`, [first.process.pid])).length ? true : undefined), 30_000, 50);
    expect(fake.transferCount).toBe(4);
    await kill(first);
    expect((await sql<{ status: string }>(database.url, `SELECT status FROM public.payout_line WHERE status = 'SENDING'`)).length).toBe(4);
    await sql(database.url, `UPDATE public.payout_flag SET blocked = false`);

    const second = await startChild(env);
    children.push(second);
    await eventually(async () => ((await sql<{ status: string }>(database.url, 'SELECT status FROM core.job WHERE id = $1', [job.id]))[0].status === 'COMPLETED' ? true : undefined), 60_000, 100);

    const lines = await sql<{ id: string; status: string; attempts: number; result: string }>(database.url, 'SELECT id, status, attempts, result FROM public.payout_line ORDER BY id');
    expect(lines.map((l) => l.status)).toEqual(Array(LINES).fill('SUBMITTED'));
    // the four lines of the killed batch were sent twice; MoMo refused the second sending of each (409)
    expect(lines.filter((l) => l.attempts === 2)).toHaveLength(4);
    const conflicts = fake.requests.filter((r) => r.method === 'POST' && r.path === '/disbursement/v1_0/transfer').length - LINES;
    expect(conflicts).toBe(4);
    expect([...fake.paymentsByKey.values()]).toEqual(Array(LINES).fill(1));
    expect(lines.map((l) => fake.paymentsByKey.get(l.id))).toEqual(Array(LINES).fill(1));
    const events = await sql<{ pid: number; attempt: number }>(database.url, 'SELECT pid, attempt FROM public.payout_event ORDER BY attempt, batch');
    expect(events[0]).toEqual({ pid: first.process.pid, attempt: 1 });
    expect(events.slice(1).every((e) => e.pid === second.process.pid && e.attempt === 2)).toBe(true);
  }, 120_000);
});
