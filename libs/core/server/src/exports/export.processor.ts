import { rm, mkdir } from 'node:fs/promises';
import { hasPermissions } from '../access/access-policy';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';
import { RequestContext } from '../context/request-context';
import { Translator } from '../i18n/translator';
import type { Language } from '../modules/module-definition';
import { JobCancelledError, type JobContext, type JobHandler, JobProcessor, PermanentJobError } from '../queue/job-processor.decorator';
import { Inject } from '@nestjs/common';
import { type ExportFileWriter, openCsvWriter, openXlsxWriter } from './export-file-writer';
import { EXPORT_QUEUE, type ExportPayload, type ExportResult, ExportService } from './export.service';
import { ExportRegistry } from './exportable-list';

/** Rows read and written per batch (the lists' page size limit). */
export const EXPORT_BATCH = 500;

interface ExportCheckpoint extends Record<string, unknown> {
  after: string | null;
  rows: number;
  bytes: number;
  total: number;
}

/**
 * Writes an export file batch by batch along the list's keyset cursor, as the user who asked for it.
 * CSV resumes after a crash from its checkpoint (cursor, rows and file size committed after each
 * batch); XLSX starts again.
 */
@JobProcessor(EXPORT_QUEUE)
export class ExportProcessor implements JobHandler<ExportPayload, ExportResult> {
  constructor(
    private readonly registry: ExportRegistry,
    private readonly exports: ExportService,
    private readonly translator: Translator,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  async process(job: JobContext<ExportPayload>): Promise<ExportResult> {
    const { format } = job.payload;
    const list = this.registry.get(job.payload.list);
    if (!list) throw new PermanentJobError(`Unknown exportable list ${job.payload.list}`);
    // permissions as of now: a user who lost the permission since does not get the file
    if (!hasPermissions(RequestContext.actor(), [list.permission])) throw new PermanentJobError('The user may no longer export this list');
    const filter = await this.exports.parseFilter(list, job.payload.filter);
    const lang = (['en', 'fr', 'pt'].includes(job.payload.lang) ? job.payload.lang : 'en') as Language;
    const header = list.columns.map((c) => this.translator.translate(c.header, lang));
    const path = this.exports.pathOf(job.id, format);
    await mkdir(this.exports.directory, { recursive: true });
    const checkpoint = format === 'CSV' ? (job.checkpoint as ExportCheckpoint | null) : null;
    const writer: ExportFileWriter =
      format === 'CSV' ? await openCsvWriter(path, header, checkpoint?.bytes ?? null) : await openXlsxWriter(path, header, this.translator.translate(`core.exports.sheet`, lang));
    let { after, rows, total } = checkpoint ?? { after: null, rows: 0, total: -1 };
    try {
      for (;;) {
        if (await job.isCancelled()) throw new JobCancelledError();
        const page = await list.fetch(filter, { first: EXPORT_BATCH, after });
        if (total < 0) total = Number((await page.totalCount) ?? 0);
        await writer.writeRows(page.rows.map((row) => list.columns.map((c) => c.value(row, lang))));
        rows += page.rows.length;
        after = page.endCursor;
        const bytes = await writer.flush();
        if (format === 'CSV') await job.saveCheckpoint({ after, rows, bytes, total });
        await job.updateProgress(total > 0 ? Math.min(0.99, rows / total) : 0.99);
        if (!page.hasNextPage || !page.endCursor) break;
      }
      await writer.close();
    } catch (error) {
      await writer.abort();
      if (format === 'XLSX' || error instanceof JobCancelledError || error instanceof PermanentJobError) await rm(path, { force: true });
      throw error;
    }
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    return {
      fileName: `${list.name.replace(/\./g, '-')}-${stamp}.${format.toLowerCase()}`,
      format,
      rows,
      expiresAt: new Date(Date.now() + this.config.EXPORT_RETENTION_HOURS * 3_600_000).toISOString(),
    };
  }

  async onGiveUp(job: { id: string; payload: ExportPayload }): Promise<void> {
    await rm(this.exports.pathOf(job.id, job.payload.format), { force: true });
  }
}
