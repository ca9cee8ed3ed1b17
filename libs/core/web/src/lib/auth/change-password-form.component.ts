import { ChangeDetectionStrategy, Component, inject, input, output, signal, viewChild } from '@angular/core';
import { AbstractControl, FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { InlineIconComponent } from '../ui/inline-icon.component';
import { MatInput } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorBannerComponent } from '../ui/error-banner.component';
import { showServerFieldErrors } from '../ui/form-errors';
import { ValidationMessagePipe } from '../ui/validation-message.pipe';
import { AuthService } from './auth.service';

/** Same limits as the API. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

function sameAsNew(control: AbstractControl): ValidationErrors | null {
  const form = control.parent;
  return form && control.value && control.value !== form.get('newPassword')?.value ? { mismatch: true } : null;
}

/** Current password, new password twice; emits once the API accepted the change. */
@Component({
  selector: 'cm-change-password-form',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInput,
    MatButton,
    MatIconButton,
    InlineIconComponent,
    TranslatePipe,
    ErrorBannerComponent,
    ValidationMessagePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="change-password-form">
      @if (error(); as error) {
        <cm-error-banner [error]="error" titleKey="core.auth.password.failed" [messageKey]="errorMessageKey()" />
      }
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ currentLabelKey() | translate }}</mat-label>
        <input
          matInput
          [type]="visible() ? 'text' : 'password'"
          formControlName="currentPassword"
          autocomplete="current-password"
          required
          data-testid="password-current"
        />
        <mat-error>{{ form.controls.currentPassword.errors | validationMessage }}</mat-error>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ 'core.auth.password.new' | translate }}</mat-label>
        <input
          matInput
          [type]="visible() ? 'text' : 'password'"
          formControlName="newPassword"
          autocomplete="new-password"
          required
          data-testid="password-new"
        />
        <button
          mat-icon-button
          matSuffix
          type="button"
          [attr.aria-label]="(visible() ? 'core.auth.hidePassword' : 'core.auth.showPassword') | translate"
          [attr.aria-pressed]="visible()"
          (click)="visible.set(!visible())"
        >
          <cm-inline-icon [name]="visible() ? 'visibility_off' : 'visibility'" />
        </button>
        <mat-hint>{{ 'core.auth.password.rules' | translate: { min: minLength } }}</mat-hint>
        <mat-error>{{ form.controls.newPassword.errors | validationMessage }}</mat-error>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ 'core.auth.password.confirm' | translate }}</mat-label>
        <input
          matInput
          [type]="visible() ? 'text' : 'password'"
          formControlName="confirmPassword"
          autocomplete="new-password"
          required
          data-testid="password-confirm"
        />
        <mat-error>{{ form.controls.confirmPassword.errors | validationMessage: confirmMessages }}</mat-error>
      </mat-form-field>
      <div class="actions">
        <ng-content />
        <button mat-flat-button type="submit" [disabled]="saving()" data-testid="password-save">
          {{ (saving() ? 'core.auth.password.saving' : 'core.auth.password.save') | translate }}
        </button>
      </div>
    </form>
  `,
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 16px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
})
export class ChangePasswordFormComponent {
  /** "Temporary password" when an administrator set it. */
  readonly currentLabelKey = input('core.auth.password.current');
  readonly changed = output<void>();

  private readonly auth = inject(AuthService);
  private readonly formDirective = viewChild.required(FormGroupDirective);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly visible = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly errorMessageKey = signal<string | undefined>(undefined);
  protected readonly confirmMessages = { mismatch: 'core.auth.password.mismatch' };

  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
    newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
    confirmPassword: ['', [Validators.required, sameAsNew]],
  });

  constructor() {
    this.form.controls.newPassword.valueChanges.subscribe(() => this.form.controls.confirmPassword.updateValueAndValidity());
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    this.errorMessageKey.set(undefined);
    const { currentPassword, newPassword } = this.form.getRawValue();
    try {
      await this.auth.changePassword(currentPassword, newPassword);
      this.formDirective().resetForm();
      this.changed.emit();
    } catch (error) {
      this.error.set(error);
      if (showServerFieldErrors(this.form, error)) this.errorMessageKey.set('core.auth.fixFields');
    } finally {
      this.saving.set(false);
    }
  }
}
