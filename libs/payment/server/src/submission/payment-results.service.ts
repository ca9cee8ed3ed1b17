import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, RequestContext } from '@coremis/core';
import type { DataSource, EntityManager } from 'typeorm';
import { OFFLINE_CASH_ACCOUNT, type PayoutResult } from '../providers/payment-provider';
import { LineStatus } from '../payment-vocabulary';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MINOR = /^\d{1,18}$/;

export interface ApplyOutcome {
  applied: number;
  unchanged: number;
  exceptions: number;
}

interface LockedLine {
  id: string;
  payroll_id: string;
  status: LineStatus;
  amount_minor: string;
  provider_reference: string | null;
  carried_to_id: string | null;
  currency: string;
}

interface Change {
  id: string;
  payrollId: string;
  from: LineStatus;
  to: LineStatus;
  reference: string | null;
  receipt: string | null;
  paid: string | null;
  reason: string | null;
}

/**
 * Applies provider results (submit answers, status polls, callbacks, agent deliveries) to payroll lines.
 * Lines only move forward by the declared table: SUBMITTED → PAID | FAILED, FAILED → PAID (unless the failed line
 * was carried into a follow-up payroll: then the late success is an exception, never a second payment). A replayed or
 * out-of-order result changes nothing (a PAID line never becomes FAILED or SUBMITTED again); an unknown
 * reference, a line in an unexpected state or a paid amount that differs from the line is an exception record,
 * never a payment. The lines are locked in id order, so concurrent callbacks for the same lines serialise.
 */
@Injectable()
export class PaymentResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  apply(accountId: string, results: PayoutResult[], em?: EntityManager): Promise<ApplyOutcome> {
    if (em) return this.applyIn(em, accountId, results);
    return this.dataSource.transaction((tx) => this.applyIn(tx, accountId, results));
  }

  private async applyIn(em: EntityManager, accountId: string, results: PayoutResult[]): Promise<ApplyOutcome> {
    const outcome: ApplyOutcome = { applied: 0, unchanged: 0, exceptions: 0 };
    if (!results.length) return outcome;
    const exceptions: { lineId: string | null; payrollId: string | null; key: string; kind: string; details: Record<string, unknown> }[] = [];
    const keys = [...new Set(results.map((r) => r.idempotencyKey).filter((k) => UUID.test(k)))].sort();
    const rows = (await em.query(
      `SELECT l.id, l.payroll_id, l.status, l.amount_minor::text AS amount_minor, l.provider_reference, l.carried_to_id, l.currency FROM payment.payroll_line l
       JOIN payment.payroll p ON p.id = l.payroll_id
       WHERE l.id = ANY($1::uuid[]) AND (p.provider_account_id::text = $2 OR ($2 = $3 AND p.provider_account_id IS NULL))
       ORDER BY l.id FOR UPDATE OF l`,
      [keys, accountId, OFFLINE_CASH_ACCOUNT],
    )) as LockedLine[];
    const lines = new Map(rows.map((row) => [row.id, { ...row }]));
    const changes = new Map<string, Change>();
    for (const result of results) {
      const line = lines.get(result.idempotencyKey.toLowerCase());
      if (!line) {
        exceptions.push({ lineId: null, payrollId: null, key: String(result.idempotencyKey).slice(0, 100), kind: 'UNKNOWN_REFERENCE', details: { ...result } });
        continue;
      }
      const record = (kind: string) => exceptions.push({ lineId: line.id, payrollId: line.payroll_id, key: line.id, kind, details: { ...result, lineStatus: line.status } });
      const change = changes.get(line.id) ?? { id: line.id, payrollId: line.payroll_id, from: line.status, to: line.status, reference: line.provider_reference, receipt: null, paid: null, reason: null };
      const reference = result.providerReference ? String(result.providerReference).slice(0, 200) : null;
      switch (result.status) {
        case 'PENDING':
        case 'UNKNOWN':
          if (line.status === LineStatus.SUBMITTED && reference && !change.reference) {
            change.reference = reference;
            changes.set(line.id, change);
          } else outcome.unchanged++;
          break;
        case 'PAID': {
          if (line.status === LineStatus.PAID || line.status === LineStatus.RECONCILED) {
            outcome.unchanged++;
            break;
          }
          if (line.status !== LineStatus.SUBMITTED && line.status !== LineStatus.FAILED) {
            record('UNEXPECTED_STATE');
            break;
          }
          // a failed line carried into a follow-up payroll is owed there: a late success here is for a person to settle
          if (line.carried_to_id) {
            record('CARRIED_OVER');
            break;
          }
          if (result.paidCurrency !== undefined && result.paidCurrency !== null && String(result.paidCurrency).trim().toUpperCase() !== line.currency.toUpperCase()) {
            record('CURRENCY_MISMATCH');
            break;
          }
          if (result.paidAmountMinor !== undefined && result.paidAmountMinor !== null && (!MINOR.test(String(result.paidAmountMinor)) || BigInt(result.paidAmountMinor) !== BigInt(line.amount_minor))) {
            record('AMOUNT_MISMATCH');
            break;
          }
          line.status = LineStatus.PAID;
          Object.assign(change, { to: LineStatus.PAID, reference: reference ?? change.reference, receipt: result.receipt ? String(result.receipt).slice(0, 200) : null, paid: line.amount_minor });
          changes.set(line.id, change);
          break;
        }
        case 'FAILED':
          if (line.status === LineStatus.SUBMITTED) {
            line.status = LineStatus.FAILED;
            Object.assign(change, { to: LineStatus.FAILED, reference: reference ?? change.reference, reason: result.reason ? String(result.reason).slice(0, 500) : 'FAILED' });
            changes.set(line.id, change);
          } else if (line.status === LineStatus.APPROVED || line.status === LineStatus.CREATED || line.status === LineStatus.FLAGGED || line.status === LineStatus.CANCELLED) {
            record('UNEXPECTED_STATE');
          } else outcome.unchanged++; // a late failure after a payment, or a replay: never backwards
          break;
        default:
          record('MALFORMED_RESULT');
      }
    }
    const list = [...changes.values()];
    if (list.length) {
      const col = <K extends keyof Change>(k: K) => list.map((c) => c[k]);
      await em.query(
        `WITH c AS (
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[]) AS c(id, to_status, reference, receipt, paid, reason)
         )
         UPDATE payment.payroll_line l SET status = c.to_status, provider_reference = coalesce(c.reference, l.provider_reference),
           receipt = coalesce(c.receipt, l.receipt), paid_amount_minor = coalesce(c.paid, l.paid_amount_minor), failure_reason = coalesce(c.reason, l.failure_reason),
           settled_at = CASE WHEN c.to_status <> l.status THEN now() ELSE l.settled_at END, updated_at = now(), version = l.version + 1
         FROM c WHERE l.id = c.id`,
        [col('id'), col('to'), col('reference'), col('receipt'), col('paid'), col('reason')],
      );
      const moved = list.filter((c) => c.to !== c.from);
      if (moved.length) {
        await em.query(
          `INSERT INTO payment.line_transition (line_id, payroll_id, from_status, to_status, reason, source, user_id)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS t(line_id, payroll_id, from_status, to_status, reason)
             CROSS JOIN (SELECT $6::text AS source, $7::uuid AS user_id) s`,
          [moved.map((c) => c.id), moved.map((c) => c.payrollId), moved.map((c) => c.from), moved.map((c) => c.to), moved.map((c) => c.reason), `PROVIDER:${accountId}`.slice(0, 30), RequestContext.actor()?.userId ?? null],
        );
      }
      outcome.applied = list.length;
    }
    if (exceptions.length) {
      await em.query(
        `INSERT INTO payment.payment_exception (line_id, payroll_id, account_id, idempotency_key, kind, details)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
        [exceptions.map((e) => e.lineId), exceptions.map((e) => e.payrollId), exceptions.map(() => accountId), exceptions.map((e) => e.key), exceptions.map((e) => e.kind), exceptions.map((e) => JSON.stringify(e.details))],
      );
      outcome.exceptions = exceptions.length;
    }
    if (outcome.applied || outcome.exceptions) {
      await this.audit.record(em, { action: 'UPDATE', entityType: 'PayrollLine', details: { operation: 'providerResults', accountId, results: results.length, ...outcome } });
    }
    return outcome;
  }
}
