import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { LanguageService, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Vocabulary } from '../data/registry.service';
import { DWELLING_CODED_FIELDS, DwellingFormGroup } from './dwelling-form';
import { CodePipe } from './registry-pipes';

/** Address, GPS point, rooms, the coded dwelling variables and the assets of a household. */
@Component({
  selector: 'cm-dwelling-fields',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInput, MatSelectModule, TranslatePipe, ValidationMessagePipe, CodePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let form = group();
    <div class="grid" [formGroup]="form">
      <mat-form-field subscriptSizing="dynamic" class="wide">
        <mat-label>{{ 'registry.fields.address' | translate }}</mat-label>
        <input matInput formControlName="address" autocomplete="off" data-testid="dwelling-address" />
        <mat-error>{{ form.controls.address.errors | validationMessage }}</mat-error>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ 'registry.fields.latitude' | translate }}</mat-label>
        <input matInput type="number" step="any" formControlName="latitude" data-testid="dwelling-latitude" />
        <mat-error>{{ form.controls.latitude.errors | validationMessage: coordinateMessages }}</mat-error>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ 'registry.fields.longitude' | translate }}</mat-label>
        <input matInput type="number" step="any" formControlName="longitude" data-testid="dwelling-longitude" />
        <mat-error>{{ form.controls.longitude.errors | validationMessage: coordinateMessages }}</mat-error>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ 'registry.fields.rooms' | translate }}</mat-label>
        <input matInput type="number" min="0" max="50" step="1" formControlName="rooms" data-testid="dwelling-rooms" />
        <mat-error>{{ form.controls.rooms.errors | validationMessage: roomMessages }}</mat-error>
      </mat-form-field>
      @for (field of codedFields; track field) {
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'registry.fields.' + field | translate }}</mat-label>
          <mat-select [formControlName]="field" [attr.data-testid]="'dwelling-' + field">
            <mat-option [value]="null">{{ 'registry.forms.notSet' | translate }}</mat-option>
            @for (value of vocabulary().get(field) ?? []; track value) {
              <mat-option [value]="value">{{ value | code: field : lang() }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls[field].errors | validationMessage }}</mat-error>
        </mat-form-field>
      }
      <mat-form-field subscriptSizing="dynamic" class="wide">
        <mat-label>{{ 'registry.fields.assets' | translate }}</mat-label>
        <mat-select formControlName="assets" multiple data-testid="dwelling-assets">
          @for (value of vocabulary().get('assets') ?? []; track value) {
            <mat-option [value]="value">{{ value | code: 'assets' : lang() }}</mat-option>
          }
        </mat-select>
        <mat-error>{{ form.controls.assets.errors | validationMessage }}</mat-error>
      </mat-form-field>
    </div>
  `,
  styles: `
    .grid {
      display: grid;
      align-items: start;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
      gap: 16px;
    }
    .wide {
      grid-column: 1 / -1;
    }
  `,
})
export class DwellingFieldsComponent {
  readonly group = input.required<DwellingFormGroup>();
  readonly vocabulary = input.required<Vocabulary>();
  protected readonly lang = inject(LanguageService).current;
  protected readonly codedFields = DWELLING_CODED_FIELDS;
  protected readonly coordinateMessages = { min: 'registry.forms.coordinate', max: 'registry.forms.coordinate' };
  protected readonly roomMessages = { min: 'registry.forms.rooms', max: 'registry.forms.rooms', pattern: 'registry.forms.rooms' };
}
