/** Decimal places of a currency (ISO 4217 minor unit) from the browser's Intl data; 2 when unknown. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units (integer text) as an exact decimal text: "123456" with 2 digits is "1234.56". */
export function majorText(minor: string, digits: number): string {
  const negative = minor.startsWith('-');
  const units = (negative ? minor.slice(1) : minor).padStart(digits + 1, '0');
  const fraction = digits ? `.${units.slice(units.length - digits)}` : '';
  return `${negative ? '-' : ''}${units.slice(0, units.length - digits)}${fraction}`;
}

/**
 * Minor units as the decimal text a form shows for editing, with the interface language's decimal sign ("12,50" in
 * French and Portuguese); minorFromText reads either sign back.
 */
export function majorInputText(minor: string, digits: number, lang: string): string {
  const text = majorText(minor, digits);
  let sign = '.';
  try {
    sign = new Intl.NumberFormat(lang).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  } catch {
    // an unknown language keeps the dot
  }
  return sign === '.' ? text : text.replace('.', sign);
}

/**
 * An amount held in minor units, in the interface language with its currency. The decimal text goes to Intl as
 * a string, so no amount is ever rounded through floating point.
 */
export function formatMinor(minor: string | null | undefined, currency: string, lang: string): string {
  if (minor === null || minor === undefined) return '—';
  const text = majorText(minor, currencyDigits(currency));
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(text as unknown as number);
  } catch {
    return `${text} ${currency}`;
  }
}

/** Minor units as a number of major units, for chart scales only (never for sums or display of exact amounts). */
export function chartValue(minor: string, currency: string): number {
  return Number(majorText(minor, currencyDigits(currency)));
}


/**
 * An amount typed in major units ("12.50", "12,5", "1 200") as minor units (integer text), exactly; null when it is not
 * a non-negative amount with at most the currency's decimals.
 */
export function minorFromText(text: string, digits: number): string | null {
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(compact);
  if (!match || (match[2] ?? '').length > digits) return null;
  const minor = `${match[1]}${(match[2] ?? '').padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '');
  return minor;
}

/** A name in the interface language, else in English (items, programmes). */
export function localizedName(names: { en: string; fr?: string | null; pt?: string | null }, lang: string): string {
  return (lang === 'fr' ? names.fr : lang === 'pt' ? names.pt : null) || names.en;
}

/** Same rules as the API: codes of cycles, payrolls, points, accounts, items and distributions; ISO 4217 currencies. */
export const PAYMENT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
