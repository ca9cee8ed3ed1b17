import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, Inject } from '@nestjs/common';
import { type JobContext, type JobHandler, JobProcessor, JobService, PROCESS_ROLE, type ProcessRole } from '@coremis/core';
import { TicketService } from './ticket.service';

export const GRM_ESCALATION_QUEUE = 'grm-escalation';
/** How often the worker enqueues the escalation run (minutes); 0 turns the schedule off. */
export const escalationIntervalMinutes = () => Number(process.env['GRM_ESCALATION_INTERVAL_MINUTES'] ?? 15);

/**
 * Escalates overdue tickets to their category's supervisor role. Repeatable: the run takes only
 * tickets not yet escalated (SKIP LOCKED), so two runs at once or a retried run escalate each once.
 */
@Injectable()
@JobProcessor(GRM_ESCALATION_QUEUE)
export class EscalationProcessor implements JobHandler<Record<string, never>, { escalated: number }>, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EscalationProcessor.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly tickets: TicketService,
    private readonly jobs: JobService,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
  ) {}

  async process(_job: JobContext<Record<string, never>>): Promise<{ escalated: number }> {
    return { escalated: await this.tickets.escalateOverdue() };
  }

  onApplicationBootstrap(): void {
    const minutes = escalationIntervalMinutes();
    if (!minutes || (this.role === 'api' && this.jobs.transportKind !== 'in-process')) return;
    this.timer = setInterval(() => {
      this.jobs.enqueue(GRM_ESCALATION_QUEUE, 'escalate-overdue', {}).catch((error) => this.logger.warn({ err: error }, 'grm: could not enqueue the escalation run'));
    }, minutes * 60_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
