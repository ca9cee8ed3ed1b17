import { Injectable } from '@nestjs/common';
import { type JobContext, type JobHandler, JobProcessor } from '@coremis/core';
import { type GenerationCheckpoint, type GenerationPayload, PAYROLL_GENERATION_QUEUE, PayrollService } from './payroll.service';

/** Generates payroll lines and flags duplicates (worker, or in-process without Redis). */
@Injectable()
@JobProcessor(PAYROLL_GENERATION_QUEUE)
export class PayrollGenerationProcessor implements JobHandler<GenerationPayload, GenerationCheckpoint> {
  constructor(private readonly payrolls: PayrollService) {}

  process(job: JobContext<GenerationPayload>): Promise<GenerationCheckpoint> {
    return this.payrolls.runGeneration(job as unknown as JobContext<GenerationPayload, GenerationCheckpoint>);
  }
}
