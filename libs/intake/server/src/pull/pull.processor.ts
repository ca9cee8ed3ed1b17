import { Injectable } from '@nestjs/common';
import { type JobContext, type JobHandler, JobProcessor } from '@coremis/core';
import { PULL_QUEUE, type PullCheckpoint, type PullPayload, type PullResult, PullService } from './pull.service';

/** Runs connector pulls (worker, or in-process without Redis); attempts resume from the checkpoint. */
@Injectable()
@JobProcessor(PULL_QUEUE, { maxAttempts: 5 })
export class PullProcessor implements JobHandler<PullPayload, PullResult> {
  constructor(private readonly pulls: PullService) {}

  process(job: JobContext<PullPayload>): Promise<PullResult> {
    return this.pulls.run(job as unknown as JobContext<PullPayload, PullCheckpoint>);
  }
}
