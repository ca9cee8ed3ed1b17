import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { AuthService } from '../../auth/auth.service';
import { LanguageService } from '../../i18n/language.service';
import { DateTimePipe } from '../../ui/date-time.pipe';
import { EmptyStateComponent } from '../../ui/empty-state.component';
import { ErrorBannerComponent } from '../../ui/error-banner.component';
import { LoadingIndicatorComponent } from '../../ui/loading-indicator.component';
import { Notifier } from '../../ui/notifier.service';
import { levelRule, operationLabel } from '../approvals/approval-format';
import { ApprovalFlow, ApprovalLevel } from '../data/approvals.queries';
import { ApprovalsService } from '../data/approvals.service';
import { Role } from '../data/identity-admin.queries';
import { IdentityAdminService } from '../data/identity-admin.service';
import { openApprovalFlowDialog } from './approval-flow-dialog.component';
import { roleName } from '../data/readable';

interface OperationRow {
  readonly operation: string;
  readonly label: string;
  readonly flow: ApprovalFlow | null;
}

/** Which changes need a second person's approval, and whose. */
@Component({
  selector: 'cm-approval-flows-page',
  imports: [
    MatButton,
    MatIcon,
    TranslatePipe,
    DateTimePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './approval-flows.page.html',
  styleUrl: './approval-flows.page.scss',
})
export class ApprovalFlowsPage {
  private readonly approvals = inject(ApprovalsService);
  private readonly identity = inject(IdentityAdminService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);
  private readonly notifier = inject(Notifier);
  protected readonly lang = inject(LanguageService).current;

  protected readonly operations = resource({ loader: () => this.approvals.operations() });
  protected readonly flows = resource({ loader: () => this.approvals.flows() });
  protected readonly roles = resource({
    params: () => (this.auth.can('core.users.view') ? { lang: this.lang() } : undefined),
    loader: () => this.identity.roles(),
  });
  private readonly roleList = computed<readonly Role[]>(() => (this.roles.hasValue() ? (this.roles.value() ?? []) : []));
  private readonly roleNames = computed(() => new Map(this.roleList().map((role) => [role.code, roleName(this.translate, role)])));

  protected readonly error = computed(() => this.operations.error() ?? this.flows.error());
  protected readonly rows = computed<OperationRow[] | null>(() => {
    if (!this.operations.hasValue() || !this.flows.hasValue()) return null;
    this.lang();
    const flows = new Map(this.flows.value().map((flow) => [flow.operation, flow]));
    return this.operations.value().map((operation) => ({
      operation,
      label: operationLabel(this.translate, operation),
      flow: flows.get(operation) ?? null,
    }));
  });

  protected rule(level: ApprovalLevel): string {
    return levelRule(this.translate, level, this.roleNames());
  }

  protected reload(): void {
    this.operations.reload();
    this.flows.reload();
  }

  protected edit(row: OperationRow): void {
    openApprovalFlowDialog(this.dialog, {
      operation: row.operation,
      label: row.label,
      flow: row.flow,
      roles: this.roleList(),
    }).subscribe((saved) => {
      if (!saved) return;
      this.notifier.notify('core.admin.flows.saved', { what: row.label });
      this.flows.reload();
    });
  }
}
