import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatTooltip } from '@angular/material/tooltip';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../auth/change-password-form.component';
import { ErrorBannerComponent } from '../../ui/error-banner.component';
import { showServerFieldErrors } from '../../ui/form-errors';
import { NoticeBannerComponent } from '../../ui/notice-banner.component';
import { ValidationMessagePipe } from '../../ui/validation-message.pipe';
import { AdminUser } from '../data/identity-admin.queries';
import { IdentityAdminService } from '../data/identity-admin.service';
import { generatePassword } from './generate-password';

/** Sets a temporary password (the user changes it at next sign-in); closes with true once set. */
@Component({
  selector: 'cm-reset-password-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInput,
    MatButton,
    MatIconButton,
    MatIcon,
    MatTooltip,
    TranslatePipe,
    ErrorBannerComponent,
    NoticeBannerComponent,
    ValidationMessagePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'core.admin.users.resetPasswordTitle' | translate: { name: user.displayName } }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="reset-password-form">
      <mat-dialog-content>
        @if (done()) {
          <cm-notice-banner kind="success" data-testid="reset-password-done">
            {{ 'core.admin.users.resetPasswordDone' | translate: { name: user.displayName } }}
          </cm-notice-banner>
          <div class="result">
            <code class="password">{{ form.controls.password.value }}</code>
            <button mat-icon-button type="button" [matTooltip]="'core.admin.users.copyPassword' | translate" [attr.aria-label]="'core.admin.users.copyPassword' | translate" (click)="copy()">
              <mat-icon>{{ copied() ? 'check' : 'content_copy' }}</mat-icon>
            </button>
          </div>
        } @else {
          <p class="intro">{{ 'core.admin.users.resetPasswordIntro' | translate: { name: user.displayName } }}</p>
          @if (error(); as error) {
            <cm-error-banner [error]="error" titleKey="core.admin.users.resetPasswordFailed" [messageKey]="errorMessageKey()" />
          }
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'core.admin.users.temporaryPasswordLabel' | translate }}</mat-label>
            <input matInput formControlName="password" autocomplete="new-password" spellcheck="false" required class="mono" data-testid="reset-password-input" />
            <button mat-icon-button matSuffix type="button" [matTooltip]="'core.admin.users.generate' | translate" [attr.aria-label]="'core.admin.users.generate' | translate" (click)="generate()">
              <mat-icon>casino</mat-icon>
            </button>
            <mat-hint>{{ 'core.admin.users.temporaryPasswordHint' | translate: { min: minPassword } }}</mat-hint>
            <mat-error>{{ form.controls.password.errors | validationMessage }}</mat-error>
          </mat-form-field>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        @if (done()) {
          <button mat-flat-button type="button" [mat-dialog-close]="true" data-testid="reset-password-close">{{ 'core.actions.close' | translate }}</button>
        } @else {
          <button mat-button type="button" mat-dialog-close>{{ 'core.actions.cancel' | translate }}</button>
          <button mat-flat-button type="submit" [disabled]="saving()" data-testid="reset-password-save">
            {{ (saving() ? 'core.admin.saving' : 'core.admin.users.resetPassword') | translate }}
          </button>
        }
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 16px;
    }
    .intro {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .mono,
    .password {
      font-family: 'Roboto Mono', ui-monospace, monospace;
    }
    .result {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .password {
      font-size: 18px;
      padding: 8px 12px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-high);
    }
  `,
})
export class ResetPasswordDialogComponent {
  protected readonly user = inject<AdminUser>(MAT_DIALOG_DATA);
  private readonly admin = inject(IdentityAdminService);
  private readonly clipboard = inject(Clipboard);

  protected readonly minPassword = PASSWORD_MIN_LENGTH;
  protected readonly saving = signal(false);
  protected readonly done = signal(false);
  protected readonly copied = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly errorMessageKey = signal<string | undefined>(undefined);
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: [generatePassword(), [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });

  protected generate(): void {
    this.form.controls.password.setValue(generatePassword());
  }

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.form.controls.password.value));
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    this.errorMessageKey.set(undefined);
    try {
      await this.admin.resetPassword(this.user.id, this.form.controls.password.value);
      this.done.set(true);
    } catch (error) {
      this.error.set(error);
      if (showServerFieldErrors(this.form, error, { temporaryPassword: 'password' })) this.errorMessageKey.set('core.auth.fixFields');
    } finally {
      this.saving.set(false);
    }
  }
}

export function openResetPasswordDialog(dialog: MatDialog, user: AdminUser): Observable<boolean | undefined> {
  return dialog
    .open<ResetPasswordDialogComponent, AdminUser, boolean>(ResetPasswordDialogComponent, { data: user, width: '520px', maxWidth: '95vw' })
    .afterClosed();
}
