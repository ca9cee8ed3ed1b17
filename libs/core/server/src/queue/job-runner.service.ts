import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, RequestContext } from '../context/request-context';
import { ActorService } from '../identity/actor.service';
import { Job, JobStatus } from './job.entity';
import { JobFailure } from './job-failure';
import { JOB_PROCESSOR, JobCancelledError, type JobHandler } from './job-processor.decorator';

/**
 * Executes a job row with its queue's processor. Both BullMQ workers and the in-process mode call
 * `run`, so a job behaves the same whichever transport carried it. The QUEUED -> RUNNING transition
 * is a conditional update, so a job runs at most once even if delivered twice.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);
  private handlersByQueue?: Map<string, JobHandler>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly actors: ActorService,
  ) {}

  private get handlers(): Map<string, JobHandler> {
    if (!this.handlersByQueue) {
      this.handlersByQueue = new Map();
      for (const { instance, metatype } of this.discovery.getProviders()) {
        if (!instance || !metatype) continue;
        const queue = this.reflector.get<string | undefined>(JOB_PROCESSOR, metatype);
        if (queue) this.handlersByQueue.set(queue, instance as JobHandler);
      }
    }
    return this.handlersByQueue;
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
    const claimed: Job[] = await this.dataSource.query(
      `UPDATE core.job SET status = 'RUNNING', started_at = now(), updated_at = now(), version = version + 1
        WHERE id = $1 AND status = 'QUEUED' RETURNING id, queue, name, payload, created_by AS "createdBy"`,
      [jobId],
    ).then(([rows]: [Job[]]) => rows);
    const job = claimed[0];
    if (!job) return this.statusOf(jobId);
    const handler = this.handlers.get(job.queue);
    if (!handler) {
      await this.finish(jobId, JobStatus.FAILED, null, `No processor for queue ${job.queue}`);
      return JobStatus.FAILED;
    }
    try {
      const result = await handler.process({
        id: job.id,
        name: job.name,
        payload: job.payload,
        createdBy: job.createdBy,
        updateProgress: (p) => this.updateProgress(jobId, p),
        isCancelled: async () => (await this.statusOf(jobId)) === JobStatus.CANCELLED,
      });
      return await this.finish(jobId, JobStatus.COMPLETED, result ?? null, null);
    } catch (error) {
      if (error instanceof JobCancelledError) return JobStatus.CANCELLED;
      if (error instanceof JobFailure) {
        this.logger.warn({ jobId, queue: job.queue, reason: error.message }, 'job failed on its input');
        return this.finish(jobId, JobStatus.FAILED, error.result ?? null, error.message);
      }
      this.logger.error({ err: error, jobId, queue: job.queue }, 'job failed');
      return this.finish(jobId, JobStatus.FAILED, null, (error as Error).message ?? String(error));
    }
  }

  private async updateProgress(jobId: string, progress: number): Promise<void> {
    const clamped = Math.max(0, Math.min(1, progress));
    await this.dataSource.query(`UPDATE core.job SET progress = $2, updated_at = now() WHERE id = $1 AND status = 'RUNNING'`, [jobId, clamped]);
  }

  private async finish(jobId: string, status: JobStatus, result: unknown, errorMessage: string | null): Promise<JobStatus> {
    const [rows] = await this.dataSource.query(
      `UPDATE core.job SET status = $2::varchar, result = $3::jsonb, error_message = $4, progress = CASE WHEN $2::varchar = 'COMPLETED' THEN 1 ELSE progress END,
              finished_at = now(), updated_at = now(), version = version + 1
        WHERE id = $1 AND status = 'RUNNING' RETURNING status`,
      [jobId, status, JSON.stringify(result), errorMessage],
    );
    return rows.length ? status : this.statusOf(jobId);
  }

  private async statusOf(jobId: string): Promise<JobStatus> {
    const rows: { status: JobStatus }[] = await this.dataSource.query('SELECT status FROM core.job WHERE id = $1', [jobId]);
    return rows[0]?.status ?? JobStatus.FAILED;
  }
}
