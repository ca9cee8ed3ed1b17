import { Injectable } from '@nestjs/common';
import { type JobContext, type JobHandler, JobProcessor } from '@coremis/core';
import { SCORE_QUEUE, type ScoreCheckpoint, ScoreJobService, type ScoreJobResult, type ScorePayload } from './score-job.service';

/** Runs scoring jobs (worker, or in-process without Redis). */
@Injectable()
@JobProcessor(SCORE_QUEUE)
export class ScoreJobProcessor implements JobHandler<ScorePayload, ScoreJobResult> {
  constructor(private readonly scoring: ScoreJobService) {}

  process(job: JobContext<ScorePayload>): Promise<ScoreJobResult> {
    return this.scoring.run(job as unknown as JobContext<ScorePayload, ScoreCheckpoint>);
  }
}
