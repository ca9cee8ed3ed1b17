import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ColumnChoice, DataTableComponent, dataList, DateTimePipe, EmptyStateComponent, LanguageService, ListUrlState, type ListPage } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { itemName, type LineStatus } from './goods-format';
import type { GoodsEntitlementRow } from './goods.queries';
import { GOODS_PAGE_SIZE, GoodsService } from './goods.service';
import { GoodsTabsComponent } from './goods-tabs.component';

const COLUMNS = new ColumnChoice(
  [
    { key: 'recipient', label: 'paymentGoods.entitlements.recipient', fixed: true },
    { key: 'item', label: 'paymentGoods.entitlements.item', compact: true },
    { key: 'quantity', label: 'paymentGoods.entitlements.quantity', compact: true },
    { key: 'status', label: 'paymentGoods.entitlements.status' },
    { key: 'deliveredAt', label: 'paymentGoods.entitlements.deliveredAt' },
  ],
  'payment.goods.entitlements',
);
const STATUSES: LineStatus[] = ['CREATED', 'APPROVED', 'SUBMITTED', 'PAID', 'CANCELLED', 'RECONCILED'];
const EMPTY: ListPage<GoodsEntitlementRow> = { rows: [], totalCount: 0, hasNextPage: false, endCursor: null };

/** The entitlements of a distribution in the caller's areas, with what was delivered: distribution and status in the URL. */
@Component({
  selector: 'cm-payment-goods-entitlements-page',
  imports: [MatTableModule, MatFormField, MatLabel, MatSelect, MatOption, TranslatePipe, DateTimePipe, DataTableComponent, EmptyStateComponent, GoodsTabsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './goods-entitlements.page.html',
  styles: '.filters { display: flex; gap: 16px; flex-wrap: wrap; } .filters mat-form-field { min-width: 240px; }',
})
export class GoodsEntitlementsPage {
  private readonly service = inject(GoodsService);
  protected readonly lang = inject(LanguageService).current;
  protected readonly statuses = STATUSES;

  protected readonly distributions = resource({ loader: () => this.service.distributions() });
  private readonly items = resource({ loader: () => this.service.items(undefined, null) });
  private readonly itemsById = computed(() => new Map((this.items.hasValue() ? this.items.value().rows : []).map((i) => [i.id, i])));

  protected readonly list = new ListUrlState(['d', 'status'] as const);
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: GOODS_PAGE_SIZE,
    params: () => ({ distributionId: this.list.value('d'), status: (this.list.value('status') as LineStatus | null) ?? undefined }),
    load: ({ distributionId, status }, after) => (distributionId ? this.service.entitlements(distributionId, status, after) : Promise.resolve(EMPTY)),
    rowTestId: (row: GoodsEntitlementRow) => `goods-entitlement-${row.id}`,
  });

  protected itemOf(row: GoodsEntitlementRow): string {
    const item = this.itemsById().get(row.itemId);
    return item ? `${itemName(item.names, this.lang())} (${item.unit})` : row.itemId;
  }
}
