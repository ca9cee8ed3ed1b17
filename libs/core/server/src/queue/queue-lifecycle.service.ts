import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';
import { JobRunner } from './job-runner.service';
import { JobService } from './job.service';
import { JOB_TRANSPORT, type JobTransport } from './job-transport';

export const PROCESS_ROLE = Symbol('PROCESS_ROLE');
export type ProcessRole = 'api' | 'worker';

/**
 * Decides who consumes jobs: the worker always; the API without Redis (in-process mode), with
 * RUN_JOBS_IN_API, and in any case for the queues only it has processors for (approved operations,
 * which run resolver methods). Every consuming process recovers jobs whose lease expired and relays
 * committed jobs not yet dispatched, at start-up and every JOB_SWEEP_MS; an API that only enqueues
 * (Redis mode) still relays, so a job written in a transaction is never left undelivered.
 */
@Injectable()
export class QueueLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueLifecycle.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private stopped = false;
  private queues: string[] = [];

  constructor(
    @Inject(JOB_TRANSPORT) private readonly transport: JobTransport,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly runner: JobRunner,
    private readonly jobs: JobService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // the API module only registers module processors when it consumes jobs (see ApiAppModule)
    this.queues = this.runner.queues();
    if (this.queues.length) {
      await this.transport.startConsumers(this.runner, this.queues);
      this.logger.log(`consuming ${this.queues.join(', ')} via ${this.transport.kind}`);
    }
    await this.runner.recoverExpired();
    // in-process deliveries of a previous run died with it: send every due QUEUED job again
    await this.jobs.relay(this.relayQueues(), this.config.JOB_LEASE_MS, this.transport.kind === 'in-process');
    this.schedule();
  }

  /** In-process: only this process's queues (nobody else consumes them); BullMQ: all of them. */
  private relayQueues(): string[] | null {
    return this.transport.kind === 'in-process' ? this.queues : null;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.sweeping = this.sweep().finally(() => {
        this.sweeping = undefined;
        this.schedule();
      });
    }, this.config.JOB_SWEEP_MS);
    this.timer.unref();
  }

  private async sweep(): Promise<void> {
    try {
      await this.runner.recoverExpired();
      await this.jobs.relay(this.relayQueues(), this.config.JOB_LEASE_MS);
    } catch (error) {
      if (!this.stopped) this.logger.warn({ err: error }, 'job recovery sweep failed; retrying at the next one');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sweeping;
    await this.transport.close();
  }
}
