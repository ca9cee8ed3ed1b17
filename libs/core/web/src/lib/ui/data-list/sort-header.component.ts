import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import { ListSort } from './list-sort';

/**
 * The header of a column the server can sort by: `<th mat-header-cell *matHeaderCellDef cmSortHeader
 * [sort]="sort" key="name" label="…">`. A click sorts by it, a second click turns the direction.
 */
@Component({
  selector: '[cmSortHeader]',
  imports: [MatIcon, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.aria-sort]': 'sort().ariaSort(key())' },
  template: `
    <button type="button" class="sort-header" [class.active]="state() !== 'none'" (click)="sort().toggle(key())" [attr.data-testid]="'sort-' + key()">
      <span>{{ label() | translate }}</span>
      <mat-icon aria-hidden="true">{{ state() === 'descending' ? 'arrow_downward' : 'arrow_upward' }}</mat-icon>
    </button>
  `,
  styles: `
    .sort-header {
      display: inline-flex;
      align-items: center;
      gap: 2px;
      padding: 0;
      border: 0;
      background: none;
      font: inherit;
      color: inherit;
      cursor: pointer;
    }
    mat-icon {
      width: 16px;
      height: 16px;
      font-size: 16px;
      opacity: 0;
    }
    .sort-header:hover mat-icon,
    .sort-header:focus-visible mat-icon,
    .sort-header.active mat-icon {
      opacity: 1;
    }
  `,
})
export class SortHeaderComponent<K extends string> {
  readonly sort = input.required<ListSort<K>>();
  readonly key = input.required<K>();
  readonly label = input.required<string>();
  protected readonly state = computed(() => this.sort().ariaSort(this.key()));
}
