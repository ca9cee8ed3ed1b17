import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import { AuthService, ColumnChoice, DataTableComponent, dataList, EmptyStateComponent, LanguageService, ListUrlState, Notifier, SearchFieldComponent, formatDay } from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { Cycle } from '../data/cycle.queries';
import { CycleService, PAYMENT_PAGE_SIZE } from '../data/cycle.service';
import { openCreateCycleDialog } from './create-cycle-dialog.component';

const COLUMNS = new ColumnChoice(
  [
    { key: 'code', label: 'payment.list.code', fixed: true },
    { key: 'name', label: 'payment.list.name' },
    { key: 'period', label: 'payroll.cycle.period' },
    { key: 'plannedDate', label: 'payroll.cycle.plannedDate' },
    { key: 'currency', label: 'payroll.cycle.currency', compact: true },
  ],
  'payment.cycles',
);

/** The payment cycles of the caller's areas on the web kit: search and page in the URL; a row opens its payrolls; new cycles here. */
@Component({
  selector: 'cm-payment-cycle-list-page',
  imports: [MatTableModule, MatButton, MatIcon, TranslatePipe, DataTableComponent, SearchFieldComponent, EmptyStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './cycle-list.page.html',
  styleUrl: './cycle-list.page.scss',
})
export class CycleListPage {
  private readonly service = inject(CycleService);
  private readonly router = inject(Router);
  private readonly translate = inject(TranslateService);
  private readonly lang = inject(LanguageService).current;
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly auth = inject(AuthService);
  protected readonly canCreate = computed(() => this.auth.can('payment.manage'));

  protected readonly list = new ListUrlState(['q'] as const);
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: PAYMENT_PAGE_SIZE,
    params: () => ({ search: this.list.value('q') }),
    load: ({ search }, after) => this.service.list({ search: search || undefined }, after),
    rowTestId: (row: Cycle) => `cycle-row-${row.code}`,
    rowLabel: (row) => this.translate.instant('payroll.cycle.open', { code: row.code }),
  });

  protected day(value: string): string {
    return formatDay(value, this.lang());
  }

  protected create(): void {
    openCreateCycleDialog(this.dialog).subscribe((cycle) => {
      if (!cycle) return;
      this.notifier.notify('payroll.cycle.created', { code: cycle.code });
      this.open(cycle);
    });
  }

  protected open(cycle: Cycle): void {
    void this.router.navigate(['/payment', 'cycles', cycle.id]);
  }
}
