import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';
import { JobRunner } from './job-runner.service';
import { JOB_TRANSPORT, type JobTransport } from './job-transport';

export const PROCESS_ROLE = Symbol('PROCESS_ROLE');
export type ProcessRole = 'api' | 'worker';

/**
 * Decides who consumes jobs: the worker always; the API only without Redis (in-process mode) or
 * when RUN_JOBS_IN_API is set. In-process mode resumes jobs left QUEUED by a previous run.
 */
@Injectable()
export class QueueLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueLifecycle.name);

  constructor(
    @Inject(JOB_TRANSPORT) private readonly transport: JobTransport,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: JobRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const consume = this.role === 'worker' || this.transport.kind === 'in-process' || this.config.RUN_JOBS_IN_API;
    if (!consume) return;
    const queues = this.runner.queues();
    await this.transport.startConsumers(this.runner, queues);
    this.logger.log(`consuming ${queues.length ? queues.join(', ') : 'no queues'} via ${this.transport.kind}`);
    if (this.transport.kind === 'in-process' && queues.length) {
      const rows: { id: string; queue: string }[] = await this.dataSource.query(
        `SELECT id, queue FROM core.job WHERE status = 'QUEUED' AND queue = ANY($1) ORDER BY id`,
        [queues],
      );
      for (const row of rows) await this.transport.dispatch(row.queue, row.id);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}
