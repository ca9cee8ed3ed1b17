import { effect, EnvironmentProviders, inject, Injectable, makeEnvironmentProviders } from '@angular/core';
import { DateAdapter, MAT_DATE_FORMATS, MAT_DATE_LOCALE, MatDateFormats, NativeDateAdapter } from '@angular/material/core';
import { LanguageService } from '../../i18n/language.service';

/**
 * The locale of dates per interface language. English is shown day first as well (en-GB): the
 * platform's users write dates that way, and a day typed as 03/04 must not change meaning when the
 * person switches language.
 */
export const DATE_LOCALES: Readonly<Record<string, string>> = { en: 'en-GB', fr: 'fr-FR', pt: 'pt-PT' };

export const LANGUAGE_DATE_FORMATS: MatDateFormats = {
  parse: { dateInput: null },
  display: {
    dateInput: { day: '2-digit', month: '2-digit', year: 'numeric' },
    monthLabel: { month: 'short' },
    monthYearLabel: { year: 'numeric', month: 'short' },
    dateA11yLabel: { year: 'numeric', month: 'long', day: 'numeric' },
    monthYearA11yLabel: { year: 'numeric', month: 'long' },
  },
};

type Part = 'day' | 'month' | 'year';

/** In which order a locale writes the day, month and year (`['day', 'month', 'year']` in French). */
export function dateOrder(locale: string): readonly Part[] {
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' })
    .formatToParts(new Date(2001, 10, 22))
    .map((part) => part.type)
    .filter((type): type is Part => type === 'day' || type === 'month' || type === 'year');
}

/**
 * A day typed by a person, read in the locale's order whatever the browser's own locale: 03/04/2024
 * is 3 April in French and Portuguese. Also reads ISO days (2024-04-03). Two-digit years are this
 * century up to ten years ahead, the last one before. Null when empty; an invalid date when the
 * text is not a real day.
 */
export function parseDay(text: string, locale: string, today = new Date()): Date | null {
  const value = text.trim();
  if (!value) return null;
  const numbers = value.split(/[^0-9]+/).filter(Boolean);
  if (numbers.length !== 3) return new Date(NaN);
  const order: readonly Part[] = numbers[0].length === 4 ? ['year', 'month', 'day'] : dateOrder(locale);
  const parts = Object.fromEntries(order.map((part, i) => [part, Number(numbers[i])])) as Record<Part, number>;
  let year = parts.year;
  if (numbers[order.indexOf('year')].length <= 2) {
    const century = Math.floor(today.getFullYear() / 100) * 100;
    year = century + year > today.getFullYear() + 10 ? century - 100 + year : century + year;
  }
  const date = new Date(year, parts.month - 1, parts.day);
  date.setFullYear(year); // years below 100 are not 19xx
  const real = date.getFullYear() === year && date.getMonth() === parts.month - 1 && date.getDate() === parts.day;
  return real ? date : new Date(NaN);
}

/**
 * Material's native date adapter, reading and writing days in the interface language instead of the
 * browser's locale (the native one parses with `Date.parse`, which reads 03/04 as March 4 anywhere).
 * Follows language switches.
 */
@Injectable()
export class LanguageDateAdapter extends NativeDateAdapter {
  constructor() {
    super();
    const language = inject(LanguageService, { optional: true });
    if (language) effect(() => this.setLocale(DATE_LOCALES[language.current()] ?? language.current()));
  }

  /** A day the API sent (YYYY-MM-DD) is that calendar day here, not midnight UTC (the day before west of Greenwich). */
  override deserialize(value: unknown): Date | null {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return dayOf(value);
    return super.deserialize(value);
  }

  override parse(value: unknown): Date | null {
    if (typeof value === 'number') return new Date(value);
    if (value instanceof Date) return this.clone(value);
    return typeof value === 'string' ? parseDay(value, String(this.locale)) : null;
  }
}

/**
 * Days typed and shown in the interface language, for the whole application. The date picker's own labels come
 * with the components that show one (`provideDatepickerLabels()`): providing them here would put the whole date
 * picker in the first load.
 */
export function provideLanguageDates(): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: MAT_DATE_LOCALE, useValue: DATE_LOCALES['en'] },
    { provide: DateAdapter, useClass: LanguageDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: LANGUAGE_DATE_FORMATS },
  ]);
}

/** A day picked in a date picker as the API's `YYYY-MM-DD` (the local calendar day, never shifted by the time zone). */
export function isoDay(date: Date | null | undefined): string | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The API's `YYYY-MM-DD` as a local day for a date picker; null when empty or not a day. */
export function dayOf(iso: string | null | undefined): Date | null {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  date.setFullYear(Number(match[1]));
  return date;
}
