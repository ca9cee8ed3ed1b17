import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, JobCancelledError, type JobContext, JobFailure, type JobHandler, JobProcessor } from '@coremis/core';
import type { DataSource } from 'typeorm';
import { type ExistingArea, type ImportError, type KnownLevel, validateAdminAreaCsv } from './admin-area-csv.validator';
import { writeAdminAreas } from './admin-area-import.writer';
import { AreaImportUploadService } from './area-import-upload.service';

export const ADMIN_AREA_IMPORT_QUEUE = 'geo.import';
export const MAX_REPORTED_ERRORS = 1000;

export interface AdminAreaImportPayload {
  uploadId: string;
  fileName: string | null;
  validateOnly: boolean;
  /** Jobs queued before files were uploaded first carried the text itself. */
  csv?: string;
}

export interface AdminAreaImportResult {
  totalRows: number;
  created: number;
  updated: number;
  validateOnly: boolean;
  errorCount: number;
  errors: ImportError[];
}

/** Committed with the areas: a run taken over after a crash returns it instead of writing again. */
interface AdminAreaImportCheckpoint {
  written?: { created: number; updated: number };
}

/**
 * All-or-nothing import of a hierarchy: any invalid line means nothing is written. Safe to run again
 * after a crash at any point: the writes and the checkpoint that records them commit together.
 */
@Injectable()
@JobProcessor(ADMIN_AREA_IMPORT_QUEUE)
export class AdminAreaImportProcessor implements JobHandler<Record<string, unknown>, AdminAreaImportResult> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly uploads: AreaImportUploadService,
  ) {}

  async process(job: JobContext<Record<string, unknown>>): Promise<AdminAreaImportResult> {
    const payload = job.payload as unknown as AdminAreaImportPayload;
    const checkpoint = job.checkpoint as AdminAreaImportCheckpoint | null;
    const levels: KnownLevel[] = await this.dataSource.query('SELECT id, code, depth, ARRAY[name_en, name_fr, name_pt] AS names FROM geo.admin_level ORDER BY depth');
    const upload = payload.csv === undefined ? await this.uploads.get(payload.uploadId) : null;
    if (payload.csv === undefined && !upload) {
      const error: ImportError = { line: 0, column: null, code: 'uploadNotFound' };
      throw new JobFailure('The uploaded file of this import was not found.', { totalRows: 0, created: 0, updated: 0, validateOnly: payload.validateOnly, errorCount: 1, errors: [error] });
    }
    const csv = payload.csv ?? (await this.uploads.text(upload!));
    const { rows, errors } = await validateAdminAreaCsv(csv, levels, (codes) => this.existing(codes));
    await job.updateProgress(0.4);
    const base = { totalRows: rows.length, validateOnly: payload.validateOnly, errorCount: errors.length, errors: errors.slice(0, MAX_REPORTED_ERRORS) };
    if (checkpoint?.written) return { ...base, errorCount: 0, errors: [], ...checkpoint.written };
    if (errors.length || payload.validateOnly) return { ...base, created: 0, updated: 0 };
    if (await job.isCancelled()) throw new JobCancelledError();
    const counts = await this.dataSource.transaction(async (em) => {
      const result = await writeAdminAreas(em, rows, levels, (done, total) => job.updateProgress(0.4 + (0.55 * done) / total));
      // a cancellation that arrived while writing rolls the whole import back
      if (await job.isCancelled()) throw new JobCancelledError();
      // set-based SQL bypasses the ORM's audit: one entry for the whole import, in its transaction
      await this.audit.record(em, { action: 'IMPORT', entityType: 'AdminArea', details: { created: result.created, updated: result.updated, fileName: payload.fileName, jobId: job.id } });
      await job.saveCheckpoint({ written: { created: result.created, updated: result.updated } } satisfies AdminAreaImportCheckpoint, em);
      return result;
    });
    return { ...base, ...counts };
  }

  private async existing(codes: string[]): Promise<Map<string, ExistingArea>> {
    if (!codes.length) return new Map();
    const rows: { code: string; depth: number }[] = await this.dataSource.query(
      `SELECT a.code, l.depth FROM geo.admin_area a JOIN geo.admin_level l ON l.id = a.level_id WHERE a.code = ANY($1)`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, { code: r.code, depth: r.depth }]));
  }
}
