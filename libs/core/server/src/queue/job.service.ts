import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { notFound, conflict } from '../graphql/app-error';
import { Job, JobStatus } from './job.entity';
import { JOB_TRANSPORT, type JobTransport } from './job-transport';

export interface EnqueueOptions {
  createdBy?: string | null;
  /** Enlist the job row in the caller's transaction; dispatch happens after it commits. */
  manager?: EntityManager;
}

@Injectable()
export class JobService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(JOB_TRANSPORT) private readonly transport: JobTransport,
  ) {}

  get transportKind(): JobTransport['kind'] {
    return this.transport.kind;
  }

  async enqueue(queue: string, name: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<Job> {
    const repo = (options.manager ?? this.dataSource.manager).getRepository(Job);
    const job = repo.create({ queue, name, payload, status: JobStatus.QUEUED, progress: 0, createdBy: options.createdBy ?? null });
    await repo.save(job);
    // Inside a caller's transaction the worker could look for the row before it commits:
    // the caller dispatches after commit instead.
    if (!options.manager) await this.transport.dispatch(queue, job.id);
    return job;
  }

  /** Dispatches jobs whose rows were written inside a transaction that has now committed. */
  async dispatch(job: Pick<Job, 'id' | 'queue'>): Promise<void> {
    await this.transport.dispatch(job.queue, job.id);
  }

  async findById(id: string): Promise<Job | null> {
    return this.dataSource.getRepository(Job).findOneBy({ id });
  }

  async cancel(id: string): Promise<Job> {
    const [rows] = await this.dataSource.query(
      `UPDATE core.job SET status = 'CANCELLED', finished_at = now(), updated_at = now(), version = version + 1
        WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') RETURNING id`,
      [id],
    );
    const job = await this.findById(id);
    if (!job) throw notFound('core.errors.jobNotFound', { id });
    if (!rows.length) throw conflict('core.errors.jobAlreadyFinished', { status: job.status });
    return job;
  }

  /** Waits until the in-process queue is idle (no-op with BullMQ). */
  drain(): Promise<void> {
    return this.transport.drain();
  }
}
