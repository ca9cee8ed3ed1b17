import { Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { httpErrorOf, isLanguage, JobService, notFound, RequirePermissions, Translator, UuidPipe } from '@coremis/core';
import type { Request, Response } from 'express';
import { mayReadImport } from './import-access';
import { ImportUploadService } from './import-upload.service';
import { ImportReportService } from './import-report.service';

/** File transfers of the import wizard: the upload (raw body, any size up to the limit) and the error report. */
@Controller('api/registry/imports')
export class ImportUploadController {
  constructor(
    private readonly uploads: ImportUploadService,
    private readonly translator: Translator,
    private readonly reports: ImportReportService,
    private readonly jobs: JobService,
  ) {}

  @Post('uploads')
  @HttpCode(201)
  @RequirePermissions('registry.import')
  async upload(@Req() req: Request, @Query('name') name: string | undefined): Promise<{ id: string; name: string; format: string; size: number }> {
    try {
      const upload = await this.uploads.save(req, (typeof name === 'string' && name.trim()) || 'upload.csv');
      return { id: upload.id, name: upload.name, format: upload.format, size: upload.size };
    } catch (error) {
      throw httpErrorOf(error, this.translator);
    }
  }

  /** Every row error of an import as CSV, in the language asked for (`?lang=` or the request's). */
  @Get(':jobId/errors.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @RequirePermissions('registry.import')
  async errors(@Param('jobId', UuidPipe) jobId: string, @Query('lang') lang: string | undefined, @Res() res: Response): Promise<void> {
    // the same rule as registryImportReport; someone else's import does not exist for the caller
    if (!mayReadImport(await this.jobs.findById(jobId))) throw notFound('core.errors.jobNotFound');
    res.setHeader('Content-Disposition', `attachment; filename="import-errors-${jobId}.csv"`);
    res.write('\uFEFF');
    for await (const chunk of this.reports.errorCsv(jobId, lang && isLanguage(lang) ? lang : this.translator.currentLanguage())) res.write(chunk);
    res.end();
  }
}
