import { Injectable } from '@nestjs/common';
import { type JobContext, type JobHandler, JobProcessor } from '@coremis/core';
import { type DetectAllResult, DuplicateDetectionService } from './duplicate-detection.service';

export const DUPLICATE_DETECTION_QUEUE = 'registry.duplicates';

/**
 * Registry-wide duplicate detection as a background job: progress, cancellation, counts as result.
 * One transaction that also commits the outcome as the job's checkpoint: a run taken over after a
 * crash either starts from nothing (rolled back) or returns what the committed run found.
 */
@Injectable()
@JobProcessor(DUPLICATE_DETECTION_QUEUE)
export class DuplicateDetectionProcessor implements JobHandler<Record<string, unknown>, DetectAllResult> {
  constructor(private readonly detection: DuplicateDetectionService) {}

  async process(job: JobContext<Record<string, unknown>>): Promise<DetectAllResult> {
    const done = (job.checkpoint as { result?: DetectAllResult } | null)?.result;
    if (done) return done;
    return this.detection.detectAll({
      jobId: job.id,
      onProgress: (p) => job.updateProgress(p),
      isCancelled: () => job.isCancelled(),
      beforeCommit: (manager, result) => job.saveCheckpoint({ result }, manager),
    });
  }
}
