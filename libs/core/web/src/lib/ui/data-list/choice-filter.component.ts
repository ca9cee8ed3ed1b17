import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';

/** A list filter on a coded value (a status, a sex…): "any" or one of the values. */
@Component({
  selector: 'cm-choice-filter',
  imports: [MatFormFieldModule, MatSelectModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field class="field" appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ label() | translate }}</mat-label>
      <mat-select [value]="value()" (selectionChange)="changed.emit($event.value)" [attr.data-testid]="testId()">
        <mat-option [value]="null">{{ anyLabel() | translate }}</mat-option>
        @for (option of options(); track option) {
          <mat-option [value]="option">{{ optionLabel()(option) }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    .field {
      width: 100%;
    }
  `,
})
export class ChoiceFilterComponent {
  /** Translation keys. */
  readonly label = input.required<string>();
  readonly anyLabel = input.required<string>();
  readonly options = input.required<readonly string[]>();
  readonly value = input<string | null>(null);
  /** How a value reads (it may depend on the interface language). */
  readonly optionLabel = input<(value: string) => string>((value) => value);
  readonly testId = input('choice-filter');
  readonly changed = output<string | null>();
}
