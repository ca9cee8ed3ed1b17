import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';
import { type Actor, RequestContext } from '../context/request-context';
import { AppError } from '../graphql/app-error';
import { ActorService } from '../identity/actor.service';
import { JobStatus } from './job.entity';
import { JobFailure } from './job-failure';
import {
  JOB_PROCESSOR,
  JOB_PROCESSOR_OPTIONS,
  JobCancelledError,
  type JobHandler,
  JobLeaseLostError,
  type JobProcessorOptions,
  PermanentJobError,
} from './job-processor.decorator';
import { JOB_TRANSPORT, type JobTransport } from './job-transport';

interface ClaimedJob {
  id: string;
  queue: string;
  name: string;
  payload: Record<string, unknown>;
  createdBy: string | null;
  attempts: number;
  checkpoint: Record<string, unknown> | null;
  requestId: string | null;
}

interface Registration {
  handler: JobHandler;
  maxAttempts: number;
}

/**
 * Executes a job row with its queue's processor. Both BullMQ workers and the in-process mode call
 * `run`, so a job behaves the same whichever transport carried it.
 *
 * - Claim: QUEUED -> RUNNING is a conditional update that also takes a lease (owner token + expiry),
 *   so a job delivered twice runs once.
 * - Lease: renewed by a heartbeat while the processor runs; every later write of this run (progress,
 *   checkpoint, outcome) is fenced by the owner token, so a process that lost the job (it stalled past
 *   its lease and another process took over, or it was cancelled) cannot overwrite anything.
 * - Failures: a processor's exception is retried with exponential backoff until the queue's attempts
 *   are spent; an AppError or PermanentJobError fails at once. An expired lease (the process died) is
 *   handled by `recoverExpired`, run at start-up and periodically by every consuming process.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger('Jobs');
  private registrations?: Map<string, Registration>;
  /** This process's lease token prefix; each run gets its own token. */
  private readonly processToken = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly actors: ActorService,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    @Inject(JOB_TRANSPORT) private readonly transport: JobTransport,
  ) {}

  private get handlers(): Map<string, Registration> {
    if (!this.registrations) {
      this.registrations = new Map();
      for (const { instance, metatype } of this.discovery.getProviders()) {
        if (!instance || !metatype) continue;
        const queue = this.reflector.get<string | undefined>(JOB_PROCESSOR, metatype);
        if (!queue) continue;
        const options = this.reflector.get<JobProcessorOptions | undefined>(JOB_PROCESSOR_OPTIONS, metatype) ?? {};
        this.registrations.set(queue, { handler: instance as JobHandler, maxAttempts: Math.max(1, options.maxAttempts ?? this.config.JOB_MAX_ATTEMPTS) });
      }
    }
    return this.registrations;
  }

  queues(): string[] {
    return [...this.handlers.keys()];
  }

  hasProcessor(queue: string): boolean {
    return this.handlers.has(queue);
  }

  /**
   * Runs the job as the user who queued it (permissions and geographic scope as of now), so that
   * audit rows and scope filters behave the same in a worker as in the request that asked for it.
   */
  async run(jobId: string): Promise<JobStatus> {
    const [row]: { created_by: string | null }[] = await this.dataSource.query('SELECT created_by FROM core.job WHERE id = $1', [jobId]);
    const actor: Actor | null = row?.created_by ? await this.actors.forUserId(row.created_by) : null;
    return RequestContext.run({ ...RequestContext.system(`job:${jobId}`), actor }, () => this.execute(jobId));
  }

  private async execute(jobId: string): Promise<JobStatus> {
    const owner = `${this.processToken}:${randomUUID().slice(0, 8)}`;
    const [claimed]: [ClaimedJob[]] = await this.dataSource.query(
      `UPDATE core.job SET status = 'RUNNING', attempts = attempts + 1, lease_owner = $2,
              lease_expires_at = now() + make_interval(secs => $3::double precision / 1000),
              started_at = coalesce(started_at, now()), updated_at = now(), version = version + 1
        WHERE id = $1 AND status = 'QUEUED' AND (next_attempt_at IS NULL OR next_attempt_at <= now())
        RETURNING id, queue, name, payload, created_by AS "createdBy", attempts, checkpoint, request_id AS "requestId"`,
      [jobId, owner, this.config.JOB_LEASE_MS],
    );
    const job = claimed[0];
    if (!job) {
      // delivered before its retry was due (clocks differ): the relay sends it again once it is
      await this.dataSource.query(`UPDATE core.job SET dispatched_at = NULL WHERE id = $1 AND status = 'QUEUED' AND next_attempt_at > now()`, [jobId]);
      return this.statusOf(jobId);
    }
    const started = Date.now();
    const fields = { queue: job.queue, name: job.name, jobId: job.id, attempt: job.attempts, requestId: job.requestId };
    this.logger.log({ event: 'job.start', ...fields }, 'job started');
    const end = (outcome: string, error?: string | null) => {
      const line = { event: 'job.end', ...fields, durationMs: Date.now() - started, outcome, ...(error ? { error } : {}) };
      if (outcome === 'FAILED' || outcome === 'RETRY') this.logger.warn(line, 'job ended');
      else this.logger.log(line, 'job ended');
    };
    const registration = this.handlers.get(job.queue);
    if (!registration) {
      const reason = `No processor for queue ${job.queue}`;
      const status = await this.finish(job.id, owner, JobStatus.FAILED, null, reason);
      end(status, reason);
      return status;
    }
    const lease = this.heartbeat(job.id, owner);
    try {
      const result = await registration.handler.process({
        id: job.id,
        name: job.name,
        payload: job.payload,
        createdBy: job.createdBy,
        attempt: job.attempts,
        checkpoint: job.checkpoint,
        saveCheckpoint: (checkpoint, manager) => this.saveCheckpoint(job.id, owner, checkpoint, manager),
        updateProgress: (p) => this.updateProgress(job.id, owner, p),
        isCancelled: async () => (await this.statusOf(job.id)) === JobStatus.CANCELLED,
      });
      lease.stop();
      const status = await this.finish(job.id, owner, JobStatus.COMPLETED, result ?? null, null);
      end(status === JobStatus.COMPLETED ? status : `LOST (${status})`);
      return status;
    } catch (error) {
      lease.stop();
      if (error instanceof JobCancelledError) {
        end(JobStatus.CANCELLED);
        return JobStatus.CANCELLED;
      }
      if (error instanceof JobLeaseLostError) {
        const status = await this.statusOf(job.id);
        end(`LOST (${status})`);
        return status;
      }
      if (error instanceof JobFailure) {
        // a failure of the job's input (a damaged file...): final, with its translated reason, never retried
        this.logger.warn({ ...fields, reason: error.message }, 'job failed on its input');
        const status = await this.finish(job.id, owner, JobStatus.FAILED, error.result ?? null, error.message);
        end(status, error.message);
        return status;
      }
      const message = (error as Error)?.message ?? String(error);
      const permanent = error instanceof AppError || error instanceof PermanentJobError;
      if (!permanent && job.attempts < registration.maxAttempts) {
        const delayMs = this.backoff(job.attempts);
        const requeued = await this.requeue(job.id, owner, delayMs, message);
        if (requeued) {
          this.logger.warn({ err: error, ...fields }, 'job failed; it will be retried');
          end('RETRY', message);
          await this.transport.dispatch(job.queue, job.id, { attempt: job.attempts, delayMs }).catch((e) => this.logger.error({ err: e, jobId }, 'dispatch of a retry failed; the relay will send it'));
          return JobStatus.QUEUED;
        }
        const status = await this.statusOf(job.id);
        end(`LOST (${status})`, message);
        return status;
      }
      this.logger.error({ err: error, ...fields }, 'job failed');
      const status = await this.finish(job.id, owner, JobStatus.FAILED, null, message);
      end(status, message);
      if (status === JobStatus.FAILED) await this.giveUp(registration, job, message);
      return status;
    }
  }

  /**
   * Takes back RUNNING jobs of this process's queues whose lease expired (their process died or hung):
   * back to QUEUED with a backoff while attempts remain, FAILED with the reason otherwise. Several
   * processes may sweep at once: each row's update re-checks its condition under the row lock.
   */
  async recoverExpired(): Promise<{ requeued: number; failed: number }> {
    const registrations = [...this.handlers.entries()];
    if (!registrations.length) return { requeued: 0, failed: 0 };
    const rows: { id: string; queue: string; status: JobStatus; attempts: number; payload: Record<string, unknown>; error_message: string }[] = (
      await this.dataSource.query(
        `UPDATE core.job j
            SET status = CASE WHEN j.attempts >= q.max_attempts THEN 'FAILED' ELSE 'QUEUED' END,
                error_message = CASE WHEN j.attempts >= q.max_attempts
                                     THEN format('interrupted %s times; last: lease expired', j.attempts)
                                     ELSE format('attempt %s interrupted: lease expired', j.attempts) END,
                next_attempt_at = CASE WHEN j.attempts >= q.max_attempts THEN NULL
                                       ELSE now() + make_interval(secs => $3::double precision * power(2, greatest(j.attempts - 1, 0)) / 1000) END,
                finished_at = CASE WHEN j.attempts >= q.max_attempts THEN now() END,
                lease_owner = NULL, lease_expires_at = NULL, dispatched_at = NULL, updated_at = now(), version = j.version + 1
           FROM unnest($1::text[], $2::int[]) AS q(queue, max_attempts)
          WHERE j.queue = q.queue AND j.status = 'RUNNING' AND j.lease_expires_at < now()
          RETURNING j.id, j.queue, j.status, j.attempts, j.payload, j.error_message`,
        [registrations.map(([queue]) => queue), registrations.map(([, r]) => r.maxAttempts), this.config.JOB_RETRY_BASE_MS],
      )
    )[0];
    for (const row of rows) {
      const line = { event: 'job.recovered', queue: row.queue, jobId: row.id, attempt: row.attempts, outcome: row.status, error: row.error_message };
      this.logger.warn(line, row.status === JobStatus.FAILED ? 'interrupted job failed for good' : 'interrupted job queued again');
      const registration = this.handlers.get(row.queue);
      if (row.status === JobStatus.FAILED && registration) await this.giveUp(registration, row, row.error_message);
    }
    return { requeued: rows.filter((r) => r.status === JobStatus.QUEUED).length, failed: rows.filter((r) => r.status === JobStatus.FAILED).length };
  }

  private backoff(attempts: number): number {
    return this.config.JOB_RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1);
  }

  private async giveUp(registration: Registration, job: { id: string; payload: Record<string, unknown> }, reason: string): Promise<void> {
    if (!registration.handler.onGiveUp) return;
    try {
      await registration.handler.onGiveUp(job, reason);
    } catch (error) {
      this.logger.error({ err: error, jobId: job.id }, 'onGiveUp of a failed job threw');
    }
  }

  /** Renews the lease until stopped; a renewal that matches nothing means the job is no longer ours. */
  private heartbeat(jobId: string, owner: string): { stop(): void } {
    let stopped = false;
    const timer = setInterval(() => {
      this.dataSource
        .query(
          `UPDATE core.job SET lease_expires_at = now() + make_interval(secs => $3::double precision / 1000)
            WHERE id = $1 AND lease_owner = $2 AND status = 'RUNNING'`,
          [jobId, owner, this.config.JOB_LEASE_MS],
        )
        .then(([, count]: [unknown, number]) => {
          if (!count && !stopped) {
            stopped = true;
            clearInterval(timer);
          }
        })
        .catch((error) => this.logger.warn({ err: error, jobId }, 'lease renewal failed'));
    }, this.config.JOB_HEARTBEAT_MS);
    timer.unref();
    return {
      stop: () => {
        stopped = true;
        clearInterval(timer);
      },
    };
  }

  private async saveCheckpoint(jobId: string, owner: string, checkpoint: unknown, manager?: EntityManager): Promise<void> {
    const [, count]: [unknown, number] = await (manager ?? this.dataSource.manager).query(
      `UPDATE core.job SET checkpoint = $3::jsonb, updated_at = now() WHERE id = $1 AND lease_owner = $2 AND status = 'RUNNING'`,
      [jobId, owner, JSON.stringify(checkpoint)],
    );
    if (!count) throw new JobLeaseLostError(jobId);
  }

  private async updateProgress(jobId: string, owner: string, progress: number): Promise<void> {
    const clamped = Math.max(0, Math.min(1, progress));
    await this.dataSource.query(`UPDATE core.job SET progress = $3, updated_at = now() WHERE id = $1 AND lease_owner = $2 AND status = 'RUNNING'`, [jobId, owner, clamped]);
  }

  private async requeue(jobId: string, owner: string, delayMs: number, errorMessage: string): Promise<boolean> {
    // dispatched_at is the moment the retry is due: the relay leaves it to the delayed delivery
    const [rows]: [unknown[]] = await this.dataSource.query(
      `UPDATE core.job SET status = 'QUEUED', error_message = $4, lease_owner = NULL, lease_expires_at = NULL,
              next_attempt_at = now() + make_interval(secs => $3::double precision / 1000), dispatched_at = now() + make_interval(secs => $3::double precision / 1000),
              updated_at = now(), version = version + 1
        WHERE id = $1 AND lease_owner = $2 AND status = 'RUNNING' RETURNING id`,
      [jobId, owner, delayMs, errorMessage],
    );
    return rows.length > 0;
  }

  private async finish(jobId: string, owner: string, status: JobStatus, result: unknown, errorMessage: string | null): Promise<JobStatus> {
    const [rows] = await this.dataSource.query(
      `UPDATE core.job SET status = $3::varchar, result = $4::jsonb, error_message = $5, progress = CASE WHEN $3::varchar = 'COMPLETED' THEN 1 ELSE progress END,
              lease_owner = NULL, lease_expires_at = NULL, finished_at = now(), updated_at = now(), version = version + 1
        WHERE id = $1 AND lease_owner = $2 AND status = 'RUNNING' RETURNING status`,
      [jobId, owner, status, JSON.stringify(result), errorMessage],
    );
    return rows.length ? status : this.statusOf(jobId);
  }

  private async statusOf(jobId: string): Promise<JobStatus> {
    const rows: { status: JobStatus }[] = await this.dataSource.query('SELECT status FROM core.job WHERE id = $1', [jobId]);
    return rows[0]?.status ?? JobStatus.FAILED;
  }
}
