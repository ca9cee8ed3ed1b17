import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTooltip } from '@angular/material/tooltip';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { resultData } from '../graphql/result-data';
import { LanguageService } from '../i18n/language.service';
import { openConfirmDialog } from '../ui/confirm-dialog.component';
import { DateTimePipe } from '../ui/date-time.pipe';
import { ErrorBannerComponent } from '../ui/error-banner.component';
import { LoadingIndicatorComponent } from '../ui/loading-indicator.component';
import { Notifier } from '../ui/notifier.service';
import { MY_SESSIONS_QUERY, REVOKE_SESSION_MUTATION, TwoFactorEnrolmentResult, UserSession } from './auth.queries';
import { AuthService } from './auth.service';
import { ChangePasswordFormComponent } from './change-password-form.component';
import { RecoveryCodesComponent } from './recovery-codes.component';
import { TwoFactorSetupComponent } from './two-factor-setup.component';
import { describeUserAgent } from './user-agent';
import { RoleNamePipe } from '../admin/ui/role-name.pipe';
import { GRAPHQL } from '../graphql/graphql-client';

type TwoFactorStep = 'status' | 'setup' | 'codes';

/** The signed-in person's own account: password, two-step verification, sessions. */
@Component({
  selector: 'cm-account-page',
  imports: [
    MatButton,
    MatIcon,
    MatTooltip,
    TranslatePipe,
    RoleNamePipe,
    ChangePasswordFormComponent,
    DateTimePipe,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
    RecoveryCodesComponent,
    TwoFactorSetupComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './account.page.html',
  styleUrl: './account.page.scss',
})
export class AccountPage {
  protected readonly auth = inject(AuthService);
  private readonly apollo = inject(GRAPHQL);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);
  private readonly notifier = inject(Notifier);
  protected readonly lang = inject(LanguageService).current;

  protected readonly user = this.auth.user;
  protected readonly twoFactorStep = signal<TwoFactorStep>('status');
  protected readonly recoveryCodes = signal<readonly string[]>([]);
  protected readonly sessionError = signal<unknown>(null);
  protected readonly revoking = signal<string | null>(null);

  protected readonly sessions = resource({
    loader: async () => {
      const sessions = resultData(await firstValueFrom(this.apollo.query({ query: MY_SESSIONS_QUERY }))).mySessions;
      // this device first, then the most recently used
      return [...sessions].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
    },
  });
  protected readonly sessionList = computed(() => (this.sessions.hasValue() ? this.sessions.value() : null));

  protected device(session: UserSession): string {
    const { browser, system } = describeUserAgent(session.userAgent);
    if (browser && system) return this.translate.instant('core.auth.account.browserOn', { browser, system });
    return browser ?? system ?? this.translate.instant('core.auth.account.unknownDevice');
  }

  protected passwordChanged(): void {
    this.notifier.notify('core.auth.password.changed');
    this.sessions.reload();
  }

  protected twoFactorEnabled(result: TwoFactorEnrolmentResult): void {
    this.recoveryCodes.set(result.recoveryCodes);
    this.twoFactorStep.set('codes');
  }

  protected codesSaved(): void {
    this.recoveryCodes.set([]);
    this.twoFactorStep.set('status');
  }

  protected revoke(session: UserSession): void {
    openConfirmDialog(this.dialog, {
      title: this.translate.instant('core.auth.account.revokeTitle'),
      message: this.translate.instant('core.auth.account.revokeMessage', { device: this.device(session) }),
      confirmLabel: this.translate.instant('core.auth.account.revoke'),
      destructive: true,
    }).subscribe(async (confirmed) => {
      if (!confirmed) return;
      this.sessionError.set(null);
      this.revoking.set(session.id);
      try {
        await firstValueFrom(this.apollo.mutate({ mutation: REVOKE_SESSION_MUTATION, variables: { id: session.id } }));
        this.notifier.notify('core.auth.account.revoked');
        this.sessions.reload();
      } catch (error) {
        this.sessionError.set(error);
      } finally {
        this.revoking.set(null);
      }
    });
  }

  protected signOut(): void {
    void this.auth.logout();
  }
}
