import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { JobService, RequirePermissions, Translator, UuidPipe } from '@coremis/core';
import { AdminAreaImportReport } from './dto/admin-area.models';
import { ADMIN_AREA_IMPORT_QUEUE, type AdminAreaImportResult } from './import/admin-area-import.processor';

@Resolver(() => AdminAreaImportReport)
export class AdminAreaImportReportResolver {
  constructor(private readonly jobs: JobService, private readonly translator: Translator) {}

  @Query(() => AdminAreaImportReport, { nullable: true, description: 'Outcome of an import job, with per-line errors in the language of the request.' })
  @RequirePermissions('geo.areas.import')
  async adminAreaImportReport(@Args('jobId', { type: () => ID }, UuidPipe) jobId: string): Promise<AdminAreaImportReport | null> {
    const job = await this.jobs.findById(jobId);
    if (!job || job.queue !== ADMIN_AREA_IMPORT_QUEUE) return null;
    const result = (job.result ?? {}) as Partial<AdminAreaImportResult>;
    const lang = this.translator.currentLanguage();
    return {
      jobId: job.id,
      status: job.status,
      totalRows: result.totalRows ?? 0,
      created: result.created ?? 0,
      updated: result.updated ?? 0,
      validateOnly: result.validateOnly ?? Boolean((job.payload as { validateOnly?: boolean }).validateOnly),
      errorCount: result.errorCount ?? 0,
      errors: (result.errors ?? []).map((e) => ({
        line: e.line,
        column: e.column,
        code: e.code,
        message: this.translator.translate(`geo.import.${e.code}`, lang, { ...(e.args ?? {}), column: e.column ?? '' }),
      })),
    };
  }
}
