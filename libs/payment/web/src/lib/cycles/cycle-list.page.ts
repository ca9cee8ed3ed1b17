import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import { ColumnChoice, DataTableComponent, dataList, EmptyStateComponent, LanguageService, ListUrlState, SearchFieldComponent, formatDay } from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { Cycle } from '../data/cycle.queries';
import { CycleService, PAYMENT_PAGE_SIZE } from '../data/cycle.service';

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

/** The payment cycles of the caller's areas on the web kit: search and page in the URL; a row opens its payrolls. */
@Component({
  selector: 'cm-payment-cycle-list-page',
  imports: [MatTableModule, TranslatePipe, DataTableComponent, SearchFieldComponent, EmptyStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './cycle-list.page.html',
  styleUrl: './cycle-list.page.scss',
})
export class CycleListPage {
  private readonly service = inject(CycleService);
  private readonly router = inject(Router);
  private readonly translate = inject(TranslateService);
  private readonly lang = inject(LanguageService).current;

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

  protected open(cycle: Cycle): void {
    void this.router.navigate(['/payment', 'cycles', cycle.id]);
  }
}
