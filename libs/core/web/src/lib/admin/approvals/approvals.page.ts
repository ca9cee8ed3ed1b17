import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTabsModule } from '@angular/material/tabs';
import { Router } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { AuthService } from '../../auth/auth.service';
import { LanguageService } from '../../i18n/language.service';
import { openConfirmDialog } from '../../ui/confirm-dialog.component';
import { DateTimePipe } from '../../ui/date-time.pipe';
import { EmptyStateComponent } from '../../ui/empty-state.component';
import { ErrorBannerComponent } from '../../ui/error-banner.component';
import { LoadingIndicatorComponent } from '../../ui/loading-indicator.component';
import { NoticeBannerComponent, NoticeKind } from '../../ui/notice-banner.component';
import { ApprovalLevel, PENDING_OPERATION_STATUSES, PendingOperation, PendingOperationStatus } from '../data/approvals.queries';
import { ApprovalsService, OperationPage } from '../data/approvals.service';
import { IdentityAdminService } from '../data/identity-admin.service';
import { levelRule, operationLabel, requestSummary } from './approval-format';
import { openDecisionDialog } from './decision-dialog.component';
import { PayloadViewComponent } from './payload-view.component';
import { roleName } from '../data/readable';

type Tab = 'inbox' | 'mine';

interface Outcome {
  readonly kind: NoticeKind;
  readonly text: string;
}

/** Requests waiting for the person's decision, and the requests they made. */
@Component({
  selector: 'cm-approvals-page',
  imports: [
    MatTabsModule,
    MatButton,
    MatIcon,
    MatFormFieldModule,
    MatSelectModule,
    MatProgressBar,
    TranslatePipe,
    DateTimePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
    NoticeBannerComponent,
    PayloadViewComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './approvals.page.html',
  styleUrl: './approvals.page.scss',
})
export class ApprovalsPage {
  /** Query parameter: `mine` opens the person's own requests. */
  readonly tab = input<string>();

  private readonly approvals = inject(ApprovalsService);
  private readonly identity = inject(IdentityAdminService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);
  private readonly router = inject(Router);
  protected readonly lang = inject(LanguageService).current;

  protected readonly canDecide = computed(() => this.auth.can('core.approvals.decide'));
  protected readonly canView = computed(() => this.auth.can('core.approvals.view'));
  protected readonly tabs = computed<Tab[]>(() => [
    ...(this.canDecide() ? (['inbox'] as const) : []),
    ...(this.canView() ? (['mine'] as const) : []),
  ]);
  protected readonly selectedIndex = computed(() => Math.max(0, this.tabs().indexOf(this.tab() === 'mine' ? 'mine' : 'inbox')));
  protected readonly statuses = PENDING_OPERATION_STATUSES;
  protected readonly statusFilter = signal<PendingOperationStatus | null>(null);
  protected readonly outcome = signal<Outcome | null>(null);
  protected readonly actionError = signal<unknown>(null);
  protected readonly loadingMore = signal<Tab | null>(null);

  /** Role names, for those allowed to read roles; others see the role codes. */
  private readonly roles = resource({
    params: () => (this.auth.can('core.users.view') ? { lang: this.lang() } : undefined),
    loader: () => this.identity.roles(),
  });
  private readonly roleNames = computed(
    () => new Map((this.roles.hasValue() ? (this.roles.value() ?? []) : []).map((role) => [role.code, roleName(this.translate, role)])),
  );

  protected readonly inbox = resource({
    params: () => (this.canDecide() ? { lang: this.lang() } : undefined),
    loader: () => this.approvals.inbox(),
  });
  protected readonly mine = resource({
    params: () => (this.canView() ? { status: this.statusFilter(), lang: this.lang() } : undefined),
    loader: ({ params }) => this.approvals.mine(params.status),
  });
  protected readonly inboxData = computed(() => (this.inbox.hasValue() ? (this.inbox.value() ?? null) : null));
  protected readonly mineData = computed(() => (this.mine.hasValue() ? (this.mine.value() ?? null) : null));

  protected selectTab(index: number): void {
    const tab = this.tabs()[index];
    void this.router.navigate([], { queryParams: { tab: tab === 'mine' ? 'mine' : null }, replaceUrl: true });
  }

  protected operationLabel(operation: PendingOperation): string {
    return operationLabel(this.translate, operation.operation);
  }

  protected summary(operation: PendingOperation): string {
    return requestSummary(operation);
  }

  protected rule(level: ApprovalLevel | undefined): string {
    return level ? levelRule(this.translate, level, this.roleNames()) : '';
  }

  protected statusKey(status: PendingOperationStatus): string {
    return `core.admin.approvals.status.${status}`;
  }

  protected statusClass(status: PendingOperationStatus): string {
    switch (status) {
      case 'EXECUTED':
        return 'good';
      case 'REJECTED':
      case 'FAILED':
        return 'bad';
      case 'PENDING':
      case 'EXECUTING':
        return 'warn';
      default:
        return 'neutral';
    }
  }

  protected decide(operation: PendingOperation, decision: 'approve' | 'reject'): void {
    this.actionError.set(null);
    openDecisionDialog(this.dialog, { operation, decision, title: this.operationLabel(operation), summary: requestSummary(operation) }).subscribe((updated) => {
      if (!updated) return;
      this.outcome.set(this.describeOutcome(updated));
      this.inbox.reload();
      if (this.canView()) this.mine.reload();
    });
  }

  protected cancel(operation: PendingOperation): void {
    openConfirmDialog(this.dialog, {
      title: this.translate.instant('core.admin.approvals.cancelTitle'),
      message: this.translate.instant('core.admin.approvals.cancelMessage', { summary: this.operationLabel(operation) + (requestSummary(operation) ? ` (${requestSummary(operation)})` : '') }),
      confirmLabel: this.translate.instant('core.admin.approvals.cancelRequest'),
      destructive: true,
    }).subscribe(async (confirmed) => {
      if (!confirmed) return;
      this.actionError.set(null);
      try {
        await this.approvals.cancel(operation.id);
        this.outcome.set({ kind: 'info', text: this.translate.instant('core.admin.approvals.cancelled') });
        this.mine.reload();
      } catch (error) {
        this.actionError.set(error);
      }
    });
  }

  protected async loadMore(tab: Tab): Promise<void> {
    const target = tab === 'inbox' ? this.inbox : this.mine;
    const page = tab === 'inbox' ? this.inboxData() : this.mineData();
    if (!page?.hasNextPage || this.loadingMore()) return;
    this.loadingMore.set(tab);
    try {
      const next: OperationPage =
        tab === 'inbox' ? await this.approvals.inbox(page.endCursor) : await this.approvals.mine(this.statusFilter(), page.endCursor);
      target.set({ ...next, operations: [...page.operations, ...next.operations] });
    } catch (error) {
      this.actionError.set(error);
    } finally {
      this.loadingMore.set(null);
    }
  }

  private describeOutcome(operation: PendingOperation): Outcome {
    const what = this.operationLabel(operation);
    switch (operation.status) {
      case 'EXECUTED':
        return { kind: 'success', text: this.translate.instant('core.admin.approvals.outcomeExecuted', { what }) };
      case 'FAILED':
        return { kind: 'warning', text: this.translate.instant('core.admin.approvals.outcomeFailed', { what, error: operation.error ?? '' }) };
      case 'REJECTED':
        return { kind: 'info', text: this.translate.instant('core.admin.approvals.outcomeRejected', { what }) };
      default:
        return {
          kind: 'success',
          text: this.translate.instant('core.admin.approvals.outcomeNextLevel', {
            what,
            level: operation.currentLevel,
            total: operation.levels.length,
          }),
        };
    }
  }
}
