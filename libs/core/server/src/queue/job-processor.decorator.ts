import { SetMetadata } from '@nestjs/common';

export const JOB_PROCESSOR = Symbol('JOB_PROCESSOR');

export interface JobContext<P = Record<string, unknown>> {
  id: string;
  name: string;
  payload: P;
  createdBy: string | null;
  /** Reports progress between 0 and 1. */
  updateProgress(progress: number): Promise<void>;
  /** True once someone cancelled the job; long processors check it between batches. */
  isCancelled(): Promise<boolean>;
}

export interface JobHandler<P = Record<string, unknown>, R = unknown> {
  process(context: JobContext<P>): Promise<R>;
}

/** Marks a provider as the processor of a queue. */
export const JobProcessor = (queue: string) => SetMetadata(JOB_PROCESSOR, queue);

export class JobCancelledError extends Error {
  constructor() {
    super('Job cancelled');
  }
}
