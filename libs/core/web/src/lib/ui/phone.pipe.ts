import { Pipe, PipeTransform } from '@angular/core';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** An E.164 number grouped as its country writes it internationally (`+25779100004` → `+257 79 10 00 04`); anything else as it is. */
export function formatPhone(value: string | null | undefined): string {
  if (!value) return '';
  return parsePhoneNumberFromString(value)?.formatInternational() ?? value;
}

/** A phone number grouped for reading: `{{ phone | phone }}` (the stored E.164 value stays the link target). */
@Pipe({ name: 'phone' })
export class PhonePipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return formatPhone(value);
  }
}
