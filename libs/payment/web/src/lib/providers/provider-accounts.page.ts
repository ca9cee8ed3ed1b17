import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { AuthService, DateTimePipe, LanguageService, EmptyStateComponent, ErrorBannerComponent, LoadingIndicatorComponent, Notifier, openConfirmDialog } from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import type { ProviderAccount } from '../data/provider-account.queries';
import { ProviderAccountService } from '../data/provider-account.service';
import { openProviderAccountDialog } from './provider-account-dialog.component';

/** Administration of payment provider accounts: list, create, edit (secrets write-only), deactivate. */
@Component({
  selector: 'cm-payment-provider-accounts-page',
  imports: [MatTableModule, MatButton, MatIconButton, MatFormField, MatLabel, MatSuffix, MatInput, MatIcon, MatTooltip, TranslatePipe, DateTimePipe, EmptyStateComponent, ErrorBannerComponent, LoadingIndicatorComponent],
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

  protected readonly columns = ['code', 'name', 'kind', 'currency', 'credentials', 'status', 'actions'];
  protected readonly search = signal('');
  private readonly cursors = signal<(string | null)[]>([null]);
  protected readonly page = resource({
    params: () => ({ search: this.search(), after: this.cursors().at(-1) ?? null }),
    loader: ({ params }) => this.service.list(params.search || undefined, params.after),
  });
  protected readonly current = computed(() => (this.page.hasValue() ? this.page.value() : null));
  protected readonly hasPrevious = computed(() => this.cursors().length > 1);

  protected applySearch(text: string): void {
    this.search.set(text.trim());
    this.cursors.set([null]);
  }

  protected next(endCursor: string | null): void {
    if (endCursor) this.cursors.update((cursors) => [...cursors, endCursor]);
  }

  protected previous(): void {
    this.cursors.update((cursors) => (cursors.length > 1 ? cursors.slice(0, -1) : cursors));
  }

  protected async edit(account?: ProviderAccount): Promise<void> {
    const result = await firstValueFrom(openProviderAccountDialog(this.dialog, { account }));
    if (!result) return;
    if ('sentForApproval' in result) this.notifier.sentForApproval();
    else this.notifier.notify('paymentProviders.list.saved', { code: result.code });
    this.page.reload();
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
    this.page.reload();
  }
}
