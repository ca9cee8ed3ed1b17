import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatTooltip } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { DateTimePipe, ErrorBannerComponent, NoticeBannerComponent } from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ProtectedImageComponent } from '../files/protected-image.component';
import { ComparisonRow, mergeEffect } from './duplicate-comparison';
import { formatSigned } from './duplicate-format';
import { scoreClass } from './duplicate-pairs.component';
import { DuplicateReviewStore, fullName, personName } from './duplicate-review.store';

const INDIVIDUALS_PATH = '/registry/individuals';

/** The chosen pair side by side: what differs, what a merge keeps, and the decision buttons. */
@Component({
  selector: 'cm-duplicate-compare',
  imports: [MatButton, MatIcon, MatProgressBar, MatRadioModule, MatTooltip, RouterLink, TranslatePipe, DateTimePipe, ErrorBannerComponent, NoticeBannerComponent, ProtectedImageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './duplicate-compare.component.html',
  styleUrl: './duplicate-review.page.scss',
})
export class DuplicateCompareComponent {
  protected readonly store = inject(DuplicateReviewStore);
  private readonly translate = inject(TranslateService);
  protected readonly individualsPath = INDIVIDUALS_PATH;
  protected readonly personName = personName;
  protected readonly fullName = fullName;

  protected percent(score: number): number {
    return Math.round(score * 100);
  }

  /** A contribution (log2 of m/u) with its sign. */
  protected signed(weight: number): string {
    return formatSigned(this.store.lang(), weight);
  }

  /** Bar length of a contribution, 20 bits filling the cell. */
  protected barWidth(weight: number): number {
    return Math.min(100, (Math.abs(weight) / 20) * 100);
  }

  protected scoreClass(score: number): string {
    return scoreClass(score, this.store.reviewBelow());
  }

  protected effectOf(row: ComparisonRow, side: 'a' | 'b'): 'filled' | 'combined' | 'moved' | null {
    if (!this.store.open() || side !== this.store.survivor()) return null;
    if (row.rule === 'takePlace' && !this.store.survivorTakesPlace()) return null;
    return mergeEffect(row, side);
  }

  protected otherValue(row: ComparisonRow, side: 'a' | 'b'): string {
    return side === 'a' ? row.b : row.a;
  }

  protected fieldLabel(row: ComparisonRow): string {
    return row.extra ? row.field : this.translate.instant(`registry.duplicates.fields.${row.field}`);
  }
}
