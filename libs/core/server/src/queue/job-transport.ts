import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import type { JobRunner } from './job-runner.service';

export const JOB_TRANSPORT = Symbol('JOB_TRANSPORT');

export interface JobTransport {
  readonly kind: 'bullmq' | 'in-process';
  dispatch(queue: string, jobId: string): Promise<void>;
  /** Starts consuming jobs of the given queues (worker process, or in-process mode). */
  startConsumers(runner: JobRunner, queues: string[]): Promise<void>;
  /** Resolves once everything dispatched so far has finished (in-process only; used by tests and shutdown). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** Without Redis: jobs run in this process, one at a time per queue, through the same runner. */
export class InProcessTransport implements JobTransport {
  readonly kind = 'in-process' as const;
  private runner?: JobRunner;
  private readonly chains = new Map<string, Promise<void>>();
  private readonly active = new Set<Promise<void>>();
  private readonly pending: { queue: string; jobId: string }[] = [];

  async dispatch(queue: string, jobId: string): Promise<void> {
    if (!this.runner) {
      this.pending.push({ queue, jobId });
      return;
    }
    const runner = this.runner;
    const previous = this.chains.get(queue) ?? Promise.resolve();
    const next = previous.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(async () => {
      await runner.run(jobId).catch((error) => new Logger('InProcessTransport').error(error));
    });
    this.chains.set(queue, next);
    this.active.add(next);
    void next.finally(() => this.active.delete(next));
  }

  async startConsumers(runner: JobRunner): Promise<void> {
    this.runner = runner;
    for (const { queue, jobId } of this.pending.splice(0)) await this.dispatch(queue, jobId);
  }

  async drain(): Promise<void> {
    while (this.active.size) await Promise.all([...this.active]);
  }

  async close(): Promise<void> {
    await this.drain();
  }
}

/** With Redis: BullMQ queues carry job ids; workers (the worker app) run them. */
export class BullmqTransport implements JobTransport {
  readonly kind = 'bullmq' as const;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly connection: IORedis;

  constructor(private readonly redisUrl: string, private readonly concurrency = 2) {
    this.connection = new IORedis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(bullName(name), { connection: this.connection });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async dispatch(queue: string, jobId: string): Promise<void> {
    await this.queue(queue).add(queue, { jobId }, { jobId, removeOnComplete: 1000, removeOnFail: 5000 });
  }

  async startConsumers(runner: JobRunner, queues: string[]): Promise<void> {
    for (const name of queues) {
      const worker = new Worker(bullName(name), async (job) => runner.run(job.data.jobId as string), {
        connection: new IORedis(this.redisUrl, { maxRetriesPerRequest: null }),
        concurrency: this.concurrency,
      });
      worker.on('error', (error) => new Logger('BullmqTransport').error(error));
      await worker.waitUntilReady();
      this.workers.push(worker);
    }
  }

  async ping(): Promise<boolean> {
    return (await this.connection.ping()) === 'PONG';
  }

  async drain(): Promise<void> {
    // Workers in other processes own the jobs; nothing to wait for here.
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(async (w) => {
      await w.close();
      await (await w.client).quit().catch(() => undefined);
    }));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection.quit().catch(() => undefined);
  }
}

/** BullMQ queue names may not contain ':'; module queues are named like `geo.import`. */
function bullName(queue: string): string {
  return `coremis-${queue.replace(/[^a-zA-Z0-9_.-]/g, '-')}`;
}
