import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTooltip } from '@angular/material/tooltip';
import { TranslatePipe } from '@ngx-translate/core';

/**
 * Where a list is in its pages. The API pages forward only, with an `after` cursor: the cursors of
 * the pages seen so far are kept to go back.
 */
export class CursorPaging {
  private readonly cursors = signal<readonly (string | null)[]>([null]);
  readonly index = signal(0);
  /** The `after` cursor of the current page. */
  readonly after = computed(() => this.cursors()[this.index()] ?? null);

  next(endCursor: string | null): void {
    if (!endCursor) return;
    const index = this.index();
    this.cursors.update((cursors) => [...cursors.slice(0, index + 1), endCursor]);
    this.index.set(index + 1);
  }

  previous(): void {
    this.index.update((index) => Math.max(0, index - 1));
  }

  reset(): void {
    this.cursors.set([null]);
    this.index.set(0);
  }
}

/** "51–100 of 315" with previous and next buttons, under a list paged with cursors. */
@Component({
  selector: 'cm-cursor-pager',
  imports: [MatIconButton, MatIcon, MatTooltip, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="range" [attr.data-testid]="testId() + '-range'">
      {{ 'registry.paging.range' | translate: { from: from(), to: to(), total: total() } }}
    </span>
    <button
      mat-icon-button
      type="button"
      [disabled]="pageIndex() === 0"
      [matTooltip]="'registry.paging.previous' | translate"
      [attr.aria-label]="'registry.paging.previous' | translate"
      (click)="previous.emit()"
      [attr.data-testid]="testId() + '-previous'"
    >
      <mat-icon>chevron_left</mat-icon>
    </button>
    <button
      mat-icon-button
      type="button"
      [disabled]="!hasNext()"
      [matTooltip]="'registry.paging.next' | translate"
      [attr.aria-label]="'registry.paging.next' | translate"
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
      gap: 4px;
      padding: 8px 4px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .range {
      margin-right: 8px;
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

  protected readonly from = computed(() => (this.shown() ? this.pageIndex() * this.pageSize() + 1 : 0));
  protected readonly to = computed(() => this.pageIndex() * this.pageSize() + this.shown());
}
