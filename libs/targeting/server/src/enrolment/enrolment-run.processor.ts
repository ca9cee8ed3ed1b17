import { Injectable } from '@nestjs/common';
import { type JobContext, type JobHandler, JobProcessor } from '@coremis/core';
import type { EnrolmentRunStatus } from '../entities/enrolment-run.entity';
import { ENROLMENT_QUEUE, EnrolmentRunService } from './enrolment-run.service';

/** Computes enrolment runs (worker, or in-process without Redis), as the user who started them. */
@Injectable()
@JobProcessor(ENROLMENT_QUEUE)
export class EnrolmentRunProcessor implements JobHandler<{ runId: string }, { status: EnrolmentRunStatus | null }> {
  constructor(private readonly runs: EnrolmentRunService) {}

  process(job: JobContext<{ runId: string }>): Promise<{ status: EnrolmentRunStatus | null }> {
    return this.runs.compute(job);
  }

  /** A run whose job gave up (attempts spent on a database failure) is not left COMPUTING forever. */
  onGiveUp(job: { id: string; payload: { runId: string } }, reason: string): Promise<void> {
    return this.runs.giveUp(job.payload.runId, job.id, reason);
  }
}
