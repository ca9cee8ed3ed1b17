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
