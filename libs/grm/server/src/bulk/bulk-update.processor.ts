import { Injectable } from '@nestjs/common';
import { type JobContext, type JobHandler, JobProcessor } from '@coremis/core';
import { BULK_UPDATE_QUEUE, type BulkUpdateStatus, BulkUpdateService } from './bulk-update.service';

/**
 * Reads, checks and previews a bulk update's file ('check'), or applies it ('apply'), as its maker. Safe to run
 * again: each is one transaction guarded by the update's status (CHECKING, APPLYING), so an attempt after a crash
 * either redoes it all (nothing had committed) or finds it done.
 */
@Injectable()
@JobProcessor(BULK_UPDATE_QUEUE)
export class BulkUpdateProcessor implements JobHandler<{ id: string }, { status: BulkUpdateStatus | null }> {
  constructor(private readonly service: BulkUpdateService) {}

  async process(job: JobContext<{ id: string }>): Promise<{ status: BulkUpdateStatus | null }> {
    const progress = (fraction: number) => job.updateProgress(fraction);
    return { status: await (job.name === 'apply' ? this.service.runApply(job.payload.id, progress) : this.service.runCheck(job.payload.id, progress)) };
  }
}
