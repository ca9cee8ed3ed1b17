import { SetMetadata, applyDecorators } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export const JOB_PROCESSOR = Symbol('JOB_PROCESSOR');
export const JOB_PROCESSOR_OPTIONS = Symbol('JOB_PROCESSOR_OPTIONS');

export interface JobContext<P = Record<string, unknown>, C = Record<string, unknown>> {
  id: string;
  name: string;
  payload: P;
  createdBy: string | null;
  /** 1 on the first run; more when the job is retried after a failure or taken over after a crash. */
  attempt: number;
  /** What the previous attempts saved with `saveCheckpoint` (null on a first run). */
  checkpoint: C | null;
  /**
   * Stores the checkpoint. With `manager`, it is written in that transaction, so the checkpoint and
   * the work it records commit (or roll back) together. Fenced: throws JobLeaseLostError (rolling the
   * caller's transaction back) when this process no longer holds the job.
   */
  saveCheckpoint(checkpoint: C, manager?: EntityManager): Promise<void>;
  /** Reports progress between 0 and 1. */
  updateProgress(progress: number): Promise<void>;
  /** True once someone cancelled the job; long processors check it between batches. */
  isCancelled(): Promise<boolean>;
}

export interface JobHandler<P = Record<string, unknown>, R = unknown> {
  process(context: JobContext<P>): Promise<R>;
  /**
   * Called once when the job ends FAILED for good (no attempt left, or a permanent error), in the
   * process that decided it: lets a processor settle what depends on the job.
   */
  onGiveUp?(job: { id: string; payload: P }, reason: string): Promise<void>;
}

export interface JobProcessorOptions {
  /** Attempts in all (first run included); default JOB_MAX_ATTEMPTS. */
  maxAttempts?: number;
}

/** Marks a provider as the processor of a queue. */
export const JobProcessor = (queue: string, options: JobProcessorOptions = {}) =>
  applyDecorators(SetMetadata(JOB_PROCESSOR, queue), SetMetadata(JOB_PROCESSOR_OPTIONS, options));

export class JobCancelledError extends Error {
  constructor() {
    super('Job cancelled');
  }
}

/** This process lost the job (its lease expired and another process took it over, or it was cancelled). */
export class JobLeaseLostError extends Error {
  constructor(jobId: string) {
    super(`Job ${jobId}: lease lost`);
  }
}

/** A failure that a retry cannot fix (bad input, missing data): the job fails at once. */
export class PermanentJobError extends Error {}
