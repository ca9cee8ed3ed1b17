import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { badInput, RequirePermissions, Translator, UuidPipe } from '@coremis/core';
import type { Response } from 'express';
import { PayrollReportService, type ReportLanguage } from './payroll-report.service';
import { type ReportLabels, reportPdf, reportXlsx } from './payroll-report.writer';

const FORMATS = {
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', write: reportXlsx },
  pdf: { type: 'application/pdf', write: reportPdf },
} as const;
const LABEL_KEYS: (keyof ReportLabels)[] = ['title', 'payroll', 'cycle', 'period', 'status', 'currency', 'byArea', 'byPaymentPoint', 'code', 'name', 'total', 'plannedCount', 'plannedAmount', 'paidCount', 'paidAmount', 'failedCount', 'failedAmount', 'unassigned'];

/** The reconciliation report of a payroll as a file (XLSX or PDF), in the reader's language, for their areas. */
@Controller('api/payment/payrolls')
export class PayrollReportController {
  constructor(
    private readonly reports: PayrollReportService,
    private readonly translator: Translator,
  ) {}

  @Get(':id/reconciliation-report')
  @RequirePermissions('payment.view')
  async download(@Param('id', UuidPipe) id: string, @Query('format') format: string | undefined, @Res() res: Response): Promise<void> {
    const lang = this.translator.currentLanguage() as ReportLanguage;
    // a repeated `?format=` arrives as an array
    const extension = typeof format === 'string' ? format.toLowerCase() : '';
    if (!Object.hasOwn(FORMATS, extension)) throw badInput('payment.reports.badFormat');
    const chosen = FORMATS[extension as keyof typeof FORMATS];
    const data = await this.reports.data(id, lang);
    const labels = Object.fromEntries(LABEL_KEYS.map((key) => [key, this.translator.translate(`payment.reports.${key}`, lang)])) as ReportLabels;
    const content = await chosen.write(data, labels);
    const fileName = `reconciliation-${data.code.replace(/[^A-Za-z0-9._-]/g, '_')}.${extension}`;
    res.setHeader('Content-Type', chosen.type);
    res.setHeader('Content-Length', String(content.length));
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(content);
  }
}
