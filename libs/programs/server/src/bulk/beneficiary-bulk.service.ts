import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminAreaService } from '@coremis/geo';
import { badInput, invalidField, type Job, JobCancelledError, type JobContext, JobService, RequestContext } from '@coremis/core';
import type { DataSource, EntityManager } from 'typeorm';
import { BeneficiaryService, type StatusChangeResult } from '../beneficiary.service';
import type { BeneficiarySelectionInput, BulkStatusChangeInput } from '../dto/beneficiary.inputs';
import { type BeneficiaryStatus, STATUS_TRANSITIONS, StatusChangeSource } from '../programs-vocabulary';
import { beneficiarySelectionWhere } from './beneficiary-selection.sql';

export const BULK_STATUS_QUEUE = 'programs.bulk-status';
const BATCH = 2000;

/** The job's payload: the validated input and the resolved area. */
export interface BulkStatusPayload extends Record<string, unknown> {
  input: BulkStatusChangeInput;
  areaPath: string | null;
}

export interface BulkStatusCheckpoint extends Record<string, unknown> {
  lastId: string | null;
  total: number;
  done: number;
  result: StatusChangeResult;
  finished?: boolean;
}

export interface BulkPreview {
  matching: number;
  /** Of those, the ones the transition table lets move to the new status. */
  allowed: number;
}

/**
 * Bulk status changes (suspend everyone in an area, graduate by simple criteria): validated when asked
 * (under maker-checker), then run as a durable job in batches of set-based statements, each batch
 * committing with its checkpoint so that a job taken over after a crash resumes after the last batch.
 */
@Injectable()
export class BeneficiaryBulkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly beneficiaries: BeneficiaryService,
    private readonly areas: AdminAreaService,
    private readonly jobs: JobService,
  ) {}

  async preview(selection: BeneficiarySelectionInput, toStatus: BeneficiaryStatus): Promise<BulkPreview> {
    await this.beneficiaries.visibleProgram(selection.programId);
    const areaPath = await this.areaPath(selection.areaId);
    const { where, params } = beneficiarySelectionWhere(selection, areaPath, RequestContext.actor()?.areaPaths ?? null);
    const from = fromStatusesAllowed(toStatus);
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS matching, count(*) FILTER (WHERE b.status = ANY($${params.length + 1}::text[]))::int AS allowed FROM programs.beneficiary b WHERE ${where}`,
      [...params, from],
    )) as BulkPreview[];
    return row;
  }

  /** Checks the request and queues the job (the job runs as the requesting user, in their areas). */
  async start(input: BulkStatusChangeInput): Promise<Job> {
    await this.beneficiaries.programForChange(this.dataSource.manager, input.selection.programId, input.toStatus);
    if (!input.selection.fromStatuses.some((from) => fromStatusesAllowed(input.toStatus).includes(from))) {
      throw badInput('programs.errors.transitionNotAllowed', { from: input.selection.fromStatuses.join(', '), to: input.toStatus });
    }
    const areaPath = await this.areaPath(input.selection.areaId);
    const payload: BulkStatusPayload = { input: { ...input }, areaPath };
    return this.jobs.enqueue(BULK_STATUS_QUEUE, 'bulk-status', payload, { createdBy: RequestContext.actor()?.userId ?? null });
  }

  /** The job's work: batches of at most BATCH beneficiaries, each in one transaction with its checkpoint. */
  async run(job: JobContext<BulkStatusPayload, BulkStatusCheckpoint>): Promise<StatusChangeResult & { total: number }> {
    const { input, areaPath } = job.payload;
    const scopePaths = RequestContext.actor()?.areaPaths ?? null;
    const { where, params } = beneficiarySelectionWhere(input.selection, areaPath, scopePaths);
    let state: BulkStatusCheckpoint = job.checkpoint ?? {
      lastId: null,
      total: ((await this.dataSource.query(`SELECT count(*)::int AS n FROM programs.beneficiary b WHERE ${where}`, params)) as { n: number }[])[0].n,
      done: 0,
      result: { selected: 0, inScope: 0, unchanged: 0, refused: 0, created: 0, updated: 0, byStatus: {} },
    };
    while (!state.finished) {
      if (await job.isCancelled()) throw new JobCancelledError();
      state = await this.dataSource.transaction(async (em) => {
        const next = await this.batch(em, job.id, input, where, params, state);
        await job.saveCheckpoint(next, em);
        return next;
      });
      await job.updateProgress(state.total ? Math.min(1, state.done / state.total) : 1);
    }
    return { ...state.result, total: state.total };
  }

  private async batch(em: EntityManager, jobId: string, input: BulkStatusChangeInput, where: string, params: unknown[], state: BulkStatusCheckpoint): Promise<BulkStatusCheckpoint> {
    const rows = (await em.query(
      `SELECT b.id FROM programs.beneficiary b WHERE ${where} AND ($${params.length + 1}::uuid IS NULL OR b.id > $${params.length + 1}::uuid) ORDER BY b.id LIMIT ${BATCH} FOR UPDATE`,
      [...params, state.lastId],
    )) as { id: string }[];
    if (!rows.length) return { ...state, finished: true };
    const ids = rows.map((r) => r.id);
    const result = await this.beneficiaries.setStatusesFromSelection(em, {
      programId: input.selection.programId,
      selection: `SELECT coalesce(b.household_id, b.individual_id) AS subject_id, $2::text AS to_status, NULL::numeric AS score FROM programs.beneficiary b WHERE b.id = ANY($1::uuid[])`,
      params: [ids, input.toStatus],
      reasonCode: input.reasonCode,
      reasonText: input.reasonText ?? null,
      source: StatusChangeSource.BULK,
      sourceRef: jobId,
      effectiveDate: input.effectiveDate ?? undefined,
    });
    const total = state.result;
    const byStatus = { ...total.byStatus };
    for (const [status, n] of Object.entries(result.byStatus)) byStatus[status] = (byStatus[status] ?? 0) + n;
    return {
      lastId: ids[ids.length - 1],
      total: state.total,
      done: state.done + ids.length,
      finished: ids.length < BATCH,
      result: {
        selected: total.selected + result.selected,
        inScope: total.inScope + result.inScope,
        unchanged: total.unchanged + result.unchanged,
        refused: total.refused + result.refused,
        created: total.created + result.created,
        updated: total.updated + result.updated,
        byStatus,
      },
    };
  }

  private async areaPath(areaId: string | null | undefined): Promise<string | null> {
    if (!areaId) return null;
    const area = await this.areas.findById(areaId);
    if (!area) throw invalidField('selection.areaId', 'programs.errors.areaNotFound');
    return area.path;
  }
}

/** The statuses from which the table allows a move to `to`. */
export function fromStatusesAllowed(to: BeneficiaryStatus): BeneficiaryStatus[] {
  return [...STATUS_TRANSITIONS].filter(([from, tos]) => from !== null && tos.includes(to)).map(([from]) => from as BeneficiaryStatus);
}
