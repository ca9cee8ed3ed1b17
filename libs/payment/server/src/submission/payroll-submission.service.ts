import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { areaScopePatterns, AuditService, conflict, type Job, JobCancelledError, type JobContext, JobService, notFound, RequestContext } from '@coremis/core';
import type { DataSource } from 'typeorm';
import { Payroll } from '../entities/payroll.entity';
import { LineStatus, PayrollStatus } from '../payment-vocabulary';
import { PayrollService } from '../payroll/payroll.service';
import { OFFLINE_CASH_ACCOUNT, type PayoutItem, type PayoutResult } from '../providers/payment-provider';
import { PaymentProviderGateway } from '../providers/payment-provider.gateway';
import { PaymentResultsService } from './payment-results.service';

export const PAYROLL_SUBMISSION_QUEUE = 'payment.payroll-submission';

export interface SubmissionPayload extends Record<string, unknown> {
  payrollId: string;
}

export interface SubmissionCheckpoint extends Record<string, unknown> {
  submitted: number;
  resubmitted: number;
  batches: number;
  /**
   * The attempt that resent the lines an earlier attempt left SUBMITTED. Kept per attempt: a worker killed after
   * this point left new SUBMITTED lines behind, which the next attempt must resend (a flag for the whole job did not).
   */
  resumedAttempt?: number;
}

interface LineRow {
  id: string;
  amount_minor: string;
  currency: string;
  recipient_name: string | null;
  phone: string | null;
  account_number: string | null;
  provider_reference: string | null;
}

const toItem = (row: LineRow): PayoutItem => ({
  idempotencyKey: row.id,
  amountMinor: row.amount_minor,
  currency: row.currency,
  payeeName: row.recipient_name ?? '',
  msisdn: row.phone ?? undefined,
  accountNumber: row.account_number ?? undefined,
});

/**
 * The submission queue. Each batch is marked SUBMITTED (with its transition rows) and committed BEFORE the
 * provider is called, with the line id as idempotency key. So whatever the point of a crash:
 * - before the commit: the lines are still APPROVED and are picked up again; nothing was sent;
 * - after it: the lines are SUBMITTED; on resume they are resent with the same key (the provider recognises it)
 *   and settled by results, status polls or callbacks — never marked APPROVED again, so never paid twice.
 * A provider that is down (throws) leaves the lines SUBMITTED: the job fails and is retried with backoff.
 */
@Injectable()
export class PayrollSubmissionService {
  private readonly logger = new Logger(PayrollSubmissionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payrolls: PayrollService,
    private readonly gateway: PaymentProviderGateway,
    private readonly results: PaymentResultsService,
    private readonly jobs: JobService,
    private readonly audit: AuditService,
  ) {}

  /** APPROVED → IN_PAYMENT and queues the submission (the payroll must have been approved by maker-checker). */
  async start(payrollId: string): Promise<Job> {
    const payroll = await this.dataSource.transaction(async (em) => {
      const record = await this.payrolls.scoped(em).andWhere('r.id = :id', { id: payrollId }).setLock('pessimistic_write').getOne();
      if (!record) throw notFound('payment.errors.payrollNotFound');
      if (record.status !== PayrollStatus.APPROVED && record.status !== PayrollStatus.IN_PAYMENT) throw conflict('payment.errors.transitionNotAllowed', { from: record.status, to: PayrollStatus.IN_PAYMENT });
      await this.gateway.open(record.providerAccountId, { allowInactive: true }).catch(() => {
        throw notFound('payment.errors.providerUnavailable', { kind: record.providerAccountId });
      });
      if (record.status === PayrollStatus.APPROVED) {
        await em.query(`UPDATE payment.payroll SET status = 'IN_PAYMENT', updated_at = now(), version = version + 1 WHERE id = $1`, [record.id]);
        await this.audit.record(em, { action: 'UPDATE', entityType: 'Payroll', entityId: record.id, changes: { status: { before: record.status, after: PayrollStatus.IN_PAYMENT } }, details: { operation: 'transition' } });
      }
      return record;
    });
    const job = await this.jobs.enqueue(PAYROLL_SUBMISSION_QUEUE, 'payroll-submission', { payrollId: payroll.id } satisfies SubmissionPayload, {
      createdBy: RequestContext.actor()?.userId ?? null,
    });
    await this.dataSource.query(`UPDATE payment.payroll SET submission_job_id = $2 WHERE id = $1`, [payroll.id, job.id]);
    return job;
  }

  async run(job: JobContext<SubmissionPayload, SubmissionCheckpoint>): Promise<SubmissionCheckpoint> {
    const payroll = await this.dataSource.getRepository(Payroll).findOneBy({ id: job.payload.payrollId });
    if (!payroll) throw notFound('payment.errors.payrollNotFound');
    if (payroll.status !== PayrollStatus.IN_PAYMENT) throw conflict('payment.errors.transitionNotAllowed', { from: payroll.status, to: PayrollStatus.IN_PAYMENT });
    const channel = await this.gateway.open(payroll.providerAccountId, { allowInactive: true });
    const { config, adapter } = channel;
    let state: SubmissionCheckpoint = job.checkpoint ?? { submitted: 0, resubmitted: 0, batches: 0 };
    const [{ total }] = (await this.dataSource.query(`SELECT count(*) FILTER (WHERE status IN ('APPROVED', 'SUBMITTED'))::int AS total FROM payment.payroll_line WHERE payroll_id = $1`, [payroll.id])) as { total: number }[];

    // 1. lines an earlier run marked SUBMITTED and may or may not have sent: resent with the same keys
    if (state.resumedAttempt !== job.attempt) {
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows = (await this.dataSource.query(
          `SELECT id, amount_minor::text AS amount_minor, currency, recipient_name, phone, account_number, provider_reference FROM payment.payroll_line
           WHERE payroll_id = $1 AND status = 'SUBMITTED' AND provider_reference IS NULL AND id > $2 ORDER BY id LIMIT $3`,
          [payroll.id, after, adapter.maxBatchSize],
        )) as LineRow[];
        if (!rows.length) break;
        after = rows[rows.length - 1].id;
        await this.results.apply(config.accountId, await this.gateway.submit(channel, rows.map(toItem)));
        state = { ...state, resubmitted: state.resubmitted + rows.length };
      }
      state = { ...state, resumedAttempt: job.attempt };
      await job.saveCheckpoint(state);
    }

    // 2. APPROVED lines: marked SUBMITTED and committed, then sent
    for (;;) {
      if (await job.isCancelled()) throw new JobCancelledError();
      const rows = await this.dataSource.transaction(async (em) => {
        const picked = (await em.query(
          `WITH o AS (
             SELECT id FROM payment.payroll_line WHERE payroll_id = $1 AND status = 'APPROVED' ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
           ), upd AS (
             UPDATE payment.payroll_line l SET status = 'SUBMITTED', submitted_at = now(), updated_at = now(), version = l.version + 1
             FROM o WHERE l.id = o.id
             RETURNING l.id, l.amount_minor::text AS amount_minor, l.currency, l.recipient_name, l.phone, l.account_number, l.provider_reference
           ), tr AS (
             INSERT INTO payment.line_transition (line_id, payroll_id, from_status, to_status, source, user_id)
             SELECT upd.id, $1, 'APPROVED', 'SUBMITTED', 'SUBMISSION', $3 FROM upd
           )
           SELECT * FROM upd ORDER BY id`,
          [payroll.id, adapter.maxBatchSize, job.createdBy],
        )) as LineRow[];
        if (picked.length) {
          state = { ...state, submitted: state.submitted + picked.length, batches: state.batches + 1 };
          await job.saveCheckpoint(state, em);
        }
        return picked;
      });
      if (!rows.length) break;
      let answers: PayoutResult[];
      try {
        answers = await this.gateway.submit(channel, rows.map(toItem));
      } catch (error) {
        // the provider is down or answered nothing usable: the lines stay SUBMITTED and are resent on retry
        this.logger.warn(`payroll ${payroll.id}: submit failed (${(error as Error).message}); ${rows.length} lines stay SUBMITTED`);
        await job.saveCheckpoint(state);
        throw error;
      }
      await this.results.apply(config.accountId, answers);
      await job.updateProgress(total ? Math.min(1, (state.submitted + state.resubmitted) / total) : 1);
    }
    await job.updateProgress(1);
    return state;
  }

  /**
   * An agent hands cash over at a payment point: the line (SUBMITTED, of a payroll without provider account,
   * in the caller's areas) becomes PAID through the same forward-only rules as any provider result.
   */
  async recordCashDelivery(lineId: string, paidAmountMinor: string, receipt?: string | null) {
    const actor = RequestContext.actor();
    const scope = areaScopePatterns(actor ?? null);
    const [line] = (await this.dataSource.query(
      `SELECT l.id, p.provider_account_id, pp.staff_user_ids FROM payment.payroll_line l JOIN payment.payroll p ON p.id = l.payroll_id
       LEFT JOIN payment.payment_point pp ON pp.id = l.payment_point_id
       WHERE l.id = $1 AND ($2::text[] IS NULL OR l.area_path LIKE ANY($2::text[]))`,
      [lineId, scope],
    )) as { id: string; provider_account_id: string | null; staff_user_ids: string[] | null }[];
    if (!line) throw notFound('payment.errors.lineNotFound');
    if (line.provider_account_id) throw conflict('payment.errors.notCashLine');
    const outcome = await this.results.apply(OFFLINE_CASH_ACCOUNT, [{ idempotencyKey: line.id, status: 'PAID', paidAmountMinor, receipt: receipt ?? undefined }]);
    if (outcome.exceptions) throw conflict('payment.errors.deliveryRefused');
    return outcome;
  }

  /** Polls the provider for the lines still SUBMITTED (all of them, in batches) and applies what it says. */
  async pollStatus(payrollId: string): Promise<number> {
    const payroll = await this.payrolls.findById(payrollId);
    if (!payroll) throw notFound('payment.errors.payrollNotFound');
    const channel = await this.gateway.open(payroll.providerAccountId, { allowInactive: true });
    const { config, adapter } = channel;
    let after = '00000000-0000-0000-0000-000000000000';
    let applied = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT id, provider_reference FROM payment.payroll_line WHERE payroll_id = $1 AND status = $2 AND id > $3 ORDER BY id LIMIT $4`,
        [payroll.id, LineStatus.SUBMITTED, after, adapter.maxBatchSize],
      )) as { id: string; provider_reference: string | null }[];
      if (!rows.length) return applied;
      after = rows[rows.length - 1].id;
      const answers = await this.gateway.fetchStatus(channel, rows.map((r) => ({ idempotencyKey: r.id, providerReference: r.provider_reference ?? undefined })));
      applied += (await this.results.apply(config.accountId, answers)).applied;
    }
  }
}
