import { Injectable } from '@nestjs/common';
import { type JobContext, type JobHandler, JobProcessor } from '@coremis/core';
import { type DetectAllResult, DuplicateDetectionService } from './duplicate-detection.service';

export const DUPLICATE_DETECTION_QUEUE = 'registry.duplicates';

/** Registry-wide duplicate detection as a background job: progress, cancellation, counts as result. */
@Injectable()
@JobProcessor(DUPLICATE_DETECTION_QUEUE)
export class DuplicateDetectionProcessor implements JobHandler<Record<string, unknown>, DetectAllResult> {
  constructor(private readonly detection: DuplicateDetectionService) {}

  process(job: JobContext<Record<string, unknown>>): Promise<DetectAllResult> {
    return this.detection.detectAll({ jobId: job.id, onProgress: (p) => job.updateProgress(p), isCancelled: () => job.isCancelled() });
  }
}
