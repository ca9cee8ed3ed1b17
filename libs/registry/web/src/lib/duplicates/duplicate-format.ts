/** Numbers of the duplicate review in the reader's language: "0,95" and "1,2E-7" in French and Portuguese. */
export function formatDecimal(lang: string, x: number, digits = 1): string {
  return new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}

/** A weight with its sign: "+3,2", "−1,5". */
export function formatSigned(lang: string, x: number): string {
  return `${x >= 0 ? '+' : '−'}${formatDecimal(lang, Math.abs(x), 1)}`;
}

/** A share as a percentage number (without the sign): 0.9512 → "95,1". */
export function formatPercent(lang: string, x: number, digits = 1): string {
  return formatDecimal(lang, x * 100, digits);
}

/** A probability with two significant digits; tiny ones in scientific notation. */
export function formatProbability(lang: string, x: number): string {
  return new Intl.NumberFormat(lang, { maximumSignificantDigits: 2, notation: x !== 0 && Math.abs(x) < 0.001 ? 'scientific' : 'standard' }).format(x);
}

/** A count with the language's grouping: "27 670" in French. */
export function formatCount(lang: string, x: number): string {
  return new Intl.NumberFormat(lang).format(x);
}
