import { Injectable } from '@nestjs/common';
import { type JobContext, type JobHandler, JobProcessor } from '@coremis/core';
import type { StatusChangeResult } from '../beneficiary.service';
import { BeneficiaryBulkService, BULK_STATUS_QUEUE, type BulkStatusCheckpoint, type BulkStatusPayload } from './beneficiary-bulk.service';

/** Runs bulk status changes (worker, or in-process without Redis). */
@Injectable()
@JobProcessor(BULK_STATUS_QUEUE)
export class BeneficiaryBulkProcessor implements JobHandler<BulkStatusPayload, StatusChangeResult & { total: number }> {
  constructor(private readonly bulk: BeneficiaryBulkService) {}

  process(job: JobContext<BulkStatusPayload>): Promise<StatusChangeResult & { total: number }> {
    return this.bulk.run(job as unknown as JobContext<BulkStatusPayload, BulkStatusCheckpoint>);
  }
}
