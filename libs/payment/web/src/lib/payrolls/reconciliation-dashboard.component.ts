import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { AuthorizedFilesService, BarChartComponent, type ChartSeries, ErrorBannerComponent, LanguageService, LoadingIndicatorComponent } from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ReconciliationRow } from '../data/payroll.queries';
import { PayrollService } from '../data/payroll.service';
import { chartValue, formatMinor } from '../ui/payment-format';

const COLORS = { planned: '#5c6bc0', paid: '#2e7d32', failed: '#c62828' };

interface Totals {
  readonly plannedCount: number;
  readonly plannedMinor: string;
  readonly paidCount: number;
  readonly paidMinor: string;
  readonly failedCount: number;
  readonly failedMinor: string;
}

function total(rows: readonly ReconciliationRow[]): Totals {
  const add = (pick: (row: ReconciliationRow) => string) => rows.reduce((sum, row) => sum + BigInt(pick(row)), 0n).toString();
  return {
    plannedCount: rows.reduce((sum, row) => sum + row.plannedCount, 0),
    plannedMinor: add((r) => r.plannedMinor),
    paidCount: rows.reduce((sum, row) => sum + row.paidCount, 0),
    paidMinor: add((r) => r.paidMinor),
    failedCount: rows.reduce((sum, row) => sum + row.failedCount, 0),
    failedMinor: add((r) => r.failedMinor),
  };
}

/**
 * The reconciliation of a payroll: planned vs paid vs failed amounts and counts, per area and per payment point
 * (lines in the caller's areas), as charts and tables, with the report to download as XLSX or PDF.
 */
@Component({
  selector: 'cm-payment-reconciliation-dashboard',
  imports: [MatTableModule, MatButton, MatIcon, TranslatePipe, BarChartComponent, ErrorBannerComponent, LoadingIndicatorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reconciliation-dashboard.component.html',
  styleUrl: './reconciliation-dashboard.component.scss',
})
export class ReconciliationDashboardComponent {
  private readonly service = inject(PayrollService);
  private readonly files = inject(AuthorizedFilesService);
  private readonly translate = inject(TranslateService);
  protected readonly lang = inject(LanguageService).current;

  readonly payrollId = input.required<string>();
  readonly payrollCode = input.required<string>();
  readonly currency = input.required<string>();
  /** Changes when the payroll moved, so that the figures are read again. */
  readonly revision = input(0);

  protected readonly columns = ['key', 'planned', 'paid', 'failed'];
  protected readonly report = resource({
    params: () => ({ id: this.payrollId(), revision: this.revision() }),
    loader: ({ params }) => this.service.reconciliation(params.id),
  });
  protected readonly totals = computed(() => (this.report.hasValue() ? total(this.report.value().byArea) : null));
  protected readonly downloadError = signal<unknown>(null);
  protected readonly downloading = signal<string | null>(null);
  protected readonly money = (minor: string) => formatMinor(minor, this.currency(), this.lang());
  protected readonly axisFormat = (value: number) => new Intl.NumberFormat(this.lang(), { notation: 'compact' }).format(value);

  protected readonly areaChart = computed(() => this.chart(this.report.hasValue() ? this.report.value().byArea : []));
  protected readonly pointChart = computed(() => this.chart(this.report.hasValue() ? this.report.value().byPaymentPoint : []));

  protected keyLabel(key: string): string {
    return key === '-' ? this.translate.instant('payroll.reconciliation.noPoint') : key;
  }

  protected async download(format: 'xlsx' | 'pdf'): Promise<void> {
    this.downloadError.set(null);
    this.downloading.set(format);
    try {
      await this.files.save(`/api/payment/payrolls/${this.payrollId()}/reconciliation-report?format=${format}`, `reconciliation-${this.payrollCode()}.${format}`);
    } catch (error) {
      this.downloadError.set(error);
    } finally {
      this.downloading.set(null);
    }
  }

  private chart(rows: readonly ReconciliationRow[]): { categories: string[]; series: ChartSeries[] } {
    this.lang();
    const currency = this.currency();
    const name = (key: string) => this.translate.instant(`payroll.reconciliation.${key}`);
    return {
      categories: rows.map((row) => this.keyLabel(row.key)),
      series: [
        { name: name('planned'), color: COLORS.planned, values: rows.map((row) => chartValue(row.plannedMinor, currency)) },
        { name: name('paid'), color: COLORS.paid, values: rows.map((row) => chartValue(row.paidMinor, currency)) },
        { name: name('failed'), color: COLORS.failed, values: rows.map((row) => chartValue(row.failedMinor, currency)) },
      ],
    };
  }
}
