import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { ErrorBannerComponent, FormSubmission, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import { PayrollService } from '../data/payroll.service';

export interface LineDecisionDialogData {
  readonly payrollId: string;
  readonly lineIds: readonly string[];
  readonly decision: 'release' | 'cancel';
}

/** A reviewer releases flagged lines for payment, or cancels lines, with a reason (required to cancel). */
@Component({
  selector: 'cm-payment-line-decision-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInput, MatButton, TranslatePipe, ErrorBannerComponent, ValidationMessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'payroll.review.' + data.decision + 'Title' | translate: { count: data.lineIds.length } }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="line-decision-form">
      <mat-dialog-content>
        @if (error(); as error) {
          <cm-error-banner [error]="error" titleKey="payroll.review.failed" [messageKey]="errorMessageKey()" />
        }
        <p>{{ 'payroll.review.' + data.decision + 'Message' | translate: { count: data.lineIds.length } }}</p>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'payroll.review.reason' | translate }}</mat-label>
          <textarea matInput formControlName="reason" rows="3" [required]="data.decision === 'cancel'" data-testid="line-decision-reason"></textarea>
          <mat-error>{{ form.controls.reason.errors | validationMessage }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'payroll.actions.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()" data-testid="line-decision-submit">{{ 'payroll.review.' + data.decision | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
  `,
})
export class LineDecisionDialogComponent {
  protected readonly data = inject<LineDecisionDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<LineDecisionDialogComponent, number>>(MatDialogRef);
  private readonly payrolls = inject(PayrollService);

  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', this.data.decision === 'cancel' ? [Validators.required, Validators.maxLength(500)] : [Validators.maxLength(500)]],
  });
  private readonly submission = new FormSubmission(this.form, { fixFieldsKey: 'payroll.review.fixFields' });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  protected readonly errorMessageKey = this.submission.errorMessageKey;

  protected async save(): Promise<void> {
    const reason = this.form.getRawValue().reason.trim();
    const moved = await this.submission.run(() => this.payrolls.decide(this.data.payrollId, this.data.lineIds, this.data.decision, reason));
    if (moved !== undefined) this.dialogRef.close(moved);
  }
}

export function openLineDecisionDialog(dialog: MatDialog, data: LineDecisionDialogData): Observable<number | undefined> {
  return dialog
    .open<LineDecisionDialogComponent, LineDecisionDialogData, number>(LineDecisionDialogComponent, { data, width: '520px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
    .afterClosed();
}
