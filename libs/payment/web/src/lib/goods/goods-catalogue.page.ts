import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { ColumnChoice, DataTableComponent, dataList, EmptyStateComponent, LanguageService, ListUrlState, SearchFieldComponent } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { formatMinor } from '../ui/payment-format';
import { itemName } from './goods-format';
import type { GoodsItemRow } from './goods.queries';
import { GOODS_PAGE_SIZE, GoodsService } from './goods.service';
import { GoodsTabsComponent } from './goods-tabs.component';

const COLUMNS = new ColumnChoice(
  [
    { key: 'code', label: 'paymentGoods.catalogue.code', fixed: true },
    { key: 'name', label: 'paymentGoods.catalogue.name', compact: true },
    { key: 'unit', label: 'paymentGoods.catalogue.unit' },
    { key: 'unitValue', label: 'paymentGoods.catalogue.unitValue' },
    { key: 'status', label: 'paymentGoods.catalogue.status', compact: true },
  ],
  'payment.goods.catalogue',
);

/** The goods catalogue on the web kit: search and page in the URL, names in the interface language. */
@Component({
  selector: 'cm-payment-goods-catalogue-page',
  imports: [MatTableModule, TranslatePipe, DataTableComponent, SearchFieldComponent, EmptyStateComponent, GoodsTabsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './goods-catalogue.page.html',
  styleUrl: './goods.page.scss',
})
export class GoodsCataloguePage {
  private readonly service = inject(GoodsService);
  protected readonly lang = inject(LanguageService).current;

  protected readonly list = new ListUrlState(['q'] as const);
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: GOODS_PAGE_SIZE,
    params: () => ({ search: this.list.value('q') }),
    load: ({ search }, after) => this.service.items(search || undefined, after),
    rowTestId: (row: GoodsItemRow) => `goods-item-${row.code}`,
  });

  protected nameOf(row: GoodsItemRow): string {
    return itemName(row.names, this.lang());
  }

  protected value(row: GoodsItemRow): string {
    return formatMinor(row.unitValueMinor, row.currency, this.lang());
  }
}
