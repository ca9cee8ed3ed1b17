import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { applyAreaScope, type Job, JobCancelledError, type JobContext, JobService, PermanentJobError } from '@coremis/core';
import type { DataSource } from 'typeorm';
import { Connector } from '../entities/connector.entity';
import { intakeConfig } from '../intake-config';
import { OutboundRefusedError } from '../sources/outbound-policy';
import { SourceFactory } from '../sources/source-factory';
import type { PulledSubmission } from '../sources/submission-source';
import { type DownloadedFiles, type StageCounts, SubmissionStagingService } from './submission-staging.service';

export const PULL_QUEUE = 'intake.pull';

export interface PullPayload extends Record<string, unknown> {
  connectorId: string;
}

/** What a pull has done so far, committed with each page: a retry resumes after the last page stored. */
export interface PullCheckpoint extends Record<string, unknown> {
  /** The watermark the run started from (its query stays the same across attempts). */
  since: string | null;
  offset: number;
  /** Latest receipt or edit time seen: the next watermark once the run completes. */
  maxSeen: string | null;
  total: number | null;
  received: number;
  counts: StageCounts;
  finished?: boolean;
}

export interface PullResult extends StageCounts {
  received: number;
  watermark: string | null;
}

/**
 * Pulls a connector's new and edited submissions from its stored watermark, a page at a time: each page
 * is fetched (with its attachments) outside any transaction, then stored and staged in one transaction
 * together with the job's checkpoint. A server error or a timeout midway fails the attempt; the retry
 * resumes at the checkpoint, and what was already stored is recognised by its instance id.
 */
@Injectable()
export class PullService {
  private readonly logger = new Logger(PullService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sources: SourceFactory,
    private readonly staging: SubmissionStagingService,
    private readonly jobs: JobService,
  ) {}

  /** Queues a pull as `userId` (the job runs in their areas). */
  async enqueue(connector: Pick<Connector, 'id'>, userId: string | null): Promise<Job> {
    return this.dataSource.transaction(async (em) => {
      const job = await this.jobs.enqueue(PULL_QUEUE, 'intake-pull', { connectorId: connector.id } satisfies PullPayload, { createdBy: userId, manager: em });
      await em.query(`UPDATE intake.connector SET last_job_id = $2 WHERE id = $1`, [connector.id, job.id]);
      return job;
    });
  }

  async run(job: JobContext<PullPayload, PullCheckpoint>): Promise<PullResult> {
    const connector = await this.load(job.payload.connectorId);
    if (!connector) throw new PermanentJobError('intake.errors.notFound');
    const client = this.sources.open(connector);
    const { pageSize } = intakeConfig();
    let state: PullCheckpoint = job.checkpoint ?? { since: connector.watermark, offset: 0, maxSeen: null, total: null, received: 0, counts: { created: 0, updated: 0, unchanged: 0, registryUpdated: 0 } };
    while (!state.finished) {
      if (await job.isCancelled()) throw new JobCancelledError();
      const page = await refusedIsPermanent(() => client.page(state.since, state.offset, pageSize));
      const known = await this.staging.knownInstances(this.dataSource.manager, connector.id, page.rows);
      const files = await refusedIsPermanent(() => this.download(client, page.rows.filter((r) => !known.has(r.instanceId))));
      state = await this.dataSource.transaction(async (em) => {
        const counts = await this.staging.stagePage(em, connector, page.rows, files);
        const maxSeen = [state.maxSeen, ...page.rows.map((r) => r.changedAt)].filter((v): v is string => !!v).sort().pop() ?? null;
        const next: PullCheckpoint = {
          since: state.since,
          offset: state.offset + page.rows.length,
          maxSeen,
          total: page.total ?? state.total,
          received: state.received + page.rows.length,
          counts: {
            created: state.counts.created + counts.created,
            updated: state.counts.updated + counts.updated,
            unchanged: state.counts.unchanged + counts.unchanged,
            registryUpdated: state.counts.registryUpdated + counts.registryUpdated,
          },
          finished: page.next === null || page.rows.length === 0,
        };
        if (next.finished) {
          // the watermark moves only when the whole run is stored: a failed run is pulled again from the old one
          await em.query(`UPDATE intake.connector SET watermark = coalesce($2, watermark), updated_at = now() WHERE id = $1`, [connector.id, next.maxSeen]);
        }
        await job.saveCheckpoint(next, em);
        return next;
      });
      await job.updateProgress(state.finished ? 1 : state.total ? Math.min(0.99, state.offset / state.total) : 0.5);
    }
    return { ...state.counts, received: state.received, watermark: state.maxSeen ?? state.since };
  }

  private async load(id: string): Promise<Connector | null> {
    // the job runs as the user who asked for it (or the connector's owner): the connector must be in their areas
    return applyAreaScope(this.dataSource.getRepository(Connector).createQueryBuilder('c'), 'c.area_path').addSelect('c.secretSealed').andWhere('c.id = :id', { id }).getOne();
  }

  private async download(client: ReturnType<SourceFactory['open']>, rows: readonly PulledSubmission[]): Promise<DownloadedFiles> {
    const files: DownloadedFiles = new Map();
    for (const row of rows) {
      for (const attachment of row.attachments) {
        const file = await client.download(attachment.url);
        files.set(row.instanceId, [...(files.get(row.instanceId) ?? []), { name: attachment.name, content: file.content, contentType: attachment.contentType ?? file.contentType }]);
      }
    }
    if (files.size) this.logger.debug(`downloaded attachments of ${files.size} submissions`);
    return files;
  }
}

/** A server (or attachment URL) the outbound policy refuses fails the job at once: retrying cannot help. */
async function refusedIsPermanent<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw new PermanentJobError(`${error.message}: a private, loopback or link-local address (INTAKE_ALLOWED_HOSTS lists the hosts allowed)`);
    throw error;
  }
}
