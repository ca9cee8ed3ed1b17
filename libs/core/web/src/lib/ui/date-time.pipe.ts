import { Pipe, PipeTransform } from '@angular/core';

const FORMATS: Record<DateTimeStyle, Intl.DateTimeFormatOptions> = {
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  precise: { dateStyle: 'medium', timeStyle: 'medium' },
};

export type DateTimeStyle = 'dateTime' | 'date' | 'precise';

const cache = new Map<string, Intl.DateTimeFormat>();

/**
 * A date in the interface language, in the browser's time zone: `{{ value | dateTime: lang() }}`.
 * The language is an argument so that the text changes with it.
 */
@Pipe({ name: 'dateTime' })
export class DateTimePipe implements PipeTransform {
  transform(value: string | Date | null | undefined, lang: string, style: DateTimeStyle = 'dateTime'): string {
    if (value == null || value === '') return '';
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) return '';
    const key = `${lang}|${style}`;
    let format = cache.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(lang, FORMATS[style]);
      cache.set(key, format);
    }
    return format.format(date);
  }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar day (`YYYY-MM-DD`, or the day of a timestamp) as the interface language writes it, never shifted by the
 * browser's time zone; empty when there is none, the value itself when it is not a day.
 */
export function formatDay(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  let format = dayFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
    dayFormats.set(lang, format);
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  date.setUTCFullYear(Number(match[1]));
  return format.format(date);
}

/** A calendar day in the interface language: `{{ household.registrationDate | day: lang() }}`. */
@Pipe({ name: 'day' })
export class DayPipe implements PipeTransform {
  transform(value: string | null | undefined, lang: string): string {
    return formatDay(value, lang);
  }
}
