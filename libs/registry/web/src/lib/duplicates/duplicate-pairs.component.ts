import { afterNextRender, ChangeDetectionStrategy, Component, effect, ElementRef, inject, Injector, untracked, viewChild } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { CursorPagerComponent } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { DuplicateStatus } from './duplicate.queries';
import { DUPLICATE_PAGE_SIZE, DuplicateReviewStore, personName } from './duplicate-review.store';

/** The pairs of the list, highest score first, as a list box (arrows, Home, End), with the pager. */
@Component({
  selector: 'cm-duplicate-pairs',
  imports: [MatIcon, MatProgressBar, TranslatePipe, CursorPagerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './duplicate-pairs.component.html',
  styleUrl: './duplicate-review.page.scss',
})
export class DuplicatePairsComponent {
  protected readonly store = inject(DuplicateReviewStore);
  private readonly injector = inject(Injector);
  private readonly listbox = viewChild<ElementRef<HTMLElement>>('listbox');
  protected readonly pageSize = DUPLICATE_PAGE_SIZE;
  protected readonly personName = personName;

  constructor() {
    // the chosen pair stays in view as the keyboard moves through the list
    effect(() => {
      const id = this.store.selectedId();
      untracked(() =>
        afterNextRender(() => this.listbox()?.nativeElement.querySelector<HTMLElement>(`#pair-${id}`)?.scrollIntoView({ block: 'nearest' }), {
          injector: this.injector,
        }),
      );
    });
  }

  protected onListKeydown(event: KeyboardEvent): void {
    const list = this.store.candidates();
    if (event.key === 'ArrowDown') this.store.move(1);
    else if (event.key === 'ArrowUp') this.store.move(-1);
    else if (event.key === 'Home') this.store.select(list[0] ?? null);
    else if (event.key === 'End') this.store.select(list[list.length - 1] ?? null);
    else return;
    event.preventDefault();
  }

  protected percent(score: number): number {
    return Math.round(score * 100);
  }

  protected scoreClass(score: number): string {
    return scoreClass(score, this.store.reviewBelow());
  }

  protected statusKey(status: DuplicateStatus): string {
    return `registry.duplicates.status.${status}`;
  }
}

/** The colour of a score: below the review threshold it is uncertain. */
export function scoreClass(score: number, reviewBelow: number | null): string {
  if (reviewBelow !== null && score < reviewBelow) return 'uncertain';
  return score >= 0.9 ? 'high' : score >= 0.75 ? 'medium' : 'low';
}
