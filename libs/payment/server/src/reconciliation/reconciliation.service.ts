import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, badInput, conflict, notFound, RequestContext } from '@coremis/core';
import Papa from 'papaparse';
import type { DataSource } from 'typeorm';
import { LineStatus, PayrollStatus } from '../payment-vocabulary';
import { PayrollService } from '../payroll/payroll.service';
import type { PayoutResult } from '../providers/payment-provider';
import { OFFLINE_CASH_ACCOUNT } from '../submission/adapter-registry';
import { PaymentResultsService } from '../submission/payment-results.service';
import type { ReconcileFileInput, ReconciliationOutcome, ReconciliationRowError } from './reconciliation.inputs';

const MINOR = /^-?\d{1,18}$/;

/**
 * Manual reconciliation from a provider's or bank's file: each row names a line (our id or the provider's
 * reference) and the amount paid. Rows are checked first (unknown reference, duplicate row, bad or negative
 * amount, amount differing from the line); with all-or-nothing any error applies nothing. Valid rows settle their
 * lines forward only (SUBMITTED/FAILED → PAID → RECONCILED). The same file (by SHA-256) applied twice changes nothing.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payrolls: PayrollService,
    private readonly results: PaymentResultsService,
    private readonly audit: AuditService,
  ) {}

  async reconcile(input: ReconcileFileInput): Promise<ReconciliationOutcome> {
    const payroll = await this.payrolls.findById(input.payrollId);
    if (!payroll) throw notFound('payment.errors.payrollNotFound');
    if (payroll.status !== PayrollStatus.IN_PAYMENT && payroll.status !== PayrollStatus.RECONCILED) throw conflict('payment.errors.notInPayment', { status: payroll.status });
    const content = Buffer.from(input.contentBase64, 'base64');
    const sha256 = createHash('sha256').update(content).digest('hex');
    const parsed = Papa.parse<Record<string, string>>(content.toString('utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    const headers = parsed.meta.fields ?? [];
    for (const column of [input.mapping.reference, input.mapping.amount, input.mapping.status, input.mapping.receipt]) {
      if (column && !headers.includes(column)) throw badInput('payment.errors.missingColumn', { column });
    }
    const rows = parsed.data;
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('payment.reconcile:' || $1))`, [payroll.id]);
      const [previous] = (await em.query(`SELECT rows_total FROM payment.reconciliation_file WHERE payroll_id = $1 AND sha256 = $2`, [payroll.id, sha256])) as { rows_total: number }[];
      if (previous) return { rows: previous.rows_total, applied: 0, unchanged: previous.rows_total, rejected: 0, replayed: true, errors: [] };
      const refs = rows.map((r) => String(r[input.mapping.reference] ?? '').trim());
      const found = (await em.query(
        `SELECT r.ref, l.id, l.status, l.amount_minor::text AS amount FROM unnest($2::text[]) AS r(ref)
         JOIN payment.payroll_line l ON l.payroll_id = $1 AND (l.id::text = lower(r.ref) OR l.provider_reference = r.ref)`,
        [payroll.id, [...new Set(refs)]],
      )) as { ref: string; id: string; status: LineStatus; amount: string }[];
      const byRef = new Map(found.map((f) => [f.ref, f]));
      const errors: ReconciliationRowError[] = [];
      const seen = new Set<string>();
      const paid: PayoutResult[] = [];
      const failed: PayoutResult[] = [];
      const toReconcile: string[] = [];
      let unchanged = 0;
      rows.forEach((row, index) => {
        const ref = refs[index];
        const amount = String(row[input.mapping.amount] ?? '').trim();
        const status = input.mapping.status ? String(row[input.mapping.status] ?? '').trim().toUpperCase() : 'PAID';
        const error = (code: string) => errors.push({ row: index + 1, code, reference: ref || null });
        const line = byRef.get(ref);
        if (!line) return error('UNKNOWN_REFERENCE');
        if (seen.has(line.id)) return error('DUPLICATE_ROW');
        seen.add(line.id);
        if (!MINOR.test(amount)) return error('BAD_AMOUNT');
        if (amount.startsWith('-')) return error('NEGATIVE_AMOUNT');
        if (status !== 'PAID' && status !== 'FAILED') return error('BAD_STATUS');
        if (status === 'PAID' && BigInt(amount) !== BigInt(line.amount)) return error('AMOUNT_MISMATCH');
        const receipt = input.mapping.receipt ? String(row[input.mapping.receipt] ?? '').trim() || undefined : undefined;
        if (status === 'FAILED') {
          if (line.status === LineStatus.SUBMITTED) failed.push({ idempotencyKey: line.id, status: 'FAILED', reason: 'RECONCILIATION_FILE' });
          else unchanged++;
        } else if (line.status === LineStatus.RECONCILED) unchanged++;
        else if (line.status === LineStatus.PAID) toReconcile.push(line.id);
        else if (line.status === LineStatus.SUBMITTED || line.status === LineStatus.FAILED) {
          paid.push({ idempotencyKey: line.id, status: 'PAID', paidAmountMinor: amount, receipt });
          toReconcile.push(line.id);
        } else error('UNEXPECTED_STATE');
      });
      if (errors.length && input.allOrNothing) {
        return { rows: rows.length, applied: 0, unchanged: 0, rejected: errors.length, replayed: false, errors: errors.slice(0, 1000) };
      }
      const account = payroll.providerAccountId ?? OFFLINE_CASH_ACCOUNT;
      if (paid.length || failed.length) await this.results.apply(account, [...paid, ...failed], em);
      const reconciled = toReconcile.length ? await this.payrolls.moveLines(em, payroll.id, [LineStatus.PAID], LineStatus.RECONCILED, toReconcile, input.fileName.slice(0, 200), 'RECONCILIATION') : 0;
      const applied = reconciled + failed.length;
      // the payroll is reconciled once no line waits for money any more
      const [{ open }] = (await em.query(`SELECT count(*)::int AS open FROM payment.payroll_line WHERE payroll_id = $1 AND status IN ('APPROVED', 'SUBMITTED', 'PAID')`, [payroll.id])) as { open: number }[];
      if (!open && payroll.status === PayrollStatus.IN_PAYMENT) {
        await em.query(`UPDATE payment.payroll SET status = 'RECONCILED', updated_at = now(), version = version + 1 WHERE id = $1`, [payroll.id]);
        await this.audit.record(em, { action: 'UPDATE', entityType: 'Payroll', entityId: payroll.id, changes: { status: { before: PayrollStatus.IN_PAYMENT, after: PayrollStatus.RECONCILED } }, details: { operation: 'transition' } });
      }
      await em.query(
        `INSERT INTO payment.reconciliation_file (payroll_id, sha256, file_name, rows_total, rows_applied, rows_unchanged, rows_rejected, report, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [payroll.id, sha256, input.fileName, rows.length, applied, unchanged, errors.length, JSON.stringify(errors.slice(0, 1000)), RequestContext.actor()?.userId ?? null],
      );
      await this.audit.record(em, { action: 'UPDATE', entityType: 'Payroll', entityId: payroll.id, details: { operation: 'reconcileFile', fileName: input.fileName, sha256, rows: rows.length, applied, unchanged, rejected: errors.length } });
      return { rows: rows.length, applied, unchanged, rejected: errors.length, replayed: false, errors: errors.slice(0, 1000) };
    });
  }
}
