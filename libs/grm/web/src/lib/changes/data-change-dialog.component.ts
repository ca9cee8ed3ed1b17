import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ErrorBannerComponent, FormSubmission, Notifier, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import type { ChangeableField, ChangeRecordType, DataChangeRequest } from '../data/data-change.queries';
import { DataChangeService } from '../data/data-change.service';
import { fieldLabelKey } from './data-change-format';

export interface DataChangeDialogData {
  readonly householdId: string;
  readonly ticketId?: string;
}

type Row = FormGroup<{ field: FormControl<string>; value: FormControl<string> }>;

const newRow = (): Row => new FormGroup({ field: new FormControl('', { nonNullable: true, validators: [Validators.required] }), value: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(1000)] }) });

/** Proposes new values for fields of the household or one of its members; closes with the request. */
@Component({
  selector: 'cm-grm-data-change-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInput, MatSelectModule, MatButton, MatIconButton, MatIcon, TranslatePipe, ErrorBannerComponent, ValidationMessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'grm.changes.dialog.title' | translate }}</h2>
    <form mat-dialog-content [formGroup]="form" (ngSubmit)="submit()" id="grm-change-form" class="change-form">
      @if (error(); as failure) {
        <cm-error-banner [error]="failure" [titleKey]="errorMessageKey()" />
      }
      <mat-form-field appearance="outline">
        <mat-label>{{ 'grm.changes.dialog.record' | translate }}</mat-label>
        <mat-select formControlName="record" data-testid="change-record">
          @if (targets.value(); as t) {
            <mat-option [value]="'HOUSEHOLD:' + t.id">{{ 'grm.changes.dialog.household' | translate: { code: t.code } }}</mat-option>
            @for (m of t.members; track m.id) {
              <mat-option [value]="'INDIVIDUAL:' + m.id">{{ m.givenName }} {{ m.familyName }}</mat-option>
            }
          }
        </mat-select>
      </mat-form-field>
      <div formArrayName="changes">
        @for (row of rows.controls; track row; let i = $index) {
          <div class="change-row" [formGroupName]="i">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'grm.changes.dialog.field' | translate }}</mat-label>
              <mat-select formControlName="field" [attr.data-testid]="'change-field-' + i">
                @for (f of fields.value() ?? []; track f.key) {
                  <mat-option [value]="f.key">{{ labelOf(f.key) | translate }}</mat-option>
                }
              </mat-select>
              <mat-error>{{ row.controls.field | validationMessage }}</mat-error>
            </mat-form-field>
            @let chosen = fieldOf(row.controls.field.value);
            <mat-form-field appearance="outline">
              <mat-label>{{ 'grm.changes.dialog.value' | translate }}</mat-label>
              @if (chosen?.options; as options) {
                <mat-select formControlName="value" [attr.data-testid]="'change-value-' + i">
                  <mat-option value="">{{ 'grm.changes.dialog.empty' | translate }}</mat-option>
                  @for (o of options; track o) {
                    <mat-option [value]="o">{{ o }}</mat-option>
                  }
                </mat-select>
              } @else {
                <input matInput formControlName="value" [type]="chosen?.type === 'date' ? 'date' : chosen?.type === 'integer' || chosen?.type === 'number' ? 'number' : 'text'" [attr.data-testid]="'change-value-' + i" />
              }
              <mat-error>{{ row.controls.value | validationMessage }}</mat-error>
            </mat-form-field>
            @if (rows.length > 1) {
              <button mat-icon-button type="button" (click)="remove(i)" [attr.aria-label]="'grm.changes.dialog.remove' | translate"><mat-icon>close</mat-icon></button>
            }
          </div>
        }
      </div>
      <button mat-stroked-button type="button" (click)="add()" data-testid="change-add-field"><mat-icon>add</mat-icon>{{ 'grm.changes.dialog.add' | translate }}</button>
      <mat-form-field appearance="outline" class="reason">
        <mat-label>{{ 'grm.changes.dialog.reason' | translate }}</mat-label>
        <textarea matInput formControlName="reason" rows="3" maxlength="1000" data-testid="change-reason"></textarea>
        <mat-error>{{ form.controls.reason | validationMessage }}</mat-error>
      </mat-form-field>
    </form>
    <div mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'grm.changes.dialog.cancel' | translate }}</button>
      <button mat-flat-button type="submit" form="grm-change-form" [disabled]="saving()" data-testid="change-submit">{{ 'grm.changes.dialog.submit' | translate }}</button>
    </div>
  `,
  styles: `
    .change-form { display: flex; flex-direction: column; gap: 4px; min-width: min(560px, 80vw); }
    .change-row { display: grid; grid-template-columns: 1fr 1fr auto; gap: 8px; align-items: start; }
    .reason { margin-top: 12px; }
  `,
})
export class DataChangeDialogComponent {
  private readonly data = inject<DataChangeDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<DataChangeDialogComponent, DataChangeRequest>>(MatDialogRef);
  private readonly service = inject(DataChangeService);
  private readonly notifier = inject(Notifier);

  protected readonly form = new FormGroup({
    record: new FormControl(`HOUSEHOLD:${this.data.householdId}`, { nonNullable: true, validators: [Validators.required] }),
    changes: new FormArray<Row>([newRow()]),
    reason: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(1000)] }),
  });
  protected readonly rows = this.form.controls.changes;
  private readonly record = toSignal(this.form.controls.record.valueChanges, { initialValue: this.form.controls.record.value });
  protected readonly recordType = computed(() => this.record().split(':')[0] as ChangeRecordType);
  protected readonly targets = resource({ loader: () => this.service.targets(this.data.householdId) });
  protected readonly fields = resource({ params: () => ({ type: this.recordType() }), loader: ({ params }) => this.service.fields(params.type) });
  private readonly submission = new FormSubmission(this.form, { fixFieldsKey: 'grm.changes.dialog.fixFields' });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  protected readonly errorMessageKey = this.submission.errorMessageKey;

  constructor() {
    // another record has other fields
    this.form.controls.record.valueChanges.subscribe(() => {
      this.rows.clear();
      this.rows.push(newRow());
    });
  }

  protected labelOf(key: string): string {
    return fieldLabelKey(key);
  }

  protected fieldOf(key: string): ChangeableField | null {
    return (this.fields.value() ?? []).find((f) => f.key === key) ?? null;
  }

  protected add(): void {
    this.rows.push(newRow());
  }

  protected remove(index: number): void {
    this.rows.removeAt(index);
  }

  protected async submit(): Promise<void> {
    const [recordType, recordId] = this.form.controls.record.value.split(':') as [ChangeRecordType, string];
    const created = await this.submission.run(() =>
      this.service.create({
        recordType,
        recordId,
        reason: this.form.controls.reason.value,
        ticketId: this.data.ticketId,
        changes: this.rows.controls.map((row) => ({ field: row.controls.field.value, newValue: this.typed(row.controls.field.value, row.controls.value.value) })),
      }),
    );
    if (!created) return;
    this.notifier.notify(created.pendingOperationId ? 'grm.changes.dialog.sentForApproval' : 'grm.changes.dialog.created');
    this.dialogRef.close(created);
  }

  /** Numbers and true/false as such; the server checks the value against the field's rules. */
  private typed(key: string, value: string): unknown {
    const field = this.fieldOf(key);
    const text = value.trim();
    if (text === '') return null;
    if ((field?.type === 'integer' || field?.type === 'number') && !Number.isNaN(Number(text))) return Number(text);
    if (field?.type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
    return text;
  }
}
