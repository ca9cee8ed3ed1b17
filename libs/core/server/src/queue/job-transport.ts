import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import type { JobRunner } from './job-runner.service';

export const JOB_TRANSPORT = Symbol('JOB_TRANSPORT');

export interface DispatchOptions {
  /** The job row's attempt count when dispatched: one delivery per attempt (BullMQ deduplicates on it). */
  attempt?: number;
  /** Deliver no sooner than this (a retry's backoff). */
  delayMs?: number;
  /** A relay's re-delivery: never deduplicated against an earlier delivery of the same attempt. */
  redelivery?: boolean;
}

export interface JobTransport {
  readonly kind: 'bullmq' | 'in-process';
  dispatch(queue: string, jobId: string, options?: DispatchOptions): Promise<void>;
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
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  async dispatch(queue: string, jobId: string, options: DispatchOptions = {}): Promise<void> {
    if (this.closed) return;
    if (options.delayMs && options.delayMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.dispatch(queue, jobId);
      }, options.delayMs);
      timer.unref();
      this.timers.add(timer);
      return;
    }
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
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.drain();
  }
}

export interface BullmqOptions {
  /** Key prefix in Redis (QUEUE_PREFIX). */
  prefix: string;
  /** Finished entries are removed after this many hours. */
  retentionHours: number;
  concurrency?: number;
}

/** With Redis: BullMQ queues carry job ids; workers (the worker app) run them. */
export class BullmqTransport implements JobTransport {
  readonly kind = 'bullmq' as const;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly connection: IORedis;

  constructor(
    private readonly redisUrl: string,
    private readonly options: BullmqOptions = { prefix: 'coremis', retentionHours: 24 },
  ) {
    this.connection = new IORedis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(bullName(name), { connection: this.connection, prefix: this.options.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async dispatch(queue: string, jobId: string, options: DispatchOptions = {}): Promise<void> {
    const age = this.options.retentionHours * 3600;
    // one BullMQ entry per attempt: a retry is a new delivery, a re-dispatch of the same attempt is deduplicated
    await this.queue(queue).add(queue, { jobId }, {
      jobId: `${jobId}-${options.attempt ?? 0}${options.redelivery ? `-r${Date.now()}` : ''}`,
      delay: options.delayMs && options.delayMs > 0 ? options.delayMs : undefined,
      removeOnComplete: { age },
      removeOnFail: { age },
    });
  }

  async startConsumers(runner: JobRunner, queues: string[]): Promise<void> {
    for (const name of queues) {
      const worker = new Worker(bullName(name), async (job) => runner.run(job.data.jobId as string), {
        connection: new IORedis(this.redisUrl, { maxRetriesPerRequest: null }),
        prefix: this.options.prefix,
        concurrency: this.options.concurrency ?? 2,
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
export function bullName(queue: string): string {
  return `coremis-${queue.replace(/[^a-zA-Z0-9_.-]/g, '-')}`;
}
