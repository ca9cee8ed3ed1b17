import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { DateTimePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { DuplicateModel } from './duplicate.queries';
import { DuplicateService } from './duplicate.service';
import { DuplicateReviewStore } from './duplicate-review.store';
import { formatCount, formatPercent, formatProbability, formatSigned } from './duplicate-format';

/**
 * The model behind the scores, for the administrator choosing the threshold: m, u and weight of each
 * level of agreement, and the precision and recall the model expects at each threshold.
 */
@Component({
  selector: 'cm-duplicate-model',
  imports: [TranslatePipe, DateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './duplicate-model.component.html',
  styleUrl: './duplicate-review.page.scss',
})
export class DuplicateModelComponent implements OnInit {
  /** The threshold in force (0..1). */
  readonly threshold = input<number | null>(null);

  private readonly api = inject(DuplicateService);
  protected readonly store = inject(DuplicateReviewStore);
  protected readonly model = signal<DuplicateModel | null>(null);
  protected readonly loaded = signal(false);

  /** The reported threshold nearest to the one in force, at or below it. */
  protected readonly atThreshold = computed(() => {
    const model = this.model();
    const threshold = this.threshold();
    if (!model || threshold === null) return null;
    const below = model.expected.filter((e) => e.threshold <= threshold + 1e-9);
    return below[below.length - 1] ?? model.expected[0] ?? null;
  });

  async ngOnInit(): Promise<void> {
    await this.reload();
  }

  async reload(): Promise<void> {
    try {
      this.model.set(await this.api.model());
    } finally {
      this.loaded.set(true);
    }
  }

  protected percent(x: number, digits = 1): string {
    return formatPercent(this.store.lang(), x, digits);
  }

  protected signed(x: number): string {
    return formatSigned(this.store.lang(), x);
  }

  protected probability(x: number): string {
    return formatProbability(this.store.lang(), x);
  }

  protected count(x: number): string {
    return formatCount(this.store.lang(), x);
  }
}
