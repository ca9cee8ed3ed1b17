import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTooltip } from '@angular/material/tooltip';
import { TranslatePipe } from '@ngx-translate/core';
import { pageRange } from './cursor-paging';

/** "51–100 of 315" with previous and next buttons, under a list paged with cursors. */
@Component({
  selector: 'cm-cursor-pager',
  imports: [MatIconButton, MatIcon, MatTooltip, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-content />
    <span class="range" [attr.data-testid]="testId() + '-range'">
      {{ 'core.list.range' | translate: { from: range().from, to: range().to, total: total() } }}
    </span>
    <button
      mat-icon-button
      type="button"
      [disabled]="pageIndex() === 0"
      [matTooltip]="'core.list.previous' | translate"
      [attr.aria-label]="'core.list.previous' | translate"
      (click)="previous.emit()"
      [attr.data-testid]="testId() + '-previous'"
    >
      <mat-icon>chevron_left</mat-icon>
    </button>
    <button
      mat-icon-button
      type="button"
      [disabled]="!hasNext()"
      [matTooltip]="'core.list.next' | translate"
      [attr.aria-label]="'core.list.next' | translate"
      (click)="next.emit()"
      [attr.data-testid]="testId() + '-next'"
    >
      <mat-icon>chevron_right</mat-icon>
    </button>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      flex-wrap: wrap;
      gap: 4px;
      padding: 8px 4px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .range {
      margin: 0 8px 0 auto;
    }
  `,
})
export class CursorPagerComponent {
  readonly pageIndex = input.required<number>();
  readonly pageSize = input.required<number>();
  readonly shown = input.required<number>();
  readonly total = input.required<number>();
  readonly hasNext = input.required<boolean>();
  readonly testId = input('pager');
  readonly previous = output<void>();
  readonly next = output<void>();

  protected readonly range = computed(() => pageRange(this.pageIndex(), this.pageSize(), this.shown()));
}
