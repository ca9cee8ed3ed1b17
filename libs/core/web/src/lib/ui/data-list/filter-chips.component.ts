import { ChangeDetectionStrategy, Component, computed, inject, input, output, Signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatIcon } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageService } from '../../i18n/language.service';
import { ListUrlState } from './list-url-state';

/** A filter in effect: `label` is a translation key, `value` what is shown (already readable). */
export interface FilterChip {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

/** Per filter of a list: its label (a translation key) and how its value reads (it may read signals). */
export type ChipLabels<K extends string> = { readonly [key in K]?: readonly [label: string, value?: (value: string) => string] };

/**
 * The chips of the filters in effect, in the order of `labels`, read again when the interface
 * language changes. Create it in a field initialiser.
 */
export function filterChips<K extends string>(list: ListUrlState<K>, labels: ChipLabels<K>): Signal<FilterChip[]> {
  const language = inject(LanguageService).current;
  return computed(() =>
    (Object.keys(labels) as K[]).flatMap((key) => {
      language();
      const value = list.value(key);
      const [label, read] = labels[key] ?? [key];
      return value ? [{ key, label, value: read ? read(value) : value }] : [];
    }),
  );
}

/** A value of the URL if it is one of the allowed ones (a status, a sex…), else null. */
export function oneOf<V extends string>(value: string | null, allowed: readonly V[]): V | null {
  return (allowed as readonly string[]).includes(value ?? '') ? (value as V) : null;
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
