import { ChangeDetectionStrategy, Component, inject, resource } from '@angular/core';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { AreaPickerComponent, areaChosen, type AreaValue, ErrorBannerComponent, FormSubmission, isArea, isoDay, LanguageService, provideDatepickerLabels, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import type { Cycle } from '../data/cycle.queries';
import { CycleService } from '../data/cycle.service';
import { CURRENCY_PATTERN, localizedName, PAYMENT_CODE_PATTERN } from '../ui/payment-format';

/** Same rule as the API (a month of 2000-2099). */
const PERIOD_PATTERN = /^20\d\d-(0[1-9]|1[0-2])$/;

/** A new payment cycle of a programme: the month it pays for, its planned date, its currency and its area. */
@Component({
  selector: 'cm-payment-create-cycle-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInput, MatSelectModule, MatDatepickerModule, MatButton, TranslatePipe, AreaPickerComponent, ErrorBannerComponent, ValidationMessagePipe],
  providers: [provideDatepickerLabels()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/payment-dialog.scss',
  template: `
    <h2 mat-dialog-title>{{ 'payroll.cycle.createTitle' | translate }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="cycle-form">
      <mat-dialog-content>
        @if (error(); as error) {
          <cm-error-banner [error]="error" titleKey="payroll.cycle.createFailed" [messageKey]="errorMessageKey()" />
        }
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'payroll.cycle.programme' | translate }}</mat-label>
          <mat-select formControlName="programId" required (valueChange)="chooseProgramme($event)" data-testid="cycle-form-programme">
            @for (p of programs.value() ?? []; track p.id) {
              <mat-option [value]="p.id" [attr.data-testid]="'cycle-programme-' + p.code">{{ nameOf(p.name) }} ({{ p.code }})</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.programId.errors | validationMessage }}</mat-error>
        </mat-form-field>
        <div class="row">
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'payment.list.code' | translate }}</mat-label>
            <input matInput formControlName="code" autocomplete="off" spellcheck="false" required class="mono" data-testid="cycle-form-code" />
            <mat-error>{{ form.controls.code.errors | validationMessage: codeMessages }}</mat-error>
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'payment.list.name' | translate }}</mat-label>
            <input matInput formControlName="name" autocomplete="off" required data-testid="cycle-form-name" />
            <mat-error>{{ form.controls.name.errors | validationMessage }}</mat-error>
          </mat-form-field>
        </div>
        <div class="row">
          <mat-form-field subscriptSizing="dynamic" class="narrow">
            <mat-label>{{ 'payroll.cycle.period' | translate }}</mat-label>
            <input matInput formControlName="period" autocomplete="off" placeholder="2027-01" required class="mono" data-testid="cycle-form-period" />
            <mat-hint>{{ 'payroll.cycle.periodHint' | translate }}</mat-hint>
            <mat-error>{{ form.controls.period.errors | validationMessage: periodMessages }}</mat-error>
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'payroll.cycle.plannedDate' | translate }}</mat-label>
            <input matInput [matDatepicker]="plannedPicker" formControlName="plannedDate" autocomplete="off" required data-testid="cycle-form-planned" />
            <mat-datepicker-toggle matIconSuffix [for]="plannedPicker" />
            <mat-datepicker #plannedPicker />
            <mat-error>{{ form.controls.plannedDate.errors | validationMessage }}</mat-error>
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic" class="narrow">
            <mat-label>{{ 'payroll.cycle.currency' | translate }}</mat-label>
            <input matInput formControlName="currency" autocomplete="off" spellcheck="false" required maxlength="3" class="mono" data-testid="cycle-form-currency" />
            <mat-error>{{ form.controls.currency.errors | validationMessage: currencyMessages }}</mat-error>
          </mat-form-field>
        </div>
        <cm-area-picker [control]="area" label="payroll.cycle.area" [required]="true" testId="cycle-form-area" />
        <p class="hint">{{ 'payroll.cycle.createHint' | translate }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'payroll.actions.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()" data-testid="cycle-form-save">{{ 'payroll.cycle.create' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 16px;
      mat-form-field {
        flex: 1 1 200px;
      }
      mat-form-field.narrow {
        flex: 0 1 150px;
      }
    }
  `,
})
export class CreateCycleDialogComponent {
  private readonly dialogRef = inject<MatDialogRef<CreateCycleDialogComponent, Cycle>>(MatDialogRef);
  private readonly cycles = inject(CycleService);
  protected readonly lang = inject(LanguageService).current;

  protected readonly codeMessages = { pattern: 'payroll.create.codePattern' };
  protected readonly periodMessages = { pattern: 'payroll.cycle.periodPattern' };
  protected readonly currencyMessages = { pattern: 'payroll.cycle.currencyPattern' };
  protected readonly programs = resource({ loader: () => this.cycles.programs() });
  protected readonly area = new FormControl<AreaValue>(null, [Validators.required, areaChosen]);
  protected readonly form = inject(NonNullableFormBuilder).group({
    programId: ['', [Validators.required]],
    code: ['', [Validators.required, Validators.maxLength(50), Validators.pattern(PAYMENT_CODE_PATTERN)]],
    name: ['', [Validators.required, Validators.maxLength(200)]],
    period: ['', [Validators.required, Validators.pattern(PERIOD_PATTERN)]],
    plannedDate: new FormControl<Date | null>(null, [Validators.required]),
    currency: ['', [Validators.required, Validators.pattern(CURRENCY_PATTERN)]],
    area: this.area,
  });
  private readonly submission = new FormSubmission(this.form, { fixFieldsKey: 'payroll.create.fixFields' });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  protected readonly errorMessageKey = this.submission.errorMessageKey;

  protected nameOf(name: { en: string; fr?: string | null; pt?: string | null }): string {
    return localizedName(name, this.lang());
  }

  /** The programme's currency, unless one was typed. */
  protected chooseProgramme(programId: string): void {
    const program = (this.programs.value() ?? []).find((p) => p.id === programId);
    if (program?.currency && !this.form.controls.currency.value) this.form.controls.currency.setValue(program.currency);
  }

  protected async save(): Promise<void> {
    const value = this.form.getRawValue();
    const area = value.area;
    if (!isArea(area)) {
      this.area.markAsTouched();
      return;
    }
    const saved = await this.submission.run(() =>
      this.cycles.create({
        programId: value.programId,
        code: value.code.trim(),
        name: value.name.trim(),
        period: value.period.trim(),
        plannedDate: isoDay(value.plannedDate) ?? '',
        currency: value.currency.trim().toUpperCase(),
        areaId: area.id,
      }),
    );
    if (saved) this.dialogRef.close(saved);
  }
}

export function openCreateCycleDialog(dialog: MatDialog): Observable<Cycle | undefined> {
  return dialog.open<CreateCycleDialogComponent, void, Cycle>(CreateCycleDialogComponent, { width: '640px', maxWidth: '95vw', autoFocus: 'first-tabbable' }).afterClosed();
}
