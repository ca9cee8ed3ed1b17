import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { AreaSearchService, AuthService, ColumnChoice, DataTableComponent, dataList, EmptyStateComponent, ListUrlState, Notifier, SearchFieldComponent } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import type { PaymentPoint } from '../data/payment-point.queries';
import { PAYMENT_POINTS_PAGE_SIZE, PaymentPointService } from '../data/payment-point.service';
import { openPaymentPointDialog, WEEK_DAYS } from './payment-point-dialog.component';

const COLUMNS = new ColumnChoice(
  [
    { key: 'code', label: 'paymentPoints.fields.code', fixed: true },
    { key: 'name', label: 'paymentPoints.fields.name' },
    { key: 'type', label: 'paymentPoints.fields.type', compact: true },
    { key: 'area', label: 'paymentPoints.fields.area' },
    { key: 'gps', label: 'paymentPoints.fields.gps' },
    { key: 'days', label: 'paymentPoints.fields.openingDays' },
    { key: 'staff', label: 'paymentPoints.fields.staff', compact: true },
    { key: 'actions', label: 'paymentPoints.list.actions', fixed: true },
  ],
  'payment.points',
);

/** Payment points of the caller's areas: search and page in the URL, create and edit in a dialog. */
@Component({
  selector: 'cm-payment-point-list-page',
  imports: [MatTableModule, MatButton, MatIconButton, MatIcon, MatTooltip, TranslatePipe, DataTableComponent, SearchFieldComponent, EmptyStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './payment-point-list.page.html',
  styleUrl: './payment-point-list.page.scss',
})
export class PaymentPointListPage {
  private readonly service = inject(PaymentPointService);
  private readonly areas = inject(AreaSearchService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly auth = inject(AuthService);

  protected readonly canManage = computed(() => this.auth.can('payment.points.manage'));
  protected readonly days = WEEK_DAYS;
  protected readonly list = new ListUrlState(['q'] as const);
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: PAYMENT_POINTS_PAGE_SIZE,
    params: () => ({ search: this.list.value('q') }),
    load: ({ search }, after) => this.service.list(search, after),
    rowTestId: (row: PaymentPoint) => `point-row-${row.code}`,
  });
  /** Names of the areas of the rows on screen. */
  protected readonly areaNames = resource({
    params: () => [...new Set(this.table.rows().map((row) => row.areaId))],
    loader: async ({ params }) => new Map((await this.areas.areas(params)).map((area) => [area.id, `${area.name} (${area.code})`])),
  });

  protected areaOf(point: PaymentPoint): string {
    return this.areaNames.value()?.get(point.areaId) ?? '';
  }

  protected edit(point?: PaymentPoint): void {
    openPaymentPointDialog(this.dialog, { point }).subscribe((saved) => {
      if (!saved) return;
      this.notifier.notify('paymentPoints.form.saved', { name: saved.name });
      this.table.reload();
    });
  }
}
