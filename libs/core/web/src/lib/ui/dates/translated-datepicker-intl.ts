import { DestroyRef, inject, Injectable } from '@angular/core';
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
    const subscription = this.translate.onLangChange.subscribe(() => {
      this.apply();
      this.changes.next();
    });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  override formatYearRangeLabel(start: string, end: string): string {
    return this.translate.instant('core.datepicker.yearRange', { start, end });
  }

  private apply(): void {
    for (const label of LABELS) this[label] = this.translate.instant(`core.datepicker.${label}`);
  }
}
