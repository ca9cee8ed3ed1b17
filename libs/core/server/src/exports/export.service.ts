import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { hasPermissions } from '../access/access-policy';
import { AuditService } from '../audit/audit.service';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';
import { type Actor, RequestContext } from '../context/request-context';
import { AppError, badInput, forbidden, notFound } from '../graphql/app-error';
import { toFieldErrors } from '../graphql/validation';
import { Translator } from '../i18n/translator';
import { Job } from '../queue/job.entity';
import { JobService } from '../queue/job.service';
import type { ExportFormat } from './export-file-writer';
import { type ExportableList, ExportRegistry } from './exportable-list';

export const EXPORT_QUEUE = 'core.exports';

export interface ExportPayload extends Record<string, unknown> {
  list: string;
  format: ExportFormat;
  filter: Record<string, unknown>;
  lang: string;
}

export interface ExportResult {
  fileName: string;
  format: ExportFormat;
  rows: number;
  expiresAt: string;
}

/** Starts exports, finds their files for download and deletes them after EXPORT_RETENTION_HOURS. */
@Injectable()
export class ExportService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ExportService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly registry: ExportRegistry,
    private readonly jobs: JobService,
    private readonly audit: AuditService,
    private readonly translator: Translator,
  ) {}

  get directory(): string {
    return resolve(process.env['EXPORT_DIR'] ?? join(this.config.DATA_DIR, 'exports'));
  }

  pathOf(jobId: string, format: ExportFormat): string {
    return join(this.directory, `${jobId}.${format.toLowerCase()}`);
  }

  onModuleInit(): void {
    const every = Math.min(Math.max(this.config.JOB_SWEEP_MS * 4, 1000), 600_000);
    this.timer = setInterval(() => void this.sweep().catch((error) => this.logger.warn({ err: error }, 'export sweep failed')), every);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The list, if the actor may export it (NOT_FOUND for an unknown name, FORBIDDEN without its permission). */
  listFor(name: string, actor: Actor | null): ExportableList {
    const list = this.registry.get(name);
    if (!list) throw notFound('core.exports.errors.unknownList', { name });
    if (!hasPermissions(actor, [list.permission])) throw forbidden('core.errors.forbidden');
    return list;
  }

  /** The client's filter, validated and typed as the list's filter class (a translated BAD_USER_INPUT otherwise). */
  async parseFilter<F extends object>(list: ExportableList<F>, raw: unknown): Promise<F> {
    if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) throw badInput('core.errors.validationFailed', {}, [{ field: 'filter', key: 'core.errors.invalidValue', args: {} }]);
    const filter = plainToInstance(list.filterType, raw ?? {});
    const errors = await validate(filter, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: true, value: false } });
    if (errors.length) throw badInput('core.errors.validationFailed', {}, toFieldErrors(errors, 'filter'));
    return filter;
  }

  async start(name: string, format: ExportFormat, rawFilter: unknown): Promise<Job> {
    const actor = RequestContext.actor();
    const list = this.listFor(name, actor);
    const filter = await this.parseFilter(list, rawFilter);
    // the list's own query runs once here: a filter it refuses (an unknown area...) is refused now, in the caller's language
    await list.fetch(filter, { first: 1, after: null });
    const payload: ExportPayload = { list: list.name, format, filter: (rawFilter ?? {}) as Record<string, unknown>, lang: this.translator.currentLanguage() };
    return this.dataSource.transaction(async (em) => {
      const job = await this.jobs.enqueue(EXPORT_QUEUE, list.name, payload, { createdBy: actor!.userId, manager: em });
      await this.audit.record(em, { action: 'EXPORT', entityType: 'Job', entityId: job.id, details: { list: list.name, format, filter: payload.filter } });
      return job;
    });
  }

  /** The finished export's file, for the user who started it or an administrator holding the list's permission. */
  async fileFor(jobId: string, actor: Actor | null): Promise<{ path: string; fileName: string; format: ExportFormat }> {
    if (!actor) throw new AppError('UNAUTHENTICATED', 'core.identity.errors.notAuthenticated');
    const job = await this.dataSource.getRepository(Job).findOneBy({ id: jobId });
    const mine = job && (job.createdBy === actor.userId || actor.permissions.has('*'));
    if (!job || job.queue !== EXPORT_QUEUE || !mine) throw notFound('core.exports.errors.notFound');
    const payload = job.payload as ExportPayload;
    this.listFor(payload.list, actor);
    if (job.status !== 'COMPLETED') throw new AppError('CONFLICT', 'core.exports.errors.notReady');
    const result = job.result as ExportResult;
    const path = this.pathOf(job.id, result.format);
    const present = await stat(path).then(() => true, () => false);
    if (!present || new Date(result.expiresAt).getTime() < Date.now()) throw notFound('core.exports.errors.expired');
    return { path, fileName: result.fileName, format: result.format };
  }

  /** Deletes the files older than EXPORT_RETENTION_HOURS (several processes may sweep at once). */
  async sweep(now = Date.now()): Promise<number> {
    const limit = now - this.config.EXPORT_RETENTION_HOURS * 3_600_000;
    await mkdir(this.directory, { recursive: true });
    let removed = 0;
    for (const name of await readdir(this.directory)) {
      const path = join(this.directory, name);
      const info = await stat(path).catch(() => null);
      if (info && info.mtimeMs < limit) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
