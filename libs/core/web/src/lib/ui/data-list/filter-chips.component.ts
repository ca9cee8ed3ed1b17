import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatIcon } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';

/** A filter in effect: `label` is a translation key, `value` what is shown (already readable). */
export interface FilterChip {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

/** The filters in effect as removable chips, and a button that clears them all. */
@Component({
  selector: 'cm-filter-chips',
  imports: [MatChipsModule, MatIcon, MatButton, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (chips().length) {
      <mat-chip-set [attr.aria-label]="'core.list.clearFilters' | translate">
        @for (chip of chips(); track chip.key) {
          <mat-chip (removed)="remove.emit(chip.key)" [attr.data-testid]="testId() + '-chip-' + chip.key">
            <span class="label">{{ chip.label | translate }}:</span> {{ chip.value }}
            <button matChipRemove type="button" [attr.aria-label]="'core.list.removeFilter' | translate: { label: (chip.label | translate) }">
              <mat-icon>cancel</mat-icon>
            </button>
          </mat-chip>
        }
      </mat-chip-set>
      <button mat-button type="button" (click)="clear.emit()" [attr.data-testid]="testId() + '-clear-filters'">
        <mat-icon>filter_alt_off</mat-icon>
        {{ 'core.list.clearFilters' | translate }}
      </button>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    :host:empty {
      display: none;
    }
    .label {
      color: var(--mat-sys-on-surface-variant);
      margin-right: 4px;
    }
  `,
})
export class FilterChipsComponent {
  readonly chips = input.required<readonly FilterChip[]>();
  readonly testId = input('filters');
  readonly remove = output<string>();
  readonly clear = output<void>();
}
