import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, resource, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatTooltip } from '@angular/material/tooltip';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorBannerComponent } from '../ui/error-banner.component';
import { showServerFieldErrors } from '../ui/form-errors';
import { LoadingIndicatorComponent } from '../ui/loading-indicator.component';
import { ValidationMessagePipe } from '../ui/validation-message.pipe';
import { TwoFactorEnrolmentResult } from './auth.queries';
import { AuthService } from './auth.service';
import { TOTP_CODE_PATTERN } from './totp-code';


/**
 * Sets up an authenticator app: shows the QR code and the key for manual entry, then checks a
 * first code. Used by the sign-in page (with the challenge token) and the account page (signed in).
 */
@Component({
  selector: 'cm-two-factor-setup',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInput,
    MatButton,
    MatIconButton,
    MatIcon,
    MatTooltip,
    TranslatePipe,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
    ValidationMessagePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (enrolment.error(); as error) {
      <cm-error-banner [error]="error" titleKey="core.auth.twoFactor.startFailed" [retryable]="true" (retry)="enrolment.reload()" />
    } @else if (enrolment.value(); as setup) {
      <ol class="steps">
        <li>{{ 'core.auth.twoFactor.stepInstall' | translate }}</li>
        <li>
          {{ 'core.auth.twoFactor.stepScan' | translate }}
          <div class="qr-row">
            <img class="qr" [src]="setup.qrCodeDataUrl" width="180" height="180" [alt]="'core.auth.twoFactor.qrAlt' | translate" data-testid="totp-qr" />
            <div class="manual">
              <span class="manual-label">{{ 'core.auth.twoFactor.manualKey' | translate }}</span>
              <div class="secret-row">
                <code class="secret" data-testid="totp-secret" [attr.data-secret]="setup.secret">{{ groupedSecret() }}</code>
                <button
                  mat-icon-button
                  type="button"
                  [matTooltip]="'core.auth.twoFactor.copyKey' | translate"
                  [attr.aria-label]="'core.auth.twoFactor.copyKey' | translate"
                  (click)="copy(setup.secret)"
                >
                  <mat-icon>{{ copied() ? 'check' : 'content_copy' }}</mat-icon>
                </button>
              </div>
              <a class="app-link" [href]="setup.otpauthUrl">{{ 'core.auth.twoFactor.openApp' | translate }}</a>
            </div>
          </div>
        </li>
        <li>{{ 'core.auth.twoFactor.stepCode' | translate }}</li>
      </ol>

      <form [formGroup]="form" (ngSubmit)="confirm()" novalidate class="code-form">
        @if (error(); as error) {
          <cm-error-banner [error]="error" titleKey="core.auth.twoFactor.confirmFailed" [messageKey]="errorMessageKey()" />
        }
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'core.auth.twoFactor.code' | translate }}</mat-label>
          <input
            matInput
            formControlName="code"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength="6"
            required
            data-testid="totp-enrol-code"
          />
          <mat-hint>{{ 'core.auth.twoFactor.codeHint' | translate }}</mat-hint>
          <mat-error>{{ form.controls.code.errors | validationMessage: codeMessages }}</mat-error>
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="saving()" data-testid="totp-enrol-confirm">
          {{ (saving() ? 'core.auth.twoFactor.checking' : 'core.auth.twoFactor.confirm') | translate }}
        </button>
      </form>
    } @else {
      <cm-loading-indicator />
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .steps {
      margin: 0 0 16px;
      padding-left: 20px;
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .qr-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 16px;
      margin-top: 12px;
    }
    .qr {
      flex: none;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-small);
      background: #fff;
      image-rendering: pixelated;
    }
    .manual {
      flex: 1 1 180px;
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: 0;
    }
    .manual-label {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .secret-row {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .secret {
      font-family: 'Roboto Mono', ui-monospace, monospace;
      font-size: 15px;
      letter-spacing: 0.04em;
      word-spacing: 0.2em;
      padding: 6px 8px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-high);
      overflow-wrap: anywhere;
    }
    .app-link {
      font: var(--mat-sys-body-small);
    }
    .code-form {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 12px 16px;
    }
    .code-form cm-error-banner {
      flex-basis: 100%;
    }
    .code-form mat-form-field {
      flex: 1 1 200px;
    }
    .code-form button {
      margin-top: 8px;
    }
  `,
})
export class TwoFactorSetupComponent {
  /** From the sign-in, when the person must set up two-factor authentication to sign in; null when signed in. */
  readonly challengeToken = input<string | null>(null);
  readonly completed = output<TwoFactorEnrolmentResult>();

  private readonly auth = inject(AuthService);
  private readonly clipboard = inject(Clipboard);

  protected readonly enrolment = resource({
    params: () => ({ challengeToken: this.challengeToken() }),
    loader: ({ params }) => this.auth.beginTwoFactorEnrolment(params.challengeToken),
  });
  protected readonly groupedSecret = computed(() => this.enrolment.value()?.secret.replace(/(.{4})(?=.)/g, '$1 ') ?? '');
  protected readonly copied = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly errorMessageKey = signal<string | undefined>(undefined);
  protected readonly codeMessages = { pattern: 'core.auth.twoFactor.codePattern' };

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(TOTP_CODE_PATTERN)]],
  });

  protected copy(secret: string): void {
    this.copied.set(this.clipboard.copy(secret));
  }

  protected async confirm(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    this.errorMessageKey.set(undefined);
    try {
      const result = await this.auth.completeTwoFactorEnrolment(this.challengeToken(), this.form.getRawValue().code.trim());
      this.completed.emit(result);
    } catch (error) {
      this.error.set(error);
      if (showServerFieldErrors(this.form, error)) this.errorMessageKey.set('core.auth.fixFields');
    } finally {
      this.saving.set(false);
    }
  }
}
