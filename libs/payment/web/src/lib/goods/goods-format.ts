export type LineStatus = 'CREATED' | 'FLAGGED' | 'APPROVED' | 'SUBMITTED' | 'PAID' | 'FAILED' | 'CANCELLED' | 'RECONCILED';

/** An item's name in the interface language, else in English. */
export function itemName(names: { en: string; fr?: string | null; pt?: string | null }, lang: string): string {
  return (lang === 'fr' ? names.fr : lang === 'pt' ? names.pt : null) || names.en;
}

/** Minor units as a decimal amount (two decimals), exact: no floating point. */
export function formatMinor(minor: string, currency: string): string {
  const negative = minor.startsWith('-');
  const digits = (negative ? minor.slice(1) : minor).padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)} ${currency}`;
}
