import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { provideDatepickerLabels, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { ExtraFieldDef, ExtraFormGroup } from './extra-fields';

/** The deployment's extra fields of a household or a person, as form fields. */
@Component({
  providers: [provideDatepickerLabels()],
  selector: 'cm-extra-fields-form',
  imports: [MatDatepickerModule, ReactiveFormsModule, MatFormFieldModule, MatInput, MatSelectModule, TranslatePipe, ValidationMessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="grid" [formGroup]="group()">
      @for (field of fields(); track field.name) {
        @let control = group().controls[field.name];
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ field.title ?? field.name }}</mat-label>
          @if (field.allowed.length) {
            <mat-select [formControlName]="field.name" [required]="field.required" [attr.data-testid]="testIdPrefix() + field.name">
              @if (!field.required) {
                <mat-option [value]="null">{{ 'registry.forms.notSet' | translate }}</mat-option>
              }
              @for (value of field.allowed; track value) {
                <mat-option [value]="value">{{ value }}</mat-option>
              }
            </mat-select>
          } @else if (field.type === 'boolean') {
            <mat-select [formControlName]="field.name" [required]="field.required" [attr.data-testid]="testIdPrefix() + field.name">
              @if (!field.required) {
                <mat-option [value]="null">{{ 'registry.forms.notSet' | translate }}</mat-option>
              }
              <mat-option [value]="true">{{ 'registry.common.yes' | translate }}</mat-option>
              <mat-option [value]="false">{{ 'registry.common.no' | translate }}</mat-option>
            </mat-select>
          } @else if (field.type === 'number' || field.type === 'integer') {
            <input
              matInput
              type="number"
              [step]="field.type === 'integer' ? 1 : 'any'"
              [formControlName]="field.name"
              [required]="field.required"
              [attr.data-testid]="testIdPrefix() + field.name"
            />
          } @else if (field.type === 'date') {
            <input matInput [matDatepicker]="extraPicker" [formControlName]="field.name" [required]="field.required" autocomplete="off" [attr.data-testid]="testIdPrefix() + field.name" />
          } @else {
            <input matInput [formControlName]="field.name" [required]="field.required" autocomplete="off" [attr.data-testid]="testIdPrefix() + field.name" />
          }
          @if (!field.allowed.length && field.type === 'date') {
            <mat-datepicker-toggle matIconSuffix [for]="extraPicker" />
          }
          <mat-error>{{ control.errors | validationMessage: messages }}</mat-error>
        </mat-form-field>
        <mat-datepicker #extraPicker />
      }
    </div>
  `,
  styles: `
    /* the pickers open in an overlay: their host elements take no cell of the grid */
    .grid > mat-datepicker {
      display: none;
    }

    .grid {
      display: grid;
      align-items: start;
      grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
      gap: 16px;
    }
  `,
})
export class ExtraFieldsFormComponent {
  readonly fields = input.required<readonly ExtraFieldDef[]>();
  readonly group = input.required<ExtraFormGroup>();
  readonly testIdPrefix = input('extra-');

  protected readonly messages = { integer: 'registry.forms.integer', number: 'registry.forms.number' };
}
