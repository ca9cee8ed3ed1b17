import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { createTestDatabase, eventually, sql, TEST_REDIS_URL, type TestDatabase, killTestChild, startTestChild, type TestChild } from '@coremis/core/testing';

/**
 * Kill tests: a real CoreMIS process (the API with in-process jobs, or a worker on Redis) is
 * SIGKILLed in the middle of a job and of approved operations; a new process takes them over once
 * their lease expires, and each side effect is counted.
 */
const CHILD = resolve(__dirname, 'testing/job-recovery.child.ts');
const QUEUE_PREFIX = `test-recovery-${process.pid}-${Date.now()}`;

type Child = TestChild;
const startChild = (env: Record<string, string>): Promise<Child> => startTestChild(CHILD, { LOG_LEVEL: 'info', HOST: '127.0.0.1', WEB_DIST: '/nonexistent', ...env });
const kill = killTestChild;

/** The structured log lines (pino JSON) a process wrote. */
function logLines(child: Child): Record<string, unknown>[] {
  return child
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function prepare(database: TestDatabase): Promise<void> {
  await sql(database.url, 'CREATE TABLE public.kill_step (tag text NOT NULL, step int NOT NULL, pid int NOT NULL, attempt int NOT NULL)');
  await sql(database.url, `CREATE TABLE public.kill_flag (name text PRIMARY KEY, blocked boolean NOT NULL)`);
  await sql(database.url, `INSERT INTO public.kill_flag VALUES ('job', true), ('started', true)`);
}

/** Written as an enqueue inside a caller's transaction leaves it: committed, not yet dispatched. */
async function insertJob(database: TestDatabase): Promise<string> {
  const [row] = await sql<{ id: string }>(database.url, `INSERT INTO core.job (id, queue, name, status, payload) VALUES (core.uuid_v7(), 'test.steps', 'steps', 'QUEUED', '{}') RETURNING id`);
  return row.id;
}

const steps = (database: TestDatabase, tag: string) =>
  sql<{ step: number; pid: number; attempt: number }>(database.url, 'SELECT step, pid, attempt FROM public.kill_step WHERE tag = $1 ORDER BY step, pid', [tag]);

async function waitForStep(database: TestDatabase, tag: string): Promise<void> {
  await eventually(async () => ((await steps(database, tag)).length ? true : undefined), 30_000, 50);
}

async function jobRow(database: TestDatabase, id: string) {
  const [row] = await sql<{ status: string; attempts: number; result: unknown; lease_owner: string | null }>(database.url, 'SELECT status, attempts, result, lease_owner FROM core.job WHERE id = $1', [id]);
  return row;
}

/** The job resumed from its checkpoint in the new process: each step once, none lost, none repeated. */
async function expectCompletedOnce(database: TestDatabase, jobId: string, first: Child, second: Child): Promise<void> {
  await eventually(async () => ((await jobRow(database, jobId)).status === 'COMPLETED' ? true : undefined), 30_000, 100);
  expect(await jobRow(database, jobId)).toMatchObject({ status: 'COMPLETED', attempts: 2, result: { steps: 3 }, lease_owner: null });
  expect(await steps(database, jobId)).toEqual([
    { step: 0, pid: first.process.pid, attempt: 1 },
    { step: 1, pid: second.process.pid, attempt: 2 },
    { step: 2, pid: second.process.pid, attempt: 2 },
  ]);
  const lines = logLines(second).filter((l) => l.jobId === jobId);
  expect(lines).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ event: 'job.recovered', queue: 'test.steps', attempt: 1, outcome: 'QUEUED' }),
      expect.objectContaining({ event: 'job.start', queue: 'test.steps', name: 'steps', attempt: 2 }),
      expect.objectContaining({ event: 'job.end', queue: 'test.steps', attempt: 2, outcome: 'COMPLETED', durationMs: expect.any(Number) }),
    ]),
  );
}

async function obliterate(name: string): Promise<void> {
  const queue = new Queue(`coremis-${name}`, { connection: { url: TEST_REDIS_URL } as never, prefix: QUEUE_PREFIX });
  await queue.obliterate({ force: true });
  await queue.close();
}

describe('a process killed in the middle of its work', () => {
  const children: Child[] = [];
  const databases: TestDatabase[] = [];

  afterAll(async () => {
    await Promise.all(children.map(kill));
    await Promise.all(databases.map((d) => d.drop()));
  });

  /**
   * The API runs approved operations: "started" is killed inside the operation (after its first
   * write), "queued" is approved right after it. `queuedBehind`: in-process, one job at a time per
   * queue, so "queued" had not started when the process died.
   */
  async function killDuringApprovals(env: Record<string, string>, queuedBehind: boolean, withJob: boolean): Promise<void> {
    const database = await createTestDatabase();
    databases.push(database);
    await prepare(database);
    const first = await startChild({ ...env, DATABASE_URL: database.url, ROLE: 'api', SETUP_APPROVALS: '1' });
    children.push(first);
    const jobId = withJob ? await insertJob(database) : null;
    if (jobId) await waitForStep(database, jobId);
    await waitForStep(database, 'started');
    const operations = async () =>
      Object.fromEntries(
        (await sql<{ tag: string; status: string; error: string | null; job_id: string | null }>(database.url, `SELECT payload->>'tag' AS tag, status, error, job_id FROM core.pending_operation`)).map((r) => [r.tag, r]),
      );
    // in-process "queued" waits behind "started"; on Redis it runs beside it and must have ended before the kill, or
    // the kill interrupts it too (and it is rightly failed, not run again: seen under load)
    const reached = queuedBehind ? ['EXECUTING', 'EXECUTED'] : ['EXECUTED'];
    await eventually(async () => (reached.includes((await operations()).queued?.status) ? true : undefined), 30_000, 50);
    const before = await operations();
    expect(before.started).toMatchObject({ status: 'EXECUTING', job_id: expect.any(String) });
    if (queuedBehind) expect(before.queued).toMatchObject({ status: 'EXECUTING' });

    await kill(first);
    await sql(database.url, 'UPDATE public.kill_flag SET blocked = false');
    const second = await startChild({ ...env, DATABASE_URL: database.url, ROLE: 'api' });
    children.push(second);

    if (jobId) await expectCompletedOnce(database, jobId, first, second);
    await eventually(async () => {
      const now = await operations();
      return now.started.status !== 'EXECUTING' && now.queued.status !== 'EXECUTING' ? true : undefined;
    }, 30_000, 100);
    const after = await operations();
    // it had started: its effects may be committed, so it is not run again but failed, to be verified
    expect(after.started).toMatchObject({ status: 'FAILED' });
    expect(JSON.parse(after.started.error!)).toMatchObject({ messageKey: 'core.approvals.errors.interrupted' });
    expect(await steps(database, 'started')).toEqual([{ step: 0, pid: first.process.pid, attempt: 0 }]);
    // the other one is carried out once (in-process: by the new process, it had not started)
    expect(after.queued).toMatchObject({ status: 'EXECUTED', error: null });
    const queuedSteps = await steps(database, 'queued');
    expect(queuedSteps.map((s) => s.step)).toEqual([0, 1]);
    if (queuedBehind) expect(queuedSteps.map((s) => s.pid)).toEqual([second.process.pid, second.process.pid]);
    await kill(second);
  }

  it('in-process (the API): the job completes exactly once; approved operations are resumed or failed, never run twice', async () => {
    await killDuringApprovals({}, true, true);
  }, 60_000);

  it('on Redis, the API runs approved operations: resumed or failed, never run twice', async () => {
    // without RUN_JOBS_IN_API: the API consumes the queue of approved operations all the same
    await killDuringApprovals({ REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX }, false, false);
    await obliterate('core.approvals');
  }, 60_000);

  it('on Redis (a worker): the job completes exactly once in the next worker', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    await prepare(database);
    const env = { DATABASE_URL: database.url, ROLE: 'worker', REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX };
    const first = await startChild(env);
    children.push(first);
    // the worker's relay delivers a committed job nobody dispatched
    const jobId = await insertJob(database);
    await waitForStep(database, jobId);
    await kill(first);
    expect((await jobRow(database, jobId)).status).toBe('RUNNING');
    await sql(database.url, 'UPDATE public.kill_flag SET blocked = false');
    const second = await startChild(env);
    children.push(second);
    await expectCompletedOnce(database, jobId, first, second);
    await kill(second);
    await obliterate('test.steps');
  }, 60_000);
});
