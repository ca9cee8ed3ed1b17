import { Injectable } from '@nestjs/common';
import { JobFailure, type JobContext, type JobHandler, JobProcessor, Translator } from '@coremis/core';
import { ImportSetupError, REGISTRY_IMPORT_QUEUE, type RegistryImportCheckpoint, type RegistryImportPayload, type RegistryImportResult, RegistryImportService } from './registry-import.service';

export interface RegistryImportJobResult extends Partial<RegistryImportResult> {
  /** The files or the mapping could not be read: nothing was checked or written. */
  setupError?: { code: string; args: Record<string, unknown> };
}

/**
 * Safe to run again after a crash at any point: before its merge commits, an attempt changed nothing
 * (one transaction); once it has, the checkpoint written in that transaction makes the next attempt
 * skip to the steps after the commit, whose failures are warnings, not a failed import.
 */
@Injectable()
@JobProcessor(REGISTRY_IMPORT_QUEUE)
export class RegistryImportProcessor implements JobHandler<Record<string, unknown>, RegistryImportJobResult> {
  constructor(
    private readonly imports: RegistryImportService,
    private readonly translator: Translator,
  ) {}

  async process(job: JobContext<Record<string, unknown>>): Promise<RegistryImportJobResult> {
    try {
      return await this.imports.run(job.payload as unknown as RegistryImportPayload, {
        jobId: job.id,
        updateProgress: (p) => job.updateProgress(p),
        isCancelled: () => job.isCancelled(),
        checkpoint: job.checkpoint as RegistryImportCheckpoint | null,
        saveCheckpoint: (checkpoint, manager) => job.saveCheckpoint(checkpoint as unknown as Record<string, unknown>, manager),
      });
    } catch (error) {
      // a file that cannot be read ends the job FAILED with the reason, reported in the reader's language (registryImportReport.setupError)
      if (error instanceof ImportSetupError) {
        const result: RegistryImportJobResult = { setupError: { code: error.code, args: error.args }, errorCount: 1, errors: [] };
        const file = typeof error.args['file'] === 'string' ? this.translator.translate(`registry.import.files.${error.args['file']}`, 'en') : '';
        throw new JobFailure(this.translator.translate(`registry.import.${error.code}`, 'en', { ...error.args, file }), result);
      }
      throw error;
    }
  }
}
