import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { type Actor, RequestContext } from '../context/request-context';
import { conflict, notFound } from '../graphql/app-error';
import { Job, JobStatus } from './job.entity';
import { JOB_TRANSPORT, type JobTransport } from './job-transport';

export interface EnqueueOptions {
  createdBy?: string | null;
  /**
   * Enlist the job row in the caller's transaction: the job exists (and is dispatched) only if that
   * transaction commits. Dispatch follows the commit by itself; the relay is the safety net.
   */
  manager?: EntityManager;
}

/** Permission to see (and cancel) other people's jobs whose creator's areas lie within one's own. */
export const VIEW_ALL_JOBS = 'core.jobs.viewAll';

/**
 * Jobs: the row in `core.job` is the outbox. Its transport delivery (BullMQ or in-process) is only a
 * wake-up call: `relay` re-sends rows that are due and were never dispatched (their transaction just
 * committed) or were dispatched long ago and never claimed (lost delivery); a delivery of an
 * already-claimed job does nothing (the claim is a conditional update).
 */
@Injectable()
export class JobService implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger(JobService.name);
  /** Jobs written in a transaction still open, by its query runner. */
  private readonly afterCommit = new WeakMap<QueryRunner, Pick<Job, 'id' | 'queue'>[]>();
  /** Dispatches of committed transactions' jobs still under way (drain waits for them first). */
  private readonly dispatching = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(JOB_TRANSPORT) private readonly transport: JobTransport,
  ) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  get transportKind(): JobTransport['kind'] {
    return this.transport.kind;
  }

  async enqueue(queue: string, name: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<Job> {
    const repo = (options.manager ?? this.dataSource.manager).getRepository(Job);
    const context = RequestContext.current();
    const actor = context?.actor ?? null;
    const createdBy = options.createdBy ?? null;
    const job = repo.create({
      queue,
      name,
      payload,
      status: JobStatus.QUEUED,
      progress: 0,
      createdBy,
      requestId: context?.requestId ?? null,
      // the creator's areas at enqueue time decide who else may read the job
      creatorAreaPaths: createdBy && actor?.userId === createdBy ? actor.areaPaths : null,
      dispatchedAt: options.manager ? null : new Date(),
    });
    await repo.save(job);
    const runner = options.manager?.queryRunner;
    if (runner?.isTransactionActive) {
      const list = this.afterCommit.get(runner) ?? [];
      list.push({ id: job.id, queue });
      this.afterCommit.set(runner, list);
    } else {
      await this.send(queue, job.id);
    }
    return job;
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    if (runner.isTransactionActive) return; // a savepoint was released; the transaction goes on
    const jobs = this.afterCommit.get(runner);
    if (!jobs) return;
    this.afterCommit.delete(runner);
    const dispatch = (async () => {
      for (const job of jobs) {
        await this.dataSource.query(`UPDATE core.job SET dispatched_at = now() WHERE id = $1 AND dispatched_at IS NULL`, [job.id]).catch(() => undefined);
        await this.send(job.queue, job.id);
      }
    })();
    this.dispatching.add(dispatch);
    void dispatch.finally(() => this.dispatching.delete(dispatch));
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.afterCommit.delete(event.queryRunner);
  }

  /** Kept for callers written before the outbox: dispatching by hand is never needed, and harmless. */
  async dispatch(job: Pick<Job, 'id' | 'queue'>): Promise<void> {
    const [row]: { attempts: number }[] = await this.dataSource.query('SELECT attempts FROM core.job WHERE id = $1', [job.id]);
    await this.transport.dispatch(job.queue, job.id, { attempt: row?.attempts ?? 0 });
  }

  private async send(queue: string, jobId: string, attempt = 0, redelivery = false): Promise<void> {
    try {
      await this.transport.dispatch(queue, jobId, { attempt, redelivery });
    } catch (error) {
      // the row is committed: the relay sends it again once the transport is back
      this.logger.warn({ err: error, jobId, queue }, 'job dispatch failed; the relay will retry it');
    }
  }

  /**
   * Dispatches committed QUEUED jobs that are due and were never dispatched, or were dispatched more
   * than `staleMs` ago and never claimed. Safe in several processes at once (SKIP LOCKED + update).
   * `queues` = null relays every queue (BullMQ: a worker elsewhere consumes them).
   */
  async relay(queues: string[] | null, staleMs: number, all = false): Promise<number> {
    if (queues && !queues.length) return 0;
    const [rows]: [{ id: string; queue: string; attempts: number }[]] = await this.dataSource.query(
      `UPDATE core.job j SET dispatched_at = now()
        WHERE j.id IN (
          SELECT id FROM core.job
           WHERE status = 'QUEUED' AND ($1::text[] IS NULL OR queue = ANY($1))
             AND (next_attempt_at IS NULL OR next_attempt_at <= now())
             AND ($3 OR dispatched_at IS NULL OR dispatched_at < now() - make_interval(secs => $2::double precision / 1000))
           ORDER BY id LIMIT 1000
           FOR UPDATE SKIP LOCKED)
        RETURNING j.id, j.queue, j.attempts`,
      [queues, staleMs, all],
    );
    for (const row of rows.sort((a, b) => (a.id < b.id ? -1 : 1))) await this.send(row.queue, row.id, row.attempts, true);
    return rows.length;
  }

  async findById(id: string): Promise<Job | null> {
    return this.dataSource.getRepository(Job).findOneBy({ id });
  }

  /**
   * A job for `actor`: their own, or anyone's when they hold core.jobs.viewAll and their areas cover
   * the areas its creator had when queueing it. Otherwise null, exactly as for a job that does not exist.
   */
  async findVisible(id: string, actor: Actor | null = RequestContext.actor()): Promise<Job | null> {
    const job = await this.findById(id);
    return job && canSeeJob(job, actor) ? job : null;
  }

  async cancel(id: string): Promise<Job> {
    const visible = await this.findVisible(id);
    if (!visible) throw notFound('core.errors.jobNotFound', { id });
    const [rows] = await this.dataSource.query(
      `UPDATE core.job SET status = 'CANCELLED', finished_at = now(), updated_at = now(), version = version + 1
        WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') RETURNING id`,
      [id],
    );
    const job = (await this.findById(id)) as Job;
    if (!rows.length) throw conflict('core.errors.jobAlreadyFinished', { status: job.status });
    return job;
  }

  /** Resolves with the job's status once it has finished, or once `timeoutMs` has passed. */
  async waitFor(id: string, timeoutMs: number): Promise<JobStatus | null> {
    const deadline = Date.now() + timeoutMs;
    for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
      const [row]: { status: JobStatus }[] = await this.dataSource.query('SELECT status FROM core.job WHERE id = $1', [id]);
      if (!row) return null;
      if (row.status !== JobStatus.QUEUED && row.status !== JobStatus.RUNNING) return row.status;
      if (Date.now() >= deadline) return row.status;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /**
   * Waits until the in-process queue is idle (with BullMQ, only until the jobs of committed transactions are sent): a
   * job enlisted in a transaction is sent after its commit, possibly after the caller has already gone on.
   */
  async drain(): Promise<void> {
    while (this.dispatching.size) await Promise.all([...this.dispatching]);
    await this.transport.drain();
  }
}

/** Owner, or core.jobs.viewAll with areas covering every area the creator had (unrestricted covers all). */
export function canSeeJob(job: Pick<Job, 'createdBy' | 'creatorAreaPaths'>, actor: Actor | null): boolean {
  if (!actor) return false;
  if (job.createdBy && job.createdBy === actor.userId) return true;
  if (!actor.permissions.has('*') && !actor.permissions.has(VIEW_ALL_JOBS)) return false;
  if (actor.areaPaths === null) return true;
  const creatorPaths = job.creatorAreaPaths;
  // an unrestricted creator's (or the system's) job may concern any area
  if (creatorPaths === null) return false;
  return creatorPaths.every((path) => actor.areaPaths!.some((mine) => path.startsWith(mine)));
}
