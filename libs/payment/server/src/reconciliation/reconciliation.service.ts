import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { pipeline } from 'node:stream/promises';
import { areaScopePatterns, AuditService, badInput, conflict, notFound, RequestContext, Translator } from '@coremis/core';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { PayrollStatus } from '../payment-vocabulary';
import { PayrollService } from '../payroll/payroll.service';
import type { ReconcileFileInput, ReconciliationFileColumns, ReconciliationFileInput, ReconciliationOutcome, ReconciliationRowError } from './reconciliation.inputs';
import { applyChecked, type ColumnPositions, type ReconcileIo, reconciliationSourceOf, sampleOf, stageAndCheck, suggestMapping } from './reconciliation-file';

/** Row errors returned and kept with the file (the counts cover every row). */
const MAX_ERRORS = 1000;

/**
 * Manual reconciliation from a provider's or bank's file (CSV or XLSX, told apart by content): each row names a
 * line (our id or the provider's reference) and the amount paid. The file is COPYed into a temporary table and
 * checked in one statement (unknown reference, duplicate row, bad or negative amount, bad status, amount differing
 * from the line, line in an unexpected state), each error translated; with all-or-nothing any error applies
 * nothing. Valid rows settle their lines forward only (SUBMITTED/FAILED → PAID → RECONCILED) in one statement.
 * The same file (by SHA-256) applied twice changes nothing.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payrolls: PayrollService,
    private readonly audit: AuditService,
    private readonly translator: Translator,
  ) {}

  /** The file's header, its first rows and the columns recognised for each part of the mapping (nothing is stored). */
  async columns(input: ReconciliationFileInput): Promise<ReconciliationFileColumns> {
    const source = await reconciliationSourceOf(Buffer.from(input.contentBase64, 'base64'));
    return { headers: source.headers, sample: await sampleOf(source, 5), suggested: suggestMapping(source.headers) };
  }

  async reconcile(input: ReconcileFileInput): Promise<ReconciliationOutcome> {
    const payroll = await this.payrolls.findById(input.payrollId);
    if (!payroll) throw notFound('payment.errors.payrollNotFound');
    if (payroll.status !== PayrollStatus.IN_PAYMENT && payroll.status !== PayrollStatus.RECONCILED) throw conflict('payment.errors.notInPayment', { status: payroll.status });
    const content = Buffer.from(input.contentBase64, 'base64');
    const sha256 = createHash('sha256').update(content).digest('hex');
    const source = await reconciliationSourceOf(content);
    const position = (column: string | undefined): number | null => {
      if (!column) return null;
      const index = source.headers.indexOf(column);
      if (index < 0) throw badInput('payment.errors.missingColumn', { column });
      return index + 1;
    };
    const columns: ColumnPositions = { reference: position(input.mapping.reference)!, amount: position(input.mapping.amount)!, status: position(input.mapping.status), receipt: position(input.mapping.receipt) };
    const lang = this.translator.currentLanguage();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const em = runner.manager;
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('payment.reconcile:' || $1))`, [payroll.id]);
      const [previous] = (await em.query(`SELECT rows_total FROM payment.reconciliation_file WHERE payroll_id = $1 AND sha256 = $2`, [payroll.id, sha256])) as { rows_total: number }[];
      if (previous) {
        await runner.rollbackTransaction();
        return { rows: previous.rows_total, applied: 0, unchanged: previous.rows_total, rejected: 0, replayed: true, dryRun: !!input.dryRun, changes: 0, errors: [] };
      }
      const io: ReconcileIo = {
        query: (text, params) => em.query(text, params),
        copy: async (text, stream) => {
          const client = (runner as unknown as { databaseConnection: { query(stream: unknown): NodeJS.WritableStream } }).databaseConnection;
          await pipeline(stream, client.query(copyFrom(text)) as unknown as NodeJS.WritableStream);
        },
      };
      const { counts, errors: found } = await stageAndCheck(io, payroll.id, source, columns, MAX_ERRORS, areaScopePatterns());
      const errors: ReconciliationRowError[] = found.map((e) => ({ ...e, message: this.translator.translate(`payment.errors.rows.${e.code}`, lang, { row: e.row, reference: e.reference ?? '' }) }));
      if (input.dryRun || (counts.rejected && input.allOrNothing)) {
        await runner.rollbackTransaction();
        // a dry run tells what the valid rows would move; a refused all-or-nothing file moved nothing
        const changes = input.dryRun ? counts.changes : 0;
        return { rows: counts.rows, applied: 0, unchanged: counts.unchanged, rejected: counts.rejected, replayed: false, dryRun: !!input.dryRun, changes, errors };
      }
      const userId = RequestContext.actor()?.userId ?? null;
      const applied = await applyChecked(io, payroll.id, input.fileName, userId);
      // a callback moved a line between the check and the write: nothing is applied, the file can be sent again
      if (applied !== counts.changes) throw conflict('payment.errors.linesChangedMeanwhile');
      // the payroll is reconciled once no line waits for money any more
      const [{ open }] = (await em.query(`SELECT count(*)::int AS open FROM payment.payroll_line WHERE payroll_id = $1 AND status IN ('APPROVED', 'SUBMITTED', 'PAID')`, [payroll.id])) as { open: number }[];
      if (!open && payroll.status === PayrollStatus.IN_PAYMENT) {
        await em.query(`UPDATE payment.payroll SET status = 'RECONCILED', updated_at = now(), version = version + 1 WHERE id = $1`, [payroll.id]);
        await this.audit.record(em, { action: 'UPDATE', entityType: 'Payroll', entityId: payroll.id, changes: { status: { before: PayrollStatus.IN_PAYMENT, after: PayrollStatus.RECONCILED } }, details: { operation: 'transition' } });
      }
      await em.query(
        `INSERT INTO payment.reconciliation_file (payroll_id, sha256, file_name, rows_total, rows_applied, rows_unchanged, rows_rejected, report, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [payroll.id, sha256, input.fileName, counts.rows, applied, counts.unchanged, counts.rejected, JSON.stringify(errors), userId],
      );
      await this.audit.record(em, { action: 'UPDATE', entityType: 'Payroll', entityId: payroll.id, details: { operation: 'reconcileFile', fileName: input.fileName, sha256, rows: counts.rows, applied, unchanged: counts.unchanged, rejected: counts.rejected } });
      await runner.commitTransaction();
      return { rows: counts.rows, applied, unchanged: counts.unchanged, rejected: counts.rejected, replayed: false, dryRun: false, changes: applied, errors };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}
