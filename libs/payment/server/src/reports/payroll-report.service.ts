import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { areaScopePatterns, notFound, RequestContext } from '@coremis/core';
import type { DataSource } from 'typeorm';
import type { ReconciliationRow } from '../dto/payroll.models';
import { PayrollService } from '../payroll/payroll.service';

export type ReportLanguage = 'en' | 'fr' | 'pt';

export interface NamedReconciliationRow extends ReconciliationRow {
  readonly name: string;
}

/** What the downloadable reconciliation report of a payroll shows: the caller's areas only. */
export interface PayrollReportData {
  readonly code: string;
  readonly status: string;
  readonly cycleName: string;
  readonly period: string;
  readonly currency: string;
  readonly total: NamedReconciliationRow;
  readonly byArea: readonly NamedReconciliationRow[];
  readonly byPaymentPoint: readonly NamedReconciliationRow[];
}

/**
 * The figures of a payroll's reconciliation report (planned vs paid vs failed, per area and per payment point),
 * with the names of the areas and points in the reader's language. A payroll neither in nor covering the reader's
 * areas is NOT_FOUND; only the lines in their areas are counted (the payroll service's scoped report).
 */
@Injectable()
export class PayrollReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payrolls: PayrollService,
  ) {}

  async data(payrollId: string, lang: ReportLanguage): Promise<PayrollReportData> {
    // a payroll in the reader's areas, or one covering them (a province's payroll for a district officer: their lines only)
    const [payroll] = (await this.dataSource.query(
      `SELECT p.id, p.code, p.status, c.name AS "cycleName", c.period, c.currency FROM payment.payroll p JOIN payment.cycle c ON c.id = p.cycle_id
       WHERE p.id = $1 AND ($2::text[] IS NULL OR p.area_path LIKE ANY($2::text[]) OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS mine(path) WHERE starts_with(mine.path, p.area_path)))`,
      [payrollId, areaScopePatterns(), RequestContext.actor()?.areaPaths ?? null],
    )) as { id: string; code: string; status: string; cycleName: string; period: string; currency: string }[];
    if (!payroll) throw notFound('payment.errors.payrollNotFound');
    const report = await this.payrolls.reconciliationReport(payroll.id);
    const nameColumn = { en: 'name_en', fr: 'coalesce(name_fr, name_en)', pt: 'coalesce(name_pt, name_en)' }[lang];
    const areaNames = await this.names(`SELECT code, ${nameColumn} AS name FROM geo.admin_area WHERE code = ANY($1::text[])`, report.byArea.map((r) => r.key));
    const pointNames = await this.names(`SELECT code, name FROM payment.payment_point WHERE code = ANY($1::text[])`, report.byPaymentPoint.map((r) => r.key));
    const named = (rows: readonly ReconciliationRow[], names: Map<string, string>) => rows.map((row) => ({ ...row, name: names.get(row.key) ?? '' }));
    return {
      code: payroll.code,
      status: payroll.status,
      cycleName: payroll.cycleName,
      period: payroll.period,
      currency: payroll.currency,
      total: sumRows(report.byArea),
      byArea: named(report.byArea, areaNames),
      byPaymentPoint: named(report.byPaymentPoint, pointNames),
    };
  }

  private async names(query: string, codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows = (await this.dataSource.query(query, [codes])) as { code: string; name: string }[];
    return new Map(rows.map((row) => [row.code, row.name]));
  }
}

/** Every line is in exactly one area, so the area rows add up to the payroll's totals (exact, bigint). */
export function sumRows(rows: readonly ReconciliationRow[]): NamedReconciliationRow {
  const add = (pick: (row: ReconciliationRow) => string) => rows.reduce((sum, row) => sum + BigInt(pick(row)), 0n).toString();
  const count = (pick: (row: ReconciliationRow) => number) => rows.reduce((sum, row) => sum + pick(row), 0);
  return {
    key: '',
    name: '',
    plannedCount: count((r) => r.plannedCount),
    plannedMinor: add((r) => r.plannedMinor),
    paidCount: count((r) => r.paidCount),
    paidMinor: add((r) => r.paidMinor),
    failedCount: count((r) => r.failedCount),
    failedMinor: add((r) => r.failedMinor),
  };
}
