import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { AuthService, ColumnChoice, DataTableComponent, dataList, DateTimePipe, EmptyStateComponent, LanguageService, ListUrlState, Notifier, openConfirmDialog, SearchFieldComponent } from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import type { ProviderAccount } from '../data/provider-account.queries';
import { PROVIDER_ACCOUNTS_PAGE_SIZE, ProviderAccountService } from '../data/provider-account.service';
import { openProviderAccountDialog } from './provider-account-dialog.component';

const COLUMNS = new ColumnChoice(
  [
    { key: 'code', label: 'paymentProviders.fields.code', fixed: true },
    { key: 'name', label: 'paymentProviders.fields.name' },
    { key: 'kind', label: 'paymentProviders.fields.kind', compact: true },
    { key: 'currency', label: 'paymentProviders.fields.currency' },
    { key: 'credentials', label: 'paymentProviders.fields.credentials' },
    { key: 'status', label: 'paymentProviders.fields.status', compact: true },
    { key: 'actions', label: 'paymentProviders.list.actions', fixed: true },
  ],
  'payment.providerAccounts',
);

/** Administration of payment provider accounts: list, create, edit (secrets write-only), deactivate. */
@Component({
  selector: 'cm-payment-provider-accounts-page',
  imports: [MatTableModule, MatButton, MatIconButton, MatIcon, MatTooltip, TranslatePipe, DataTableComponent, DateTimePipe, EmptyStateComponent, SearchFieldComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './provider-accounts.page.html',
  styleUrl: './provider-accounts.page.scss',
})
export class ProviderAccountsPage {
  private readonly service = inject(ProviderAccountService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly auth = inject(AuthService);
  protected readonly lang = inject(LanguageService).current;
  protected readonly canManage = computed(() => this.auth.can('payment.providers.manage'));

  /** The search, in the URL: `?q=…&after=…`. */
  protected readonly list = new ListUrlState(['q'] as const);
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: PROVIDER_ACCOUNTS_PAGE_SIZE,
    params: () => ({ search: this.list.value('q') }),
    load: ({ search }, after) => this.service.list(search || undefined, after),
    rowTestId: (row: ProviderAccount) => `provider-row-${row.code}`,
  });

  protected async edit(account?: ProviderAccount): Promise<void> {
    const result = await firstValueFrom(openProviderAccountDialog(this.dialog, { account }));
    if (!result) return;
    if ('sentForApproval' in result) this.notifier.sentForApproval();
    else this.notifier.notify('paymentProviders.list.saved', { code: result.code });
    this.table.reload();
  }

  protected async deactivate(account: ProviderAccount): Promise<void> {
    const confirmed = await firstValueFrom(
      openConfirmDialog(this.dialog, {
        title: this.translate.instant('paymentProviders.list.deactivateTitle', { code: account.code }),
        message: this.translate.instant('paymentProviders.list.deactivateMessage'),
        confirmLabel: this.translate.instant('paymentProviders.list.deactivate'),
        destructive: true,
      }),
    );
    if (!confirmed) return;
    try {
      await this.service.deactivate(account.id, account.version);
      this.notifier.notify('paymentProviders.list.deactivated', { code: account.code });
    } catch (error) {
      if (!this.notifier.approvalPendingHandled(error)) this.notifier.notify('paymentProviders.list.deactivateFailed');
    }
    this.table.reload();
  }
}
