import { Injectable } from '@nestjs/common';
import { type JobContext, type JobHandler, JobProcessor } from '@coremis/core';
import type { RoundStatus } from '../entities/workflow.entity';
import { ROUND_QUEUE, WorkflowService } from './workflow.service';

/** Evaluates targeting rounds' stages (worker, or in-process without Redis), as the user who started or advanced them. */
@Injectable()
@JobProcessor(ROUND_QUEUE)
export class RoundEvaluationProcessor implements JobHandler<{ roundId: string }, { currentStage: number | null; status: RoundStatus | null }> {
  constructor(private readonly workflows: WorkflowService) {}

  process(job: JobContext<{ roundId: string }>): Promise<{ currentStage: number | null; status: RoundStatus | null }> {
    return this.workflows.runEvaluation(job);
  }
}
