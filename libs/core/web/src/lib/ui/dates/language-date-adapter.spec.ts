import { Injector, runInInjectionContext } from '@angular/core';
import { MAT_DATE_LOCALE } from '@angular/material/core';
import { DATE_LOCALES, dateOrder, dayOf, isoDay, LANGUAGE_DATE_FORMATS, LanguageDateAdapter, parseDay } from './language-date-adapter';

const day = (date: Date | null) => (date && !Number.isNaN(date.getTime()) ? [date.getFullYear(), date.getMonth() + 1, date.getDate()] : date && 'invalid');

function adapter(lang: string): LanguageDateAdapter {
  const injector = Injector.create({ providers: [{ provide: MAT_DATE_LOCALE, useValue: 'en-US' }] });
  const result = runInInjectionContext(injector, () => new LanguageDateAdapter());
  result.setLocale(DATE_LOCALES[lang]);
  return result;
}

describe('dates in the interface language', () => {
  it('knows the order of each language, day first in all three', () => {
    expect(dateOrder(DATE_LOCALES['fr'])).toEqual(['day', 'month', 'year']);
    expect(dateOrder(DATE_LOCALES['pt'])).toEqual(['day', 'month', 'year']);
    expect(dateOrder(DATE_LOCALES['en'])).toEqual(['day', 'month', 'year']);
    expect(dateOrder('en-US')).toEqual(['month', 'day', 'year']);
  });

  it('reads 03/04/2024 as 3 April in French and Portuguese, whatever the browser locale', () => {
    for (const lang of ['fr', 'pt', 'en']) expect(day(adapter(lang).parse('03/04/2024'))).toEqual([2024, 4, 3]);
    // the native adapter would read it as March 4
    expect(new Date(Date.parse('03/04/2024')).getMonth() + 1).toBe(3);
  });

  it('reads other separators, ISO days and two-digit years', () => {
    const today = new Date(2026, 0, 1);
    expect(day(parseDay('3.4.2024', 'fr-FR', today))).toEqual([2024, 4, 3]);
    expect(day(parseDay('03-04-24', 'pt-PT', today))).toEqual([2024, 4, 3]);
    expect(day(parseDay('03/04/71', 'pt-PT', today))).toEqual([1971, 4, 3]);
    expect(day(parseDay('2024-04-03', 'fr-FR', today))).toEqual([2024, 4, 3]);
    expect(day(parseDay('4/3/2024', 'en-US', today))).toEqual([2024, 4, 3]);
  });

  it('refuses days that do not exist, and reads nothing as no date', () => {
    expect(day(parseDay('31/02/2024', 'fr-FR'))).toBe('invalid');
    expect(day(parseDay('13/13/2024', 'fr-FR'))).toBe('invalid');
    expect(day(parseDay('12/2024', 'fr-FR'))).toBe('invalid');
    expect(parseDay('  ', 'fr-FR')).toBeNull();
    expect(adapter('fr').isValid(adapter('fr').parse('31/02/2024') as Date)).toBe(false);
  });

  it('shows days as dd/mm/yyyy in each language', () => {
    const date = new Date(2024, 3, 3);
    expect(adapter('fr').format(date, LANGUAGE_DATE_FORMATS.display.dateInput)).toBe('03/04/2024');
    expect(adapter('pt').format(date, LANGUAGE_DATE_FORMATS.display.dateInput)).toBe('03/04/2024');
    expect(adapter('en').format(date, LANGUAGE_DATE_FORMATS.display.dateInput)).toBe('03/04/2024');
  });

  it('names months in the interface language and starts the week on Monday in French', () => {
    expect(adapter('fr').getMonthNames('long')[3]).toBe('avril');
    expect(adapter('pt').getMonthNames('long')[3]).toBe('abril');
    expect(adapter('fr').getFirstDayOfWeek()).toBe(1);
  });

  it('turns a picked day into the API day and back, without a time-zone shift', () => {
    expect(isoDay(new Date(2024, 3, 3, 23, 59))).toBe('2024-04-03');
    expect(isoDay(new Date(NaN))).toBeNull();
    expect(isoDay(null)).toBeNull();
    expect(day(dayOf('2024-04-03'))).toEqual([2024, 4, 3]);
    expect(isoDay(dayOf('0099-12-31'))).toBe('0099-12-31');
    expect(dayOf('03/04/2024')).toBeNull();
    expect(dayOf('')).toBeNull();
  });
});
