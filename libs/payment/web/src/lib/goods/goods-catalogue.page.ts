import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { AuthService, ColumnChoice, DataTableComponent, dataList, EmptyStateComponent, LanguageService, ListUrlState, Notifier, SearchFieldComponent } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { openGoodsItemDialog } from './goods-item-dialog.component';
import { openGoodsRulesDialog } from './goods-rules-dialog.component';
import type { GoodsItemRow } from './goods.queries';
import { GOODS_PAGE_SIZE, GoodsService } from './goods.service';
import { GoodsTabsComponent } from './goods-tabs.component';
import { formatMinor, localizedName } from '../ui/payment-format';

const COLUMNS = new ColumnChoice(
  [
    { key: 'code', label: 'paymentGoods.catalogue.code', fixed: true },
    { key: 'name', label: 'paymentGoods.catalogue.name', compact: true },
    { key: 'unit', label: 'paymentGoods.catalogue.unit' },
    { key: 'unitValue', label: 'paymentGoods.catalogue.unitValue' },
    { key: 'status', label: 'paymentGoods.catalogue.status', compact: true },
    { key: 'actions', label: 'paymentGoods.catalogue.actions', fixed: true },
  ],
  'payment.goods.catalogue',
);

/** The goods catalogue on the web kit: search and page in the URL, names in the interface language; items added and changed here. */
@Component({
  selector: 'cm-payment-goods-catalogue-page',
  imports: [MatTableModule, MatButton, MatIconButton, MatIcon, MatTooltip, TranslatePipe, DataTableComponent, SearchFieldComponent, EmptyStateComponent, GoodsTabsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './goods-catalogue.page.html',
  styleUrl: './goods.page.scss',
})
export class GoodsCataloguePage {
  private readonly service = inject(GoodsService);
  protected readonly lang = inject(LanguageService).current;
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly auth = inject(AuthService);
  protected readonly canManage = computed(() => this.auth.can('payment.goods.manage'));

  protected readonly list = new ListUrlState(['q'] as const);
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: GOODS_PAGE_SIZE,
    params: () => ({ search: this.list.value('q') }),
    load: ({ search }, after) => this.service.items(search || undefined, after),
    rowTestId: (row: GoodsItemRow) => `goods-item-${row.code}`,
  });

  protected edit(row: GoodsItemRow | null = null): void {
    openGoodsItemDialog(this.dialog, row).subscribe((saved) => {
      if (!saved) return;
      this.notifier.notify('paymentGoods.item.saved', { code: saved.code });
      this.table.reload();
    });
  }

  protected rules(): void {
    openGoodsRulesDialog(this.dialog).subscribe((saved) => {
      if (saved && saved !== 'held') this.notifier.notify('paymentGoods.rules.saved', { version: saved.ruleVersion });
    });
  }

  protected nameOf(row: GoodsItemRow): string {
    return localizedName(row.names, this.lang());
  }

  protected value(row: GoodsItemRow): string {
    return formatMinor(row.unitValueMinor, row.currency, this.lang());
  }
}
