import { Inject, Injectable } from '@nestjs/common';
import { CORE_CONFIG, type CoreConfig } from '@coremis/core';

/**
 * Phone numbers in E.164 (`+<country code><national number>`, at most 15 digits).
 *
 * A number written with `+` or the international prefix `00` keeps its country code; a national number
 * (optionally with the trunk prefix `0`) takes the deployment's default country code from
 * `PHONE_COUNTRY_CODE` (digits, e.g. `257` for Burundi, `258` for Mozambique). Without that
 * variable a national number is kept as written (digits only), as before.
 */
let configured = '';

export function phoneCountryCode(): string {
  return configured;
}

/** Set once at start from the deployment's configuration (PHONE_COUNTRY_CODE, see PhoneCountryCode). */
export function setPhoneCountryCode(code: string): void {
  const raw = code.replace(/^\+/, '').trim();
  configured = /^[1-9][0-9]{0,2}$/.test(raw) ? raw : '';
}

/** Reads the deployment's PHONE_COUNTRY_CODE when the registry module starts (API and worker alike). */
@Injectable()
export class PhoneCountryCode {
  constructor(@Inject(CORE_CONFIG) config: CoreConfig) {
    setPhoneCountryCode(config.PHONE_COUNTRY_CODE ?? '');
  }
}

/** A number's characters that are only layout: spaces, dots, dashes, brackets. */
export const compactPhone = (text: string): string => text.replace(/[\s().-]/g, '');

/** E.164 form of one number, or null when it cannot be one. */
export function toE164(text: string, countryCode = phoneCountryCode()): string | null {
  const compact = compactPhone(text);
  if (/^\+[1-9][0-9]{5,14}$/.test(compact)) return compact;
  if (/^00[1-9][0-9]{5,14}$/.test(compact)) return `+${compact.slice(2)}`;
  if (!/^[0-9]{6,15}$/.test(compact)) return null;
  if (!countryCode) return compact;
  const national = compact.replace(/^0/, '');
  if (!/^[1-9]/.test(national) || countryCode.length + national.length > 15 || national.length < 5) return null;
  return `+${countryCode}${national}`;
}

/** SQL regular expression one compacted number must match (the same rule as `toE164`). */
export function phoneElementPattern(countryCode = phoneCountryCode()): string {
  const international = '\\+[1-9][0-9]{5,14}|00[1-9][0-9]{5,14}';
  if (!countryCode) return `${international}|[0-9]{6,15}`;
  const max = 15 - countryCode.length;
  return `${international}|0?[1-9][0-9]{4,${max - 1}}`;
}

/** SQL: E.164 form of one compacted, validated number `e`. */
export function phoneElementSql(e: string, countryCode = phoneCountryCode()): string {
  const national = countryCode ? `'+${countryCode}' || regexp_replace(${e}, '^0', '')` : e;
  return `CASE WHEN ${e} LIKE '+%' THEN ${e} WHEN ${e} LIKE '00%' THEN '+' || substr(${e}, 3) ELSE ${national} END`;
}
