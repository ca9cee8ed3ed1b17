import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import {
  approvalPending,
  AuthService,
  ColumnChoice,
  DataTableComponent,
  dataList,
  DateTimePipe,
  EmptyStateComponent,
  ErrorBannerComponent,
  JobProgressComponent,
  LanguageService,
  ListUrlState,
  type ListPage,
  Notifier,
  openConfirmDialog,
} from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { PaymentJob } from '../data/payroll.queries';
import { PayrollService } from '../data/payroll.service';
import { statusTone } from '../payrolls/payroll-format';
import { openCreateGoodsDistributionDialog } from './create-goods-distribution-dialog.component';
import { type LineStatus } from './goods-format';
import type { GoodsEntitlementRow } from './goods.queries';
import { GOODS_PAGE_SIZE, type GoodsDistributionAction, GoodsService } from './goods.service';
import { GoodsReportComponent } from './goods-report.component';
import { GoodsTabsComponent } from './goods-tabs.component';
import { localizedName } from '../ui/payment-format';

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

/** What can be done to a distribution in each state, and the permission it takes (the API checks both again). */
const ACTIONS: Record<string, { action: GoodsDistributionAction; permission: string; primary?: boolean }[]> = {
  DRAFT: [
    { action: 'regenerate', permission: 'payment.goods.manage' },
    { action: 'submit', permission: 'payment.goods.manage', primary: true },
  ],
  PENDING_APPROVAL: [
    { action: 'reject', permission: 'payment.approve' },
    { action: 'approve', permission: 'payment.approve', primary: true },
  ],
  APPROVED: [{ action: 'start', permission: 'payment.pay', primary: true }],
  IN_PAYMENT: [{ action: 'reconcile', permission: 'payment.pay', primary: true }],
};

/**
 * The entitlements of a distribution in the caller's areas, with what was delivered: distribution and status in the URL.
 * While the distribution's entitlements are being generated, the page follows the job and reads the list again at the end.
 * The chosen distribution's next steps (generate again, submit, approve or reject, send to the points, reconcile) are
 * offered by state and permission; a new distribution is created here too.
 */
@Component({
  selector: 'cm-payment-goods-entitlements-page',
  imports: [MatTableModule, MatButton, MatIcon, MatFormField, MatLabel, MatSelect, MatOption, TranslatePipe, DateTimePipe, DataTableComponent, EmptyStateComponent, ErrorBannerComponent, JobProgressComponent, GoodsReportComponent, GoodsTabsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './goods-entitlements.page.html',
  styleUrl: './goods.page.scss',
  styles: '.steps { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 0 0 16px; }',
})
export class GoodsEntitlementsPage {
  private readonly service = inject(GoodsService);
  private readonly payrolls = inject(PayrollService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly auth = inject(AuthService);
  protected readonly tone = statusTone;
  protected readonly canCreate = computed(() => this.auth.can('payment.goods.manage'));
  protected readonly busy = signal(false);
  protected readonly failure = signal<unknown>(null);
  /** Distributions whose generation this page started (created or generated again). */
  private readonly started = new Set<string>();
  protected readonly lang = inject(LanguageService).current;
  protected readonly statuses = STATUSES;

  protected readonly distributions = resource({ loader: () => this.service.distributions() });
  private readonly items = resource({ loader: () => this.service.items(undefined, null) });
  /** The one currency of the catalogue's unit values (the report shows values only then). */
  protected readonly itemsCurrency = computed(() => {
    const currencies = new Set((this.items.hasValue() ? this.items.value().rows : []).map((i) => i.currency));
    return currencies.size === 1 ? [...currencies][0] : null;
  });
  private readonly itemsById = computed(() => new Map((this.items.hasValue() ? this.items.value().rows : []).map((i) => [i.id, i])));

  protected readonly list = new ListUrlState(['d', 'status'] as const);
  protected readonly chosen = computed(() => {
    const id = this.list.value('d');
    return (this.distributions.hasValue() ? this.distributions.value() : []).find((d) => d.id === id) ?? null;
  });
  /** The chosen distribution's next steps the user may take. */
  protected readonly actions = computed(() => {
    const chosen = this.chosen();
    const running = this.job()?.status === 'QUEUED' || this.job()?.status === 'RUNNING';
    return chosen && !running ? (ACTIONS[chosen.status] ?? []).filter((a) => this.auth.can(a.permission)) : [];
  });
  /** The generation job of the chosen distribution, followed while it runs. */
  protected readonly job = signal<PaymentJob | null>(null);
  /** Bumped when a generation finished: the list reads again. */
  protected readonly revision = signal(0);
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
        // a generation this page started may have ended before the list was read, or after: read it again
        else if (wasRunning || (id && this.started.delete(id))) this.revision.update((n) => n + 1);
      };
      void follow(false);
    });
  }

  protected create(): void {
    openCreateGoodsDistributionDialog(this.dialog).subscribe((created) => {
      if (!created) return;
      this.started.add(created.id);
      this.notifier.notify('paymentGoods.distributions.created', { code: created.code });
      this.distributions.reload();
      this.list.set({ d: created.id, status: null });
    });
  }

  protected run(action: GoodsDistributionAction): void {
    const chosen = this.chosen();
    if (!chosen) return;
    if (action !== 'start' && action !== 'reject') {
      void this.act(action, chosen.id, chosen.code);
      return;
    }
    openConfirmDialog(this.dialog, {
      title: this.translate.instant(`paymentGoods.distributions.confirm.${action}Title`, { code: chosen.code }),
      message: this.translate.instant(`paymentGoods.distributions.confirm.${action}Message`),
      confirmLabel: this.translate.instant(`paymentGoods.distributions.actions.${action}`),
      destructive: action === 'reject',
    }).subscribe((confirmed) => {
      if (confirmed) void this.act(action, chosen.id, chosen.code);
    });
  }

  private async act(action: GoodsDistributionAction, id: string, code: string): Promise<void> {
    this.failure.set(null);
    this.busy.set(true);
    try {
      if (action === 'regenerate') this.started.add(id);
      await this.service.act(action, id);
      this.notifier.notify(`paymentGoods.distributions.done.${action}`, { code });
    } catch (error) {
      if (approvalPending(error)) this.notifier.notify('paymentGoods.distributions.heldForApproval', { code });
      else this.failure.set(error);
    } finally {
      this.busy.set(false);
      this.distributions.reload();
      this.revision.update((n) => n + 1);
    }
  }

  protected itemOf(row: GoodsEntitlementRow): string {
    const item = this.itemsById().get(row.itemId);
    return item ? `${localizedName(item.names, this.lang())} (${item.unit})` : row.itemId;
  }
}
