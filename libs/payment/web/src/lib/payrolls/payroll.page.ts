import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import {
  approvalPending,
  AuthService,
  ChoiceFilterComponent,
  ColumnChoice,
  DataTableComponent,
  dataList,
  EmptyStateComponent,
  ErrorBannerComponent,
  JobProgressComponent,
  LanguageService,
  latestValue,
  type ListPage,
  ListUrlState,
  LoadingIndicatorComponent,
  Notifier,
  openConfirmDialog,
  RowSelection,
} from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { PaymentJob, PayrollLine, PayrollLineStatus } from '../data/payroll.queries';
import { PAYROLL_PAGE_SIZE, PayrollService } from '../data/payroll.service';
import { formatMinor } from '../ui/payment-format';
import { openReconcileFileDialog } from './reconcile-file-dialog.component';
import { openLineDecisionDialog } from './line-decision-dialog.component';
import { componentLabel, statusTone } from './payroll-format';
import { ReconciliationDashboardComponent } from './reconciliation-dashboard.component';

const LINE_STATUSES: readonly PayrollLineStatus[] = ['CREATED', 'FLAGGED', 'APPROVED', 'SUBMITTED', 'PAID', 'FAILED', 'CANCELLED', 'RECONCILED'] as PayrollLineStatus[];
const COLUMNS = new ColumnChoice(
  [
    { key: 'recipient', label: 'payroll.lines.recipient', fixed: true },
    { key: 'amount', label: 'payroll.lines.amount' },
    { key: 'components', label: 'payroll.lines.components' },
    { key: 'status', label: 'payroll.lines.status', compact: true },
    { key: 'flags', label: 'payroll.lines.flags' },
    { key: 'settlement', label: 'payroll.lines.settlement' },
  ],
  'payment.payrollLines',
);
const EMPTY_PAGE: ListPage<PayrollLine> = { rows: [], totalCount: 0, hasNextPage: false, endCursor: null };
/** How often a running job's progress, or a payroll in payment, is read again. */
const POLL_MS = 1500;

/**
 * One payroll: its status and the actions it allows (generate again, submit for approval, approve, reject, pay,
 * ask the provider), generation progress, the lines of the caller's areas with their amount components and flags
 * (flagged lines released or cancelled with a reason), and the reconciliation dashboard.
 */
@Component({
  selector: 'cm-payment-payroll-page',
  imports: [
    MatTableModule,
    MatTabsModule,
    MatButton,
    MatIcon,
    JobProgressComponent,
    RouterLink,
    TranslatePipe,
    DataTableComponent,
    ChoiceFilterComponent,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
    ReconciliationDashboardComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './payroll.page.html',
  styleUrl: './payroll.page.scss',
})
export class PayrollPage {
  private readonly service = inject(PayrollService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);
  private readonly notifier = inject(Notifier);
  protected readonly lang = inject(LanguageService).current;

  /** The route's `:id`. */
  readonly id = input.required<string>();
  protected readonly statuses = LINE_STATUSES;
  protected readonly tone = statusTone;
  protected readonly can = (permission: string) => this.auth.can(permission);

  protected readonly detail = resource({ params: () => ({ id: this.id() }), loader: ({ params }) => this.service.detail(params.id) });
  protected readonly data = latestValue(this.detail);
  protected readonly missing = computed(() => this.detail.hasValue() && this.detail.value() === null);
  protected readonly payroll = computed(() => this.data()?.payroll ?? null);
  protected readonly cycle = resource({ params: () => this.payroll()?.cycleId, loader: ({ params }) => this.service.cycle(params) });
  protected readonly currency = computed(() => (this.cycle.hasValue() ? (this.cycle.value()?.currency ?? 'USD') : 'USD'));
  protected readonly failure = signal<unknown>(null);
  protected readonly busy = signal(false);
  /** Bumped when the payroll moved: the lines and the dashboard read again. */
  protected readonly revision = signal(0);
  /** The running generation or payment job. */
  protected readonly job = signal<PaymentJob | null>(null);

  protected readonly selection = new RowSelection<PayrollLine>((line) => line.id);
  protected readonly list = new ListUrlState(['status'] as const);
  protected readonly canReview = computed(() => this.payroll()?.status === 'DRAFT' && this.auth.can('payment.review'));
  /** The lines with check boxes while they may be reviewed (DRAFT, `payment.review`), without otherwise; one loads. */
  protected readonly reviewTable = this.lines(true);
  protected readonly table = this.lines(false);
  protected readonly flaggedCount = computed(() => this.data()?.summary.byStatus.find((s) => s.key === 'FLAGGED')?.count ?? 0);
  protected readonly lineCount = computed(() => this.data()?.summary.byStatus.reduce((sum, s) => sum + s.count, 0) ?? 0);
  protected readonly statusLabel = (status: string) => this.translate.instant(`payroll.lineStatuses.${status}`);

  constructor() {
    const destroyRef = inject(DestroyRef);
    let timer: ReturnType<typeof setTimeout> | null = null;
    let round = 0;
    destroyRef.onDestroy(() => timer && clearTimeout(timer));
    // follow the generation (or payment) job, then a payroll in payment until every line settled: each round reads
    // the job and reloads the payroll, which runs this again
    effect(() => {
      const payroll = this.payroll();
      const summary = this.data()?.summary;
      if (timer) clearTimeout(timer);
      timer = null;
      if (!payroll) return;
      const jobId = payroll.status === 'DRAFT' ? payroll.generationJobId : payroll.status === 'APPROVED' || payroll.status === 'IN_PAYMENT' ? payroll.submissionJobId : null;
      const settling = payroll.status === 'IN_PAYMENT' && (summary?.byStatus.some((s) => s.key === 'SUBMITTED' || s.key === 'APPROVED') ?? false);
      const mine = ++round;
      void (async () => {
        // a failed read (network, busy server) is tried again rather than taken for a finished job
        const job = jobId ? await this.service.job(jobId).catch(() => undefined) : null;
        if (mine !== round) return;
        if (job !== undefined) this.job.set(job);
        const running = job === undefined || job?.status === 'QUEUED' || job?.status === 'RUNNING';
        if (running || settling) timer = setTimeout(() => this.reload(), POLL_MS);
      })();
    });
  }

  private lines(review: boolean) {
    return dataList({
      columns: COLUMNS,
      state: this.list,
      pageSize: PAYROLL_PAGE_SIZE,
      params: () => ({ id: this.id(), status: this.list.value('status') as PayrollLineStatus | null, revision: this.revision(), active: this.data() !== undefined && this.canReview() === review }),
      load: ({ id, status, active }, after) => (active ? this.service.lines(id, status, after) : Promise.resolve(EMPTY_PAGE)),
      rowTestId: (row: PayrollLine) => `line-row-${row.id}`,
      selection: review ? this.selection : undefined,
    });
  }

  protected money(minor: string | null | undefined, currency = this.currency()): string {
    return formatMinor(minor, currency, this.lang());
  }

  protected component(code: string): string {
    return componentLabel(this.translate, code);
  }

  protected reload(): void {
    this.detail.reload();
    this.revision.update((n) => n + 1);
  }

  protected review(decision: 'release' | 'cancel'): void {
    const payroll = this.payroll();
    if (!payroll) return;
    openLineDecisionDialog(this.dialog, { payrollId: payroll.id, lineIds: this.selection.ids(), decision }).subscribe((moved) => {
      if (moved === undefined) return;
      this.selection.clear();
      this.notifier.notify(`payroll.review.${decision}Done`, { count: moved });
      this.reload();
    });
  }

  protected regenerate(): void {
    void this.act(() => this.service.regenerate(this.id()), 'payroll.actions.regenerated');
  }

  protected submit(): void {
    void this.act(() => this.service.submitForApproval(this.id()), 'payroll.actions.submitted');
  }

  protected approve(): void {
    void this.act(() => this.service.approve(this.id()), 'payroll.actions.approved');
  }

  protected pay(): void {
    const payroll = this.payroll();
    if (!payroll) return;
    openConfirmDialog(this.dialog, {
      title: this.translate.instant('payroll.actions.payTitle', { code: payroll.code }),
      message: this.translate.instant('payroll.actions.payMessage', { count: this.lineCount(), amount: this.money(this.data()?.summary.plannedMinor) }),
      confirmLabel: this.translate.instant('payroll.actions.pay'),
    }).subscribe((confirmed) => {
      if (confirmed) void this.act(() => this.service.startPayment(this.id()), 'payroll.actions.paymentStarted');
    });
  }

  protected reconcileFile(): void {
    const payroll = this.payroll();
    if (!payroll) return;
    openReconcileFileDialog(this.dialog, { payrollId: payroll.id, payrollCode: payroll.code }).subscribe((outcome) => {
      if (!outcome) return;
      this.notifier.notify('payroll.actions.reconciledFile', { applied: outcome.applied, code: payroll.code });
      this.reload();
    });
  }

  protected poll(): void {
    void this.act(() => this.service.pollStatus(this.id()), 'payroll.actions.polled');
  }

  protected reject(): void {
    const payroll = this.payroll();
    if (!payroll) return;
    openConfirmDialog(this.dialog, {
      title: this.translate.instant('payroll.actions.rejectTitle', { code: payroll.code }),
      message: this.translate.instant('payroll.actions.rejectMessage'),
      confirmLabel: this.translate.instant('payroll.actions.reject'),
      destructive: true,
    }).subscribe((confirmed) => {
      if (confirmed) void this.act(() => this.service.reject(this.id(), ''), 'payroll.actions.rejected');
    });
  }

  private async act(action: () => Promise<unknown>, doneKey: string): Promise<void> {
    const code = this.payroll()?.code ?? '';
    this.failure.set(null);
    this.busy.set(true);
    try {
      await action();
      this.notifier.notify(doneKey, { code });
    } catch (error) {
      if (approvalPending(error)) this.notifier.notify('payroll.actions.heldForApproval', { code });
      else this.failure.set(error);
    } finally {
      this.busy.set(false);
      this.reload();
    }
  }
}
