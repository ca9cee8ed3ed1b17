/** How a file is read: chosen by the wizard (detected, or overridden by the user) and kept in the template. */
export interface ImportReadOptions {
  /** CSV: the field separator. */
  separator?: ImportSeparator;
  /** CSV: the text encoding. */
  encoding?: ImportEncoding;
  /** XLSX: the sheet, by name (the first one otherwise). */
  sheet?: string | null;
}

export const IMPORT_SEPARATORS = [',', ';', '\t', '|'] as const;
export type ImportSeparator = (typeof IMPORT_SEPARATORS)[number];
export const IMPORT_ENCODINGS = ['UTF8', 'WINDOWS1252'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

/** PostgreSQL's name of an encoding, for COPY. */
export const PG_ENCODING: Record<ImportEncoding, string> = { UTF8: 'UTF8', WINDOWS1252: 'WIN1252' };

/** Read options from untrusted JSON: anything unknown is refused (null), absent values stay absent. */
export function readOptionsOf(value: unknown): ImportReadOptions | null {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return null;
  const { separator, encoding, sheet, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length) return null;
  if (separator !== undefined && separator !== null && !IMPORT_SEPARATORS.includes(separator as ImportSeparator)) return null;
  if (encoding !== undefined && encoding !== null && !IMPORT_ENCODINGS.includes(encoding as ImportEncoding)) return null;
  if (sheet !== undefined && sheet !== null && (typeof sheet !== 'string' || sheet.length > 100)) return null;
  return {
    ...(separator ? { separator: separator as ImportSeparator } : {}),
    ...(encoding ? { encoding: encoding as ImportEncoding } : {}),
    ...(sheet ? { sheet } : {}),
  };
}

/** UTF-8 unless the bytes are not valid UTF-8 (then Windows-1252, a superset of Latin-1's printable characters). */
export function detectEncoding(sample: Buffer, complete: boolean): ImportEncoding {
  let body = sample;
  if (!complete) {
    // a character cut by the end of the sample is not a fault
    let i = body.length - 1;
    while (i >= 0 && i > body.length - 4 && (body[i] & 0xc0) === 0x80) i--;
    if (i >= 0 && body[i] >= 0xc0) body = body.subarray(0, i);
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return 'UTF8';
  } catch {
    return 'WINDOWS1252';
  }
}

/**
 * The separator of CSV text: the candidate found the same number of times (at least once) on the most
 * of the first lines, outside quotes; ties go to the one found more often, then to the comma.
 */
export function detectSeparator(text: string): ImportSeparator {
  const lines: string[] = [];
  let line = '';
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < 50; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    if (!quoted && (c === '\n' || c === '\r')) {
      if (line) lines.push(line);
      line = '';
    } else if (!quoted || c !== '"') line += quoted ? '' : c;
  }
  if (line && lines.length < 50) lines.push(line);
  let best: ImportSeparator = ',';
  let bestScore = [0, 0];
  for (const separator of IMPORT_SEPARATORS) {
    const counts = lines.map((l) => l.split(separator).length - 1);
    const header = counts[0] ?? 0;
    if (!header) continue;
    const consistent = counts.filter((n) => n === header).length;
    const score = [consistent, header];
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = separator;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Header names a mapping can rely on: a blank one (a merged or empty header cell) is named after its
 * position ("#3"), a repeated one gets its rank ("Téléphone (2)").
 */
export function usableHeaders(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((raw, index) => {
    const base = raw.replace(/\s+/g, ' ').trim() || `#${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}
