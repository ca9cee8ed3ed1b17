import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { AuthService, ColumnChoice, DataTableComponent, dataList, DateTimePipe, EmptyStateComponent, LanguageService, ListUrlState, Notifier, type ListPage } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import type { GoodsMovementRow, GoodsStockRow } from './goods.queries';
import { GoodsService } from './goods.service';
import { GoodsTabsComponent } from './goods-tabs.component';
import { localizedName } from '../ui/payment-format';

const STOCK_COLUMNS = new ColumnChoice(
  [
    { key: 'item', label: 'paymentGoods.stock.item', fixed: true },
    { key: 'quantity', label: 'paymentGoods.stock.quantity', compact: true },
    { key: 'committed', label: 'paymentGoods.stock.committed', compact: true },
  ],
  'payment.goods.stock',
);
const LEDGER_COLUMNS = new ColumnChoice(
  [
    { key: 'when', label: 'paymentGoods.stock.when', fixed: true },
    { key: 'item', label: 'paymentGoods.stock.item', compact: true },
    { key: 'kind', label: 'paymentGoods.stock.kind', compact: true },
    { key: 'quantity', label: 'paymentGoods.stock.moved', compact: true },
    { key: 'balance', label: 'paymentGoods.stock.balance' },
    { key: 'reference', label: 'paymentGoods.stock.reference' },
  ],
  'payment.goods.ledger',
);
const page = <T>(rows: readonly T[]): ListPage<T> => ({ rows, totalCount: rows.length, hasNextPage: false, endCursor: null });

/** Stock of each item at a payment point of the caller's areas, what is still to deliver from it, and its latest movements. */
@Component({
  selector: 'cm-payment-goods-stock-page',
  imports: [MatTableModule, MatFormField, MatLabel, MatSelect, MatOption, MatInput, MatButton, ReactiveFormsModule, TranslatePipe, DateTimePipe, DataTableComponent, EmptyStateComponent, GoodsTabsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './goods-stock.page.html',
  styleUrl: './goods.page.scss',
  styles: `
    .filters, .receive { display: flex; gap: 16px; flex-wrap: wrap; align-items: baseline; }
    .filters mat-form-field { min-width: 380px; }
    .short { color: var(--mat-sys-error); margin-left: 8px; }
    h2 { margin-top: 24px; }
  `,
})
export class GoodsStockPage {
  private readonly service = inject(GoodsService);
  private readonly notifier = inject(Notifier);
  protected readonly lang = inject(LanguageService).current;
  private readonly auth = inject(AuthService);
  protected readonly canManage = computed(() => this.auth.can('payment.goods.manage'));

  protected readonly points = resource({ loader: () => this.service.points() });
  private readonly items = resource({ loader: () => this.service.items(undefined, null) });
  protected readonly itemList = computed(() => (this.items.hasValue() ? this.items.value().rows.filter((i) => i.active) : []));
  private readonly itemsById = computed(() => new Map((this.items.hasValue() ? this.items.value().rows : []).map((i) => [i.id, i])));

  protected readonly list = new ListUrlState(['p'] as const);
  private readonly data = resource({
    params: () => ({ point: this.list.value('p') }),
    loader: ({ params }) => (params.point ? this.service.stock(params.point) : Promise.resolve({ stock: [], movements: [] })),
  });
  protected readonly stock = dataList({
    columns: STOCK_COLUMNS,
    params: () => ({ point: this.list.value('p'), version: this.data.value() }),
    load: async () => page<GoodsStockRow>(this.data.value()?.stock ?? []),
    rowTestId: (row: GoodsStockRow) => `goods-stock-${row.itemCode}`,
  });
  protected readonly ledger = dataList({
    columns: LEDGER_COLUMNS,
    params: () => ({ point: this.list.value('p'), version: this.data.value() }),
    load: async () => page<GoodsMovementRow>(this.data.value()?.movements ?? []),
  });

  protected readonly form = new FormGroup({
    itemId: new FormControl<string | null>(null, Validators.required),
    quantity: new FormControl<number | null>(null, [Validators.required, Validators.min(1), Validators.max(1_000_000)]),
    reference: new FormControl<string>('', Validators.maxLength(100)),
  });

  protected itemOf(itemId: string): string {
    const item = this.itemsById().get(itemId);
    return item ? `${localizedName(item.names, this.lang())} (${item.unit})` : itemId;
  }

  protected async receive(): Promise<void> {
    const point = this.list.value('p');
    const value = this.form.getRawValue();
    if (!point || this.form.invalid || !value.itemId || !value.quantity) {
      this.form.markAllAsTouched();
      return;
    }
    try {
      await this.service.receive({ paymentPointId: point, itemId: value.itemId, quantity: value.quantity, reference: value.reference?.trim() || null });
      this.notifier.notify('paymentGoods.stock.received');
      this.form.reset({ itemId: null, quantity: null, reference: '' });
      this.data.reload();
    } catch {
      this.notifier.notify('paymentGoods.stock.receiveFailed');
    }
  }
}
