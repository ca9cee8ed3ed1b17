import { DestroyRef, inject, Injectable, type Provider } from '@angular/core';
import { MatDatepickerIntl } from '@angular/material/datepicker';
import { TranslateService } from '@ngx-translate/core';

const LABELS = [
  'calendarLabel',
  'openCalendarLabel',
  'closeCalendarLabel',
  'prevMonthLabel',
  'nextMonthLabel',
  'prevYearLabel',
  'nextYearLabel',
  'prevMultiYearLabel',
  'nextMultiYearLabel',
  'switchToMonthViewLabel',
  'switchToMultiYearViewLabel',
  'startDateLabel',
  'endDateLabel',
  'comparisonDateLabel',
] as const;

/** The date picker's labels in the interface language. */
@Injectable()
export class TranslatedDatepickerIntl extends MatDatepickerIntl {
  private readonly translate = inject(TranslateService);

  constructor() {
    super();
    this.apply();
    const refresh = () => {
      this.apply();
      this.changes.next();
    };
    // feature bundles are merged in after start-up (onTranslationChange), languages switch (onLangChange)
    const subscriptions = [this.translate.onLangChange.subscribe(refresh), this.translate.onTranslationChange.subscribe(refresh)];
    inject(DestroyRef).onDestroy(() => subscriptions.forEach((s) => s.unsubscribe()));
  }

  override formatYearRangeLabel(start: string, end: string): string {
    return this.translate.instant('core.datepicker.yearRange', { start, end });
  }

  private apply(): void {
    for (const label of LABELS) this[label] = this.translate.instant(`core.datepicker.${label}`);
  }
}

/** The date picker's labels in the interface language, for a component that shows a date picker. */
export function provideDatepickerLabels(): Provider[] {
  return [{ provide: MatDatepickerIntl, useClass: TranslatedDatepickerIntl }];
}
