import { Injectable, Module } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { coreDefinition, defineModule, type JobContext, type JobHandler, JobLeaseLostError, JobProcessor, JobService, JobStatus, startWorker } from '@coremis/core';
import { eventually, sql, startTestApi, TEST_REDIS_URL, type TestApi } from '@coremis/core/testing';

const runs: { jobId: string; pid: number; progressSeen: number }[] = [];

@Injectable()
@JobProcessor('test.sum', { maxAttempts: 2 })
class SumProcessor implements JobHandler<{ numbers: number[]; fail?: boolean }, { sum: number }> {
  async process(job: JobContext<{ numbers: number[]; fail?: boolean }>): Promise<{ sum: number }> {
    await job.updateProgress(0.5);
    runs.push({ jobId: job.id, pid: process.pid, progressSeen: 0.5 });
    if (job.payload.fail) throw new Error('the numbers do not add up');
    return { sum: job.payload.numbers.reduce((a, b) => a + b, 0) };
  }
}

/** Waits until the test releases it, then writes a checkpoint and completes. */
const gate = { started: new Set<string>(), released: new Set<string>(), errors: new Map<string, unknown>() };

@Injectable()
@JobProcessor('test.gated', { maxAttempts: 1 })
class GatedProcessor implements JobHandler<Record<string, unknown>, { done: boolean }> {
  async process(job: JobContext): Promise<{ done: boolean }> {
    gate.started.add(job.id);
    while (!gate.released.has(job.id)) await new Promise((r) => setTimeout(r, 20));
    try {
      await job.saveCheckpoint({ step: 1 });
    } catch (error) {
      gate.errors.set(job.id, error);
      throw error;
    }
    return { done: true };
  }
}

@Module({ providers: [SumProcessor, GatedProcessor] })
class TestJobsWorkerModule {}

const testJobs = defineModule({
  key: 'testjobs',
  dependsOn: ['core'],
  workerModule: TestJobsWorkerModule,
  entities: [],
  migrations: [],
  permissions: [],
  menu: [],
  translations: { en: {}, fr: {}, pt: {} },
});
const catalogue = [coreDefinition, testJobs];
// this file's own BullMQ keys: parallel runs sharing the Redis never consume each other's jobs
const QUEUE_PREFIX = `test-${process.pid}-${Date.now()}`;
const JOB_ENV = { QUEUE_PREFIX, JOB_RETRY_BASE_MS: '100', JOB_SWEEP_MS: '200' };

async function expectSameOutcome(api: TestApi, waitFor: (id: string) => Promise<void>): Promise<void> {
  const jobs = api.app.get(JobService);
  const ok = await jobs.enqueue('test.sum', 'sum', { numbers: [1, 2, 3.5] });
  const bad = await jobs.enqueue('test.sum', 'sum', { numbers: [], fail: true });
  await waitFor(ok.id);
  await waitFor(bad.id);
  const [done] = await sql<{ status: string; result: unknown; progress: number; started_at: Date; finished_at: Date }>(api.databaseUrl, 'SELECT * FROM core.job WHERE id = $1', [ok.id]);
  expect(done).toMatchObject({ status: JobStatus.COMPLETED, result: { sum: 6.5 }, progress: 1 });
  expect(done.finished_at.getTime()).toBeGreaterThanOrEqual(done.started_at.getTime());
  const [failed] = await sql<{ status: string; error_message: string }>(api.databaseUrl, 'SELECT * FROM core.job WHERE id = $1', [bad.id]);
  expect(failed).toMatchObject({ status: JobStatus.FAILED, error_message: 'the numbers do not add up', attempts: 2 });
  // a failure is retried once (maxAttempts: 2) after its backoff, then the job fails for good
  expect(runs.filter((r) => r.jobId === bad.id)).toHaveLength(2);
  expect(runs.filter((r) => r.jobId === ok.id)).toHaveLength(1);

  const viaGraphql = await api.graphql<{ job: { status: string; progress: number; result: unknown } }>(`{ job(id: "${ok.id}") { status progress result } }`);
  expect(viaGraphql.data!.job).toEqual({ status: 'COMPLETED', progress: 1, result: { sum: 6.5 } });
}

const finished = (api: TestApi) => async (id: string) => {
  await eventually(async () => {
    const [row] = await sql<{ status: string }>(api.databaseUrl, 'SELECT status FROM core.job WHERE id = $1', [id]);
    return ['COMPLETED', 'FAILED'].includes(row.status) ? true : undefined;
  });
};

describe('a job runs the same way', () => {
  it('in-process, without Redis', async () => {
    const api = await startTestApi(catalogue, JOB_ENV);
    try {
      expect(api.app.get(JobService).transportKind).toBe('in-process');
      await expectSameOutcome(api, async (id) => {
        await api.drainJobs();
        await finished(api)(id);
      });
    } finally {
      await api.stop();
    }
  });

  it('through BullMQ and Redis, consumed by a worker', async () => {
    const api = await startTestApi(catalogue, { REDIS_URL: TEST_REDIS_URL, ...JOB_ENV });
    let worker: INestApplicationContext | undefined;
    try {
      expect(api.app.get(JobService).transportKind).toBe('bullmq');
      // the API only enqueues: nothing runs until a worker starts
      const early = await api.app.get(JobService).enqueue('test.sum', 'sum', { numbers: [40, 2] });
      await new Promise((r) => setTimeout(r, 300));
      expect((await sql<{ status: string }>(api.databaseUrl, 'SELECT status FROM core.job WHERE id = $1', [early.id]))[0].status).toBe('QUEUED');

      worker = await startWorker(catalogue, { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: api.databaseUrl, REDIS_URL: TEST_REDIS_URL, ...JOB_ENV });
      await finished(api)(early.id);
      await expectSameOutcome(api, finished(api));

      const queue = new Queue('coremis-test.sum', { connection: { url: TEST_REDIS_URL } as never, prefix: QUEUE_PREFIX });
      const completed = await queue.getJobs(['completed', 'failed']);
      expect(completed.map((j) => j.data.jobId)).toEqual(expect.arrayContaining([early.id]));
      // finished entries expire from Redis after JOB_RETENTION_HOURS
      expect(completed[0].opts.removeOnComplete).toEqual({ age: 24 * 3600 });
      await queue.obliterate({ force: true });
      await queue.close();
    } finally {
      await worker?.close();
      await api.stop();
    }
  });

  it('never runs a job twice when it is delivered twice', async () => {
    const api = await startTestApi(catalogue, JOB_ENV);
    try {
      const jobs = api.app.get(JobService);
      const job = await jobs.enqueue('test.sum', 'sum', { numbers: [1] });
      await jobs.dispatch(job);
      await jobs.dispatch(job);
      await api.drainJobs();
      expect(runs.filter((r) => r.jobId === job.id)).toHaveLength(1);
    } finally {
      await api.stop();
    }
  });

  it('fences a process that lost its job: its checkpoint and outcome never overwrite the new owner’s, and a cancelled job stays cancelled', async () => {
    const api = await startTestApi(catalogue, JOB_ENV);
    try {
      const jobs = api.app.get(JobService);
      const row = async (id: string) => (await sql<{ status: string; lease_owner: string | null; result: unknown; checkpoint: unknown }>(api.databaseUrl, 'SELECT status, lease_owner, result, checkpoint FROM core.job WHERE id = $1', [id]))[0];

      const taken = await jobs.enqueue('test.gated', 'gated', {});
      await eventually(async () => (gate.started.has(taken.id) ? true : undefined));
      expect((await row(taken.id)).lease_owner).toEqual(expect.stringContaining(`:${process.pid}:`));
      // another process took the job over (this one stalled past its lease)
      await sql(api.databaseUrl, `UPDATE core.job SET lease_owner = 'another-process' WHERE id = $1`, [taken.id]);
      gate.released.add(taken.id);
      await api.drainJobs();
      expect(gate.errors.get(taken.id)).toBeInstanceOf(JobLeaseLostError);
      expect(await row(taken.id)).toEqual({ status: 'RUNNING', lease_owner: 'another-process', result: null, checkpoint: null });

      const cancelled = await jobs.enqueue('test.gated', 'gated', {});
      await eventually(async () => (gate.started.has(cancelled.id) ? true : undefined));
      const cancel = await api.graphql<{ cancelJob: { status: string } }>(`mutation { cancelJob(id: "${cancelled.id}") { status } }`);
      expect(cancel.data!.cancelJob.status).toBe('CANCELLED');
      gate.released.add(cancelled.id);
      await api.drainJobs();
      expect(await row(cancelled.id)).toMatchObject({ status: 'CANCELLED', result: null, checkpoint: null });
    } finally {
      await api.stop();
    }
  });
});
