import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { InlineIconComponent } from '../ui/inline-icon.component';
import { MatInput } from '@angular/material/input';
import { Router } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorBannerComponent } from '../ui/error-banner.component';
import { showServerFieldErrors } from '../ui/form-errors';
import { NoticeBannerComponent } from '../ui/notice-banner.component';
import { ValidationMessagePipe } from '../ui/validation-message.pipe';
import { CHANGE_PASSWORD_PATH, safeReturnUrl } from './auth.guards';
import { AuthPayload, TwoFactorEnrolmentResult } from './auth.queries';
import { AuthService, SignInReason } from './auth.service';
import { AuthLayoutComponent } from './auth-layout.component';
import { RecoveryCodesComponent } from './recovery-codes.component';
import { TOTP_CODE_PATTERN } from './totp-code';
import { TwoFactorSetupComponent } from './two-factor-setup.component';

type Step = 'credentials' | 'code' | 'enrol' | 'recovery';

/**
 * Sign-in: username and password, then, depending on the account, the code of the authenticator
 * app (or a recovery code), or the set-up of an authenticator app that the person's role requires.
 */
@Component({
  selector: 'cm-login-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInput,
    MatButton,
    MatIconButton,
    InlineIconComponent,
    TranslatePipe,
    AuthLayoutComponent,
    ErrorBannerComponent,
    NoticeBannerComponent,
    RecoveryCodesComponent,
    TwoFactorSetupComponent,
    ValidationMessagePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login.page.html',
  styleUrl: './login.page.scss',
})
export class LoginPage {
  /** Query parameters. */
  readonly returnUrl = input<string>();
  readonly reason = input<SignInReason>();

  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly step = signal<Step>('credentials');
  protected readonly busy = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly errorMessageKey = signal<string | undefined>(undefined);
  protected readonly passwordVisible = signal(false);
  protected readonly useRecoveryCode = signal(false);
  protected readonly recoveryCodes = signal<readonly string[]>([]);
  /** The notice (session ended, signed out) goes away once the person starts signing in again. */
  private readonly noticeDismissed = signal(false);
  protected readonly notice = computed(() => (this.noticeDismissed() ? undefined : this.reason()));

  private challengeToken: string | null = null;
  private signedInAs: AuthPayload['user'] | null = null;
  protected readonly challenge = signal<string | null>(null);

  protected readonly codeMessages = { pattern: 'core.auth.twoFactor.codePattern' };

  protected readonly credentials = this.fb.group({
    username: ['', [Validators.required, Validators.maxLength(100)]],
    password: ['', [Validators.required, Validators.maxLength(128)]],
  });

  protected readonly secondFactor = this.fb.group({
    code: ['', [Validators.required, Validators.pattern(TOTP_CODE_PATTERN)]],
    recoveryCode: [{ value: '', disabled: true }, [Validators.required, Validators.maxLength(20)]],
  });

  protected async signIn(): Promise<void> {
    this.noticeDismissed.set(true);
    if (this.credentials.invalid) {
      this.credentials.markAllAsTouched();
      return;
    }
    const { username, password } = this.credentials.getRawValue();
    await this.run(() => this.auth.login(username.trim(), password), this.credentials);
  }

  protected async verify(): Promise<void> {
    if (this.secondFactor.invalid || !this.challengeToken) {
      this.secondFactor.markAllAsTouched();
      return;
    }
    const { code, recoveryCode } = this.secondFactor.getRawValue();
    const answer = this.useRecoveryCode() ? { recoveryCode: recoveryCode.trim() } : { code: code.trim() };
    const challengeToken = this.challengeToken;
    await this.run(() => this.auth.verifyTwoFactor(challengeToken, answer), this.secondFactor);
  }

  protected toggleRecoveryCode(): void {
    const recovery = !this.useRecoveryCode();
    this.useRecoveryCode.set(recovery);
    const { code, recoveryCode } = this.secondFactor.controls;
    if (recovery) {
      code.disable();
      recoveryCode.enable();
    } else {
      recoveryCode.disable();
      code.enable();
    }
    this.error.set(null);
  }

  protected enrolled(result: TwoFactorEnrolmentResult): void {
    this.signedInAs = result.auth?.user ?? null;
    this.recoveryCodes.set(result.recoveryCodes);
    this.step.set('recovery');
  }

  protected startAgain(): void {
    this.challengeToken = null;
    this.challenge.set(null);
    this.error.set(null);
    this.secondFactor.reset();
    this.credentials.controls.password.reset();
    if (this.useRecoveryCode()) this.toggleRecoveryCode();
    this.step.set('credentials');
  }

  protected finish(): void {
    const user = this.signedInAs;
    const target = safeReturnUrl(this.returnUrl());
    if (user?.mustChangePassword) {
      void this.router.navigate([CHANGE_PASSWORD_PATH], { queryParams: { returnUrl: target === '/' ? null : target } });
    } else {
      void this.router.navigateByUrl(target);
    }
  }

  private async run(step: () => Promise<AuthPayload>, form: typeof this.credentials | typeof this.secondFactor): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    this.errorMessageKey.set(undefined);
    try {
      const payload = await step();
      this.signedInAs = payload.user;
      switch (payload.status) {
        case 'AUTHENTICATED':
          this.finish();
          break;
        case 'TWO_FACTOR_REQUIRED':
          this.challengeToken = payload.challengeToken;
          this.step.set('code');
          break;
        case 'TWO_FACTOR_ENROLMENT_REQUIRED':
          this.challengeToken = payload.challengeToken;
          this.challenge.set(payload.challengeToken);
          this.step.set('enrol');
          break;
      }
    } catch (error) {
      this.error.set(error);
      if (showServerFieldErrors(form, error)) this.errorMessageKey.set('core.auth.fixFields');
    } finally {
      this.busy.set(false);
    }
  }
}
