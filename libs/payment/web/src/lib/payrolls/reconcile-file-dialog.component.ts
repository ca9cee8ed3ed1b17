import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ErrorBannerComponent, FileSizePipe, FormSubmission, LanguageService, Notifier } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import type { ReconciliationFileColumns, ReconciliationOutcome } from '../data/payroll.queries';
import { PayrollService } from '../data/payroll.service';

export interface ReconcileFileDialogData {
  readonly payrollId: string;
  readonly payrollCode: string;
}

/** What the API takes in one request (base64 of at most 200 MB of text). */
export const RECONCILIATION_FILE_MAX_BYTES = 100 * 1024 * 1024;

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * Reconciles a payroll from a provider's or bank's file: choose the file, check the columns the server recognised,
 * check the file (every row, nothing applied), then apply it; the per-row report is shown in the interface language.
 */
@Component({
  selector: 'cm-payment-reconcile-file-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatSelectModule, MatCheckbox, MatButton, MatProgressBar, TranslatePipe, ErrorBannerComponent, FileSizePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reconcile-file-dialog.component.html',
  styleUrl: './reconcile-file-dialog.component.scss',
})
export class ReconcileFileDialogComponent {
  protected readonly data = inject<ReconcileFileDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ReconcileFileDialogComponent, ReconciliationOutcome>>(MatDialogRef);
  private readonly payrolls = inject(PayrollService);
  protected readonly lang = inject(LanguageService).current;

  protected readonly file = signal<{ name: string; size: number; base64: string } | null>(null);
  protected readonly columns = signal<ReconciliationFileColumns | null>(null);
  protected readonly outcome = signal<ReconciliationOutcome | null>(null);
  protected readonly tooLarge = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    reference: ['', Validators.required],
    amount: ['', Validators.required],
    status: [''],
    receipt: [''],
    allOrNothing: [true],
  });
  private readonly notifier = inject(Notifier);
  private readonly submission = new FormSubmission(this.form, {
    fixFieldsKey: 'payroll.reconcileFile.fixFields',
    // sent for approval: nothing to show here until a checker approves
    handled: (error) => {
      if (!this.notifier.approvalPendingHandled(error)) return false;
      this.dialogRef.close();
      return true;
    },
  });
  /** Reading a file's columns happens before the mapping form can be valid. */
  private readonly reading = new FormSubmission(new FormControl(null));
  protected readonly saving = computed(() => this.submission.saving() || this.reading.saving());
  protected readonly error = computed(() => this.submission.error() ?? this.reading.error());
  protected readonly errorMessageKey = this.submission.errorMessageKey;
  protected readonly maxBytes = RECONCILIATION_FILE_MAX_BYTES;

  protected async choose(picker: HTMLInputElement): Promise<void> {
    const chosen = picker.files?.[0];
    picker.value = '';
    if (!chosen) return;
    this.columns.set(null);
    this.outcome.set(null);
    this.tooLarge.set(chosen.size > RECONCILIATION_FILE_MAX_BYTES);
    if (this.tooLarge()) return;
    this.submission.error.set(null);
    const read = await this.reading.run(async () => {
      const base64 = await base64Of(chosen);
      return { base64, columns: await this.payrolls.fileColumns(chosen.name, base64) };
    });
    if (!read) return;
    this.file.set({ name: chosen.name, size: chosen.size, base64: read.base64 });
    this.columns.set(read.columns);
    const s = read.columns.suggested;
    this.form.patchValue({ reference: s.reference ?? '', amount: s.amount ?? '', status: s.status ?? '', receipt: s.receipt ?? '' });
  }

  /** Checks every row without applying (`dryRun`), or applies the file. */
  protected async run(dryRun: boolean): Promise<void> {
    const file = this.file();
    if (!file) return;
    const value = this.form.getRawValue();
    this.reading.error.set(null);
    const outcome = await this.submission.run(() =>
      this.payrolls.reconcileFile({
        payrollId: this.data.payrollId,
        fileName: file.name,
        contentBase64: file.base64,
        mapping: { reference: value.reference, amount: value.amount, status: value.status, receipt: value.receipt },
        allOrNothing: value.allOrNothing,
        dryRun,
      }),
    );
    if (!outcome) return;
    if (!dryRun && !outcome.replayed && outcome.applied > 0) this.dialogRef.close(outcome);
    else this.outcome.set(outcome);
  }
}

export function openReconcileFileDialog(dialog: MatDialog, data: ReconcileFileDialogData): Observable<ReconciliationOutcome | undefined> {
  return dialog
    .open<ReconcileFileDialogComponent, ReconcileFileDialogData, ReconciliationOutcome>(ReconcileFileDialogComponent, { data, width: '760px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
    .afterClosed();
}
