import { Injectable } from '@nestjs/common';
import { type JobContext, type JobHandler, JobProcessor } from '@coremis/core';
import { PAYROLL_SUBMISSION_QUEUE, PayrollSubmissionService, type SubmissionCheckpoint, type SubmissionPayload } from './payroll-submission.service';

/** Sends approved payroll lines to the payroll's provider (worker, or in-process without Redis). */
@Injectable()
@JobProcessor(PAYROLL_SUBMISSION_QUEUE)
export class PayrollSubmissionProcessor implements JobHandler<SubmissionPayload, SubmissionCheckpoint> {
  constructor(private readonly submission: PayrollSubmissionService) {}

  process(job: JobContext<SubmissionPayload>): Promise<SubmissionCheckpoint> {
    return this.submission.run(job as unknown as JobContext<SubmissionPayload, SubmissionCheckpoint>);
  }
}
