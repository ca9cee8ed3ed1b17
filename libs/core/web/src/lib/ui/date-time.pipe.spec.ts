import { DateTimePipe, DayPipe, formatDay } from './date-time.pipe';

describe('days and times in the interface language', () => {
  it('writes a day as the language does, whatever the browser time zone', () => {
    expect(formatDay('2026-03-07', 'fr')).toBe('7 mars 2026');
    expect(formatDay('2026-03-07', 'pt')).toBe('7 de mar. de 2026');
    expect(formatDay('2026-03-07', 'en')).toBe('Mar 7, 2026');
  });

  it('takes the day of a timestamp without shifting it', () => {
    expect(formatDay('2026-12-31T23:30:00.000Z', 'fr')).toBe('31 déc. 2026');
  });

  it('keeps years before 100 as written', () => {
    expect(formatDay('0099-01-02', 'en')).toBe('Jan 2, 99');
  });

  it('returns nothing for nothing and the value itself when it is not a day', () => {
    expect(formatDay(null, 'fr')).toBe('');
    expect(formatDay('', 'fr')).toBe('');
    expect(formatDay('soon', 'fr')).toBe('soon');
    expect(new DayPipe().transform(undefined, 'en')).toBe('');
  });

  it('formats a timestamp in the language given, not in a style name', () => {
    const pipe = new DateTimePipe();
    expect(pipe.transform('2026-03-07T10:00:00Z', 'fr', 'date')).toBe('7 mars 2026');
    expect(pipe.transform('not a date', 'fr')).toBe('');
  });
});
