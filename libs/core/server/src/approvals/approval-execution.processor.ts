import { Injectable } from '@nestjs/common';
import { type JobContext, type JobHandler, JobProcessor } from '../queue/job-processor.decorator';
import { APPROVALS_QUEUE, type ApprovalJobCheckpoint, type ApprovalJobPayload, ApprovalService } from './approval.service';
import type { PendingOperationStatus } from './pending-operation.entity';

/**
 * Runs approved operations. Registered in the API only (operations are resolver methods), which
 * therefore always consumes this queue, with or without Redis. An attempt that died after the
 * operation started is never run again (see ApprovalService.executeApproved).
 */
@Injectable()
@JobProcessor(APPROVALS_QUEUE, { maxAttempts: 5 })
export class ApprovalExecutionProcessor implements JobHandler<ApprovalJobPayload, { status: PendingOperationStatus }> {
  constructor(private readonly approvals: ApprovalService) {}

  process(job: JobContext<ApprovalJobPayload>): Promise<{ status: PendingOperationStatus }> {
    return this.approvals.executeApproved(job as unknown as JobContext<ApprovalJobPayload, ApprovalJobCheckpoint>);
  }

  async onGiveUp(job: { id: string; payload: ApprovalJobPayload }): Promise<void> {
    await this.approvals.executionAbandoned(job.payload.operationId);
  }
}
