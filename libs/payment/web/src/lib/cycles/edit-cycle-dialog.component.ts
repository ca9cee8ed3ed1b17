import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { AreaPickerComponent, areaChosen, AreaSearchService, type AreaValue, dayOf, ErrorBannerComponent, FormSubmission, isArea, isoDay, provideDatepickerLabels, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import type { Cycle } from '../data/cycle.queries';
import { CycleService } from '../data/cycle.service';

export interface EditCycleData {
  readonly cycle: Pick<Cycle, 'id' | 'code' | 'name' | 'plannedDate' | 'areaId' | 'version'>;
  /** Payrolls were made from the cycle: its planned date and area can no longer change (the API refuses it too). */
  readonly locked: boolean;
}

/** Edits a payment cycle: its name always, its planned date and area until a payroll or distribution is made from it. */
@Component({
  selector: 'cm-payment-edit-cycle-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInput, MatDatepickerModule, MatButton, TranslatePipe, AreaPickerComponent, ErrorBannerComponent, ValidationMessagePipe],
  providers: [provideDatepickerLabels()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/payment-dialog.scss',
  template: `
    <h2 mat-dialog-title>{{ 'payroll.cycle.editTitle' | translate: { code: data.cycle.code } }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="cycle-edit-form">
      <mat-dialog-content>
        @if (error(); as error) {
          <cm-error-banner [error]="error" titleKey="payroll.cycle.editFailed" [messageKey]="errorMessageKey()" />
        }
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'payment.list.name' | translate }}</mat-label>
          <input matInput formControlName="name" autocomplete="off" required data-testid="cycle-edit-name" />
          <mat-error>{{ form.controls.name.errors | validationMessage }}</mat-error>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'payroll.cycle.plannedDate' | translate }}</mat-label>
          <input matInput [matDatepicker]="plannedPicker" formControlName="plannedDate" autocomplete="off" required data-testid="cycle-edit-planned" />
          <mat-datepicker-toggle matIconSuffix [for]="plannedPicker" />
          <mat-datepicker #plannedPicker />
          <mat-error>{{ form.controls.plannedDate.errors | validationMessage }}</mat-error>
        </mat-form-field>
        <cm-area-picker [control]="area" label="payroll.cycle.area" [required]="true" testId="cycle-edit-area" />
        <p class="hint" data-testid="cycle-edit-hint">{{ (data.locked ? 'payroll.cycle.editLocked' : 'payroll.cycle.editHint') | translate }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'payroll.actions.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()" data-testid="cycle-edit-save">{{ 'payroll.cycle.save' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class EditCycleDialogComponent {
  private readonly dialogRef = inject<MatDialogRef<EditCycleDialogComponent, Cycle>>(MatDialogRef);
  private readonly cycles = inject(CycleService);
  private readonly areas = inject(AreaSearchService);
  protected readonly data = inject<EditCycleData>(MAT_DIALOG_DATA);

  protected readonly area = new FormControl<AreaValue>(null, [Validators.required, areaChosen]);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [this.data.cycle.name, [Validators.required, Validators.maxLength(200)]],
    plannedDate: new FormControl<Date | null>(dayOf(this.data.cycle.plannedDate), [Validators.required]),
    area: this.area,
  });
  private readonly submission = new FormSubmission(this.form, { fixFieldsKey: 'payroll.create.fixFields' });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  protected readonly errorMessageKey = this.submission.errorMessageKey;

  /** The cycle's area is looked up by id: a save clicked before it arrives waits for it. */
  private readonly areaLoaded = this.areas.areas([this.data.cycle.areaId]).then(
    ([area]) => area && this.area.setValue(area),
    () => undefined,
  );

  constructor() {
    if (this.data.locked) {
      this.form.controls.plannedDate.disable();
      this.area.disable();
    }
  }

  protected async save(): Promise<void> {
    await this.areaLoaded;
    const value = this.form.getRawValue();
    const area = value.area;
    if (!this.data.locked && !isArea(area)) {
      this.area.markAsTouched();
      return;
    }
    const planned = isoDay(value.plannedDate);
    const saved = await this.submission.run(() =>
      this.cycles.update({
        id: this.data.cycle.id,
        version: this.data.cycle.version,
        name: value.name.trim(),
        // only what changed is sent: a locked cycle's date and area are left out, the API would refuse them
        ...(!this.data.locked && planned && planned !== this.data.cycle.plannedDate ? { plannedDate: planned } : {}),
        ...(!this.data.locked && isArea(area) && area.id !== this.data.cycle.areaId ? { areaId: area.id } : {}),
      }),
    );
    if (saved) this.dialogRef.close(saved);
  }
}

export function openEditCycleDialog(dialog: MatDialog, data: EditCycleData): Observable<Cycle | undefined> {
  return dialog.open<EditCycleDialogComponent, EditCycleData, Cycle>(EditCycleDialogComponent, { data, width: '560px', maxWidth: '95vw', autoFocus: 'first-tabbable' }).afterClosed();
}
