/**
 * The one CSV writer of every report the platform produces (RFC 4180: comma separated, CRLF, a cell
 * quoted when it holds a quote, comma or line break). With `escapeFormulae` (the default) a cell that
 * a spreadsheet would run as a formula -- starting with `=`, `+`, `-`, `@`, a tab or a carriage return
 * -- is prefixed with `'` and quoted (OWASP "CSV injection"); a plain negative number stays a number.
 * Data handed to another program rather than a person (COPY input) is written with `escapeFormulae: false`.
 */
export function csvRow(values: readonly (string | number | boolean | null | undefined)[], options: { escapeFormulae?: boolean; eol?: string } = {}): string {
  const escape = options.escapeFormulae ?? true;
  return values.map((value) => csvCell(value, escape)).join(',') + (options.eol ?? '\r\n');
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | boolean | null | undefined, escapeFormulae = true): string {
  let text = value === null || value === undefined ? '' : String(value);
  let quote = NEEDS_QUOTES.test(text);
  if (escapeFormulae && FORMULA_START.test(text) && !PLAIN_NEGATIVE_NUMBER.test(text)) {
    text = `'${text}`;
    quote = true;
  }
  return quote ? `"${text.replace(/"/g, '""')}"` : text;
}
