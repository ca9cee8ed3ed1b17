import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { AuthService, ColumnChoice, DataTableComponent, dataList, DateTimePipe, EmptyStateComponent, ErrorBannerComponent, LanguageService, latestValue, ListUrlState, LoadingIndicatorComponent, Notifier, formatDay } from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { Payroll } from '../data/payroll.queries';
import { PAYROLL_PAGE_SIZE, PayrollService } from '../data/payroll.service';
import { openBenefitRulesDialog } from '../payrolls/benefit-rules-dialog.component';
import { openCreatePayrollDialog } from '../payrolls/create-payroll-dialog.component';
import { openEditCycleDialog } from './edit-cycle-dialog.component';

const COLUMNS = new ColumnChoice(
  [
    { key: 'code', label: 'payroll.fields.code', fixed: true },
    { key: 'status', label: 'payroll.fields.status', compact: true },
    { key: 'createdAt', label: 'payroll.fields.createdAt' },
  ],
  'payment.payrolls',
);

/** One payment cycle: what it is, and its payrolls (a row opens the payroll). */
@Component({
  selector: 'cm-payment-cycle-detail-page',
  imports: [MatTableModule, MatButton, MatIcon, RouterLink, TranslatePipe, DateTimePipe, DataTableComponent, EmptyStateComponent, ErrorBannerComponent, LoadingIndicatorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './cycle-detail.page.html',
  styleUrl: './cycle-detail.page.scss',
})
export class CycleDetailPage {
  private readonly service = inject(PayrollService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly translate = inject(TranslateService);
  private readonly auth = inject(AuthService);
  private readonly notifier = inject(Notifier);
  protected readonly lang = inject(LanguageService).current;

  /** The route's `:id`. */
  readonly id = input.required<string>();
  protected readonly canManage = computed(() => this.auth.can('payment.manage'));
  protected readonly cycle = resource({ params: () => ({ id: this.id() }), loader: ({ params }) => this.service.cycle(params.id) });
  protected readonly data = latestValue(this.cycle);
  protected readonly missing = computed(() => this.cycle.hasValue() && this.cycle.value() === null);

  protected readonly list = new ListUrlState([] as const);
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: PAYROLL_PAGE_SIZE,
    params: () => ({ cycleId: this.id() }),
    load: ({ cycleId }, after) => this.service.list(cycleId, after),
    rowTestId: (row: Payroll) => `payroll-row-${row.code}`,
    rowLabel: (row) => this.translate.instant('payroll.list.open', { code: row.code }),
  });

  protected day(value: string): string {
    return formatDay(value, this.lang());
  }

  protected open(payroll: Payroll): void {
    void this.router.navigate(['/payment', 'payrolls', payroll.id]);
  }

  protected edit(): void {
    const cycle = this.data();
    if (!cycle) return;
    openEditCycleDialog(this.dialog, { cycle, locked: (this.table.data()?.totalCount ?? 0) > 0 }).subscribe((saved) => {
      if (!saved) return;
      this.notifier.notify('payroll.cycle.saved', { code: saved.code });
      this.cycle.reload();
    });
  }

  protected rules(): void {
    const cycle = this.data();
    if (!cycle) return;
    openBenefitRulesDialog(this.dialog, { programId: cycle.programId, currency: cycle.currency }).subscribe((saved) => {
      if (saved && saved !== 'held') this.notifier.notify('payroll.rules.saved', { version: saved.ruleVersion });
    });
  }

  protected create(): void {
    openCreatePayrollDialog(this.dialog, { cycleId: this.id() }).subscribe((payroll) => {
      if (payroll) void this.router.navigate(['/payment', 'payrolls', payroll.id]);
    });
  }
}
