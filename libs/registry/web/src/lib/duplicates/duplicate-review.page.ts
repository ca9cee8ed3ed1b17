import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTooltip } from '@angular/material/tooltip';
import { EmptyStateComponent, ErrorBannerComponent, LoadingIndicatorComponent } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { DuplicateCompareComponent } from './duplicate-compare.component';
import { DuplicateDetectionComponent } from './duplicate-detection.component';
import { DuplicateModelComponent } from './duplicate-model.component';
import { DuplicatePairsComponent } from './duplicate-pairs.component';
import { DUPLICATE_FILTERS, DuplicateReviewStore } from './duplicate-review.store';

export type { DuplicateFilter } from './duplicate-review.store';

/**
 * Pairs of records that may be the same person, highest score first, compared side by side. The
 * reviewer merges them (choosing the record that stays), marks them as different people, or
 * postpones; a registry-wide detection can be started from here. Keyboard: J/K or the arrows move
 * in the list, 1/2 choose the record kept, M merges, N marks as different, L postpones. The parts
 * (pair list, comparison, detection) share the page's `DuplicateReviewStore`.
 */
@Component({
  selector: 'cm-duplicate-review-page',
  imports: [
    MatButton,
    MatButtonToggleModule,
    MatIcon,
    MatTooltip,
    TranslatePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
    DuplicateCompareComponent,
    DuplicateDetectionComponent,
    DuplicateModelComponent,
    DuplicatePairsComponent,
  ],
  providers: [DuplicateReviewStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKeydown($event)' },
  templateUrl: './duplicate-review.page.html',
  styleUrl: './duplicate-review.page.scss',
})
export class DuplicateReviewPage {
  protected readonly store = inject(DuplicateReviewStore);
  private readonly dialog = inject(MatDialog);
  protected readonly filters = DUPLICATE_FILTERS;
  protected readonly threshold = this.store.threshold;

  protected percent(score: number): number {
    return Math.round(score * 100);
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || this.dialog.openDialogs.length) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable="true"], mat-select, [role="menu"]')) return;
    const store = this.store;
    switch (event.key.toLowerCase()) {
      case 'j':
        store.move(1);
        break;
      case 'k':
        store.move(-1);
        break;
      case '1':
      case '2':
        if (store.open()) store.survivor.set(event.key === '1' ? 'a' : 'b');
        break;
      case 'm':
        store.merge();
        break;
      case 'n':
        void store.decide('NOT_DUPLICATE');
        break;
      case 'l':
        void store.decide('POSTPONED');
        break;
      default:
        return;
    }
    event.preventDefault();
  }
}
