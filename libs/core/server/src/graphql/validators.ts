import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { CURRENCY_CODES } from './currency-codes';

/** Trims text before it is validated: whitespace alone then fails `@IsNotEmpty()` as an empty string does. */
export const Trim = (): PropertyDecorator => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** True for a day of the calendar written `YYYY-MM-DD` (not `2027-02-30`). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A day of the calendar, `YYYY-MM-DD`, from `first` to `last` (both `YYYY-MM-DD`): the database never sees another. */
export function IsCalendarDate(first: string, last: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isCalendarDate', constraints: [first, last], validator: { validate: (value) => isCalendarDate(value) && value >= first && value <= last } }, options);
}

/** A month, `YYYY-MM` (month 01 to 12), of a year from `firstYear` to `lastYear`. */
export function IsYearMonth(firstYear: number, lastYear: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isYearMonth',
      constraints: [firstYear, lastYear],
      validator: {
        validate: (value) => {
          const match = typeof value === 'string' ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value) : null;
          return !!match && Number(match[1]) >= firstYear && Number(match[1]) <= lastYear;
        },
      },
    },
    options,
  );
}

/** An ISO 4217 code of a currency in circulation, in capitals (`CURRENCY_CODES`). */
export function IsCurrencyCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isCurrencyCode', validator: { validate: (value) => typeof value === 'string' && CURRENCY_CODES.has(value) } }, options);
}
