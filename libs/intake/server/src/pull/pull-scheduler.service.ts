import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { intakeConfig } from '../intake-config';
import { PullService } from './pull.service';

/**
 * The schedule of pulls, in-process in each worker: every INTAKE_SCHEDULER_SECONDS, the connectors whose
 * next pull is due and whose last pull is not still queued or running are claimed by one conditional
 * update (so several workers never queue the same pull twice) and their pull is queued as the owner.
 */
@Injectable()
export class PullScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PullScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pulls: PullService,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = intakeConfig().schedulerSeconds;
    if (!seconds) return;
    this.timer = setInterval(() => void this.tick(), seconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Queues the pulls that are due; returns how many. */
  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const due = (await this.dataSource.query(
        `UPDATE intake.connector c SET next_pull_at = now() + make_interval(mins => c.pull_interval_minutes)
          WHERE c.next_pull_at <= now() AND c.pull_interval_minutes IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM core.job j WHERE j.id = c.last_job_id AND j.status IN ('QUEUED', 'RUNNING'))
          RETURNING c.id, c.owner_id`,
      )) as [{ id: string; owner_id: string | null }[], number];
      const rows = Array.isArray(due[0]) ? due[0] : (due as unknown as { id: string; owner_id: string | null }[]);
      for (const row of rows) await this.pulls.enqueue({ id: row.id }, row.owner_id);
      return rows.length;
    } catch (error) {
      this.logger.warn(`scheduled pulls: ${(error as Error).message}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
