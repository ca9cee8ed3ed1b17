import { ChangeDetectionStrategy, Component, inject, resource } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ErrorBannerComponent, FormSubmission, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import type { Payroll } from '../data/payroll.queries';
import { PayrollService } from '../data/payroll.service';
import { ProviderAccountService } from '../data/provider-account.service';
import { PAYMENT_CODE_PATTERN } from '../ui/payment-format';

export interface CreatePayrollDialogData {
  readonly cycleId: string;
}

/** A new DRAFT payroll for a cycle, paid by a provider account or in cash at payment points; its generation starts at once. */
@Component({
  selector: 'cm-payment-create-payroll-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInput, MatSelectModule, MatButton, TranslatePipe, ErrorBannerComponent, ValidationMessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/payment-dialog.scss',
  template: `
    <h2 mat-dialog-title>{{ 'payroll.create.title' | translate }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="payroll-form">
      <mat-dialog-content>
        @if (error(); as error) {
          <cm-error-banner [error]="error" titleKey="payroll.create.failed" [messageKey]="errorMessageKey()" />
        }
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'payroll.fields.code' | translate }}</mat-label>
          <input matInput formControlName="code" autocomplete="off" spellcheck="false" required class="mono" data-testid="payroll-form-code" />
          <mat-error>{{ form.controls.code.errors | validationMessage: codeMessages }}</mat-error>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'payroll.fields.paidThrough' | translate }}</mat-label>
          <mat-select formControlName="providerAccountId" data-testid="payroll-form-provider">
            <mat-option value="">{{ 'payroll.create.cash' | translate }}</mat-option>
            @for (account of accounts.value() ?? []; track account.id) {
              <mat-option [value]="account.id" [attr.data-testid]="'payroll-provider-' + account.code">{{ account.name }} ({{ account.code }}, {{ account.currency }})</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <p class="hint">{{ 'payroll.create.hint' | translate }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'payroll.actions.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()" data-testid="payroll-form-save">{{ 'payroll.create.save' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class CreatePayrollDialogComponent {
  private readonly data = inject<CreatePayrollDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<CreatePayrollDialogComponent, Payroll>>(MatDialogRef);
  private readonly payrolls = inject(PayrollService);
  private readonly providers = inject(ProviderAccountService);

  protected readonly codeMessages = { pattern: 'payroll.create.codePattern' };
  protected readonly accounts = resource({ loader: async () => (await this.providers.list(undefined)).rows.filter((account) => account.active) });
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.maxLength(60), Validators.pattern(PAYMENT_CODE_PATTERN)]],
    providerAccountId: [''],
  });
  private readonly submission = new FormSubmission(this.form, { fixFieldsKey: 'payroll.create.fixFields' });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  protected readonly errorMessageKey = this.submission.errorMessageKey;

  protected async save(): Promise<void> {
    const value = this.form.getRawValue();
    const saved = await this.submission.run(() => this.payrolls.create(this.data.cycleId, value.code.trim(), value.providerAccountId || null));
    if (saved) this.dialogRef.close(saved);
  }
}

export function openCreatePayrollDialog(dialog: MatDialog, data: CreatePayrollDialogData): Observable<Payroll | undefined> {
  return dialog
    .open<CreatePayrollDialogComponent, CreatePayrollDialogData, Payroll>(CreatePayrollDialogComponent, { data, width: '520px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
    .afterClosed();
}
