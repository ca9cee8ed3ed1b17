import { Injectable } from '@nestjs/common';
import { type JobContext, type JobHandler, JobProcessor } from '@coremis/core';
import { ImportSetupError, REGISTRY_IMPORT_QUEUE, type RegistryImportPayload, type RegistryImportResult, RegistryImportService } from './registry-import.service';

export interface RegistryImportJobResult extends Partial<RegistryImportResult> {
  /** The files or the mapping could not be read: nothing was checked or written. */
  setupError?: { code: string; args: Record<string, unknown> };
}

@Injectable()
@JobProcessor(REGISTRY_IMPORT_QUEUE)
export class RegistryImportProcessor implements JobHandler<Record<string, unknown>, RegistryImportJobResult> {
  constructor(private readonly imports: RegistryImportService) {}

  async process(job: JobContext<Record<string, unknown>>): Promise<RegistryImportJobResult> {
    try {
      return await this.imports.run(job.payload as unknown as RegistryImportPayload, { jobId: job.id, updateProgress: (p) => job.updateProgress(p), isCancelled: () => job.isCancelled() });
    } catch (error) {
      // a file that cannot be read is an outcome to report in the user's language, not a crash
      if (error instanceof ImportSetupError) return { setupError: { code: error.code, args: error.args }, errorCount: 1, errors: [] };
      throw error;
    }
  }
}
