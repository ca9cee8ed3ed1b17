import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import { ErrorBannerComponent } from '../../ui/error-banner.component';
import { showServerFieldErrors } from '../../ui/form-errors';
import { ValidationMessagePipe } from '../../ui/validation-message.pipe';
import { PendingOperation } from '../data/approvals.queries';
import { ApprovalsService } from '../data/approvals.service';

/** Same limits as the API. */
const REASON_MIN_LENGTH = 3;
const REASON_MAX_LENGTH = 1000;

export interface DecisionDialogData {
  readonly operation: PendingOperation;
  readonly decision: 'approve' | 'reject';
  /** Already translated. */
  readonly title: string;
  readonly summary: string;
}

/** Approves with an optional comment, or rejects with a reason the maker will read; closes with the updated request. */
@Component({
  selector: 'cm-decision-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInput, MatButton, TranslatePipe, ErrorBannerComponent, ValidationMessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{ (approving ? 'core.admin.approvals.approveTitle' : 'core.admin.approvals.rejectTitle') | translate }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="decision-form">
      <mat-dialog-content>
        <p class="what"><strong>{{ data.title }}</strong><br />{{ data.summary }}</p>
        @if (error(); as error) {
          <cm-error-banner [error]="error" titleKey="core.admin.approvals.decisionFailed" [messageKey]="errorMessageKey()" />
        }
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ (approving ? 'core.admin.approvals.comment' : 'core.admin.approvals.reason') | translate }}</mat-label>
          <textarea matInput formControlName="text" rows="3" [required]="!approving" data-testid="decision-text"></textarea>
          <mat-hint>{{ (approving ? 'core.admin.approvals.commentHint' : 'core.admin.approvals.reasonHint') | translate }}</mat-hint>
          <mat-error>{{ form.controls.text.errors | validationMessage }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'core.actions.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [class.reject]="!approving" [disabled]="saving()" data-testid="decision-submit">
          {{ (saving() ? 'core.admin.saving' : approving ? 'core.admin.approvals.approve' : 'core.admin.approvals.reject') | translate }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 16px;
    }
    .what {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .reject {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class DecisionDialogComponent {
  protected readonly data = inject<DecisionDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<DecisionDialogComponent, PendingOperation>>(MatDialogRef);
  private readonly approvals = inject(ApprovalsService);

  protected readonly approving = this.data.decision === 'approve';
  protected readonly saving = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly errorMessageKey = signal<string | undefined>(undefined);
  protected readonly form = inject(NonNullableFormBuilder).group({
    text: [
      '',
      this.approving
        ? [Validators.maxLength(REASON_MAX_LENGTH)]
        : [Validators.required, Validators.minLength(REASON_MIN_LENGTH), Validators.maxLength(REASON_MAX_LENGTH)],
    ],
  });

  protected async submit(): Promise<void> {
    const text = this.form.controls.text.value.trim();
    if (!this.approving && text.length < REASON_MIN_LENGTH) this.form.controls.text.setValue(text);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    this.errorMessageKey.set(undefined);
    try {
      const id = this.data.operation.id;
      const updated = this.approving ? await this.approvals.approve(id, text || null) : await this.approvals.reject(id, text);
      this.dialogRef.close(updated);
    } catch (error) {
      this.error.set(error);
      if (showServerFieldErrors(this.form, error, { comment: 'text', reason: 'text' })) this.errorMessageKey.set('core.auth.fixFields');
    } finally {
      this.saving.set(false);
    }
  }
}

export function openDecisionDialog(dialog: MatDialog, data: DecisionDialogData): Observable<PendingOperation | undefined> {
  return dialog
    .open<DecisionDialogComponent, DecisionDialogData, PendingOperation>(DecisionDialogComponent, {
      data,
      width: '560px',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    })
    .afterClosed();
}
