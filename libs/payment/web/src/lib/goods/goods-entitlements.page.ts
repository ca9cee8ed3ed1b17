import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, resource, signal } from '@angular/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ColumnChoice, DataTableComponent, dataList, DateTimePipe, EmptyStateComponent, JobProgressComponent, LanguageService, ListUrlState, type ListPage } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import type { PaymentJob } from '../data/payroll.queries';
import { PayrollService } from '../data/payroll.service';
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
const POLL_MS = 1500;

/**
 * The entitlements of a distribution in the caller's areas, with what was delivered: distribution and status in the URL.
 * While the distribution's entitlements are being generated, the page follows the job and reads the list again at the end.
 */
@Component({
  selector: 'cm-payment-goods-entitlements-page',
  imports: [MatTableModule, MatFormField, MatLabel, MatSelect, MatOption, TranslatePipe, DateTimePipe, DataTableComponent, EmptyStateComponent, JobProgressComponent, GoodsTabsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './goods-entitlements.page.html',
  styles: '.filters { display: flex; gap: 16px; flex-wrap: wrap; } .filters mat-form-field { min-width: 240px; }',
})
export class GoodsEntitlementsPage {
  private readonly service = inject(GoodsService);
  private readonly payrolls = inject(PayrollService);
  protected readonly lang = inject(LanguageService).current;
  protected readonly statuses = STATUSES;

  protected readonly distributions = resource({ loader: () => this.service.distributions() });
  private readonly items = resource({ loader: () => this.service.items(undefined, null) });
  private readonly itemsById = computed(() => new Map((this.items.hasValue() ? this.items.value().rows : []).map((i) => [i.id, i])));

  protected readonly list = new ListUrlState(['d', 'status'] as const);
  /** The generation job of the chosen distribution, followed while it runs. */
  protected readonly job = signal<PaymentJob | null>(null);
  /** Bumped when a generation finished: the list reads again. */
  private readonly revision = signal(0);
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: GOODS_PAGE_SIZE,
    params: () => ({ distributionId: this.list.value('d'), status: (this.list.value('status') as LineStatus | null) ?? undefined, revision: this.revision() }),
    load: ({ distributionId, status }, after) => (distributionId ? this.service.entitlements(distributionId, status, after) : Promise.resolve(EMPTY)),
    rowTestId: (row: GoodsEntitlementRow) => `goods-entitlement-${row.id}`,
  });

  constructor() {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let round = 0;
    inject(DestroyRef).onDestroy(() => timer && clearTimeout(timer));
    effect(() => {
      const id = this.list.value('d');
      const distribution = this.distributions.hasValue() ? this.distributions.value().find((d) => d.id === id) : undefined;
      const jobId = distribution?.status === 'DRAFT' ? distribution.generationJobId : null;
      if (timer) clearTimeout(timer);
      timer = null;
      const mine = ++round;
      this.job.set(null);
      if (!jobId) return;
      const follow = async (wasRunning: boolean) => {
        // a failed read (network, busy server) is tried again rather than taken for a finished job
        const job = await this.payrolls.job(jobId).catch(() => undefined);
        if (mine !== round) return;
        if (job !== undefined) this.job.set(job);
        const running = job === undefined || job?.status === 'QUEUED' || job?.status === 'RUNNING';
        if (running) timer = setTimeout(() => void follow(true), POLL_MS);
        else if (wasRunning) this.revision.update((n) => n + 1);
      };
      void follow(false);
    });
  }

  protected itemOf(row: GoodsEntitlementRow): string {
    const item = this.itemsById().get(row.itemId);
    return item ? `${itemName(item.names, this.lang())} (${item.unit})` : row.itemId;
  }
}
