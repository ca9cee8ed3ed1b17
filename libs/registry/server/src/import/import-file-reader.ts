import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { PassThrough, Readable, Transform } from 'node:stream';
import { csvRow } from '@coremis/core';
import { detectEncoding, detectSeparator, type ImportEncoding, type ImportReadOptions, type ImportSeparator, PG_ENCODING, usableHeaders } from './import-read-options';
import { xlsxRows, xlsxSheets } from './xlsx-reader';

export type ImportFormat = 'CSV' | 'XLSX';

const PREVIEW_BYTES = 256 * 1024;

/** Splits CSV text into records (RFC 4180 quotes, CRLF or LF); the last record may be cut short. */
export function parseCsvRecords(text: string, limit: number, separator: ImportSeparator = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length && records.length < limit; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if ((field !== '' || record.length) && records.length < limit) records.push([...record, field]);
  return records;
}

export interface FilePreview {
  headers: string[];
  rows: string[][];
  /** CSV: what the file is read with (the options given, else what was detected). */
  separator: ImportSeparator | null;
  encoding: ImportEncoding | null;
  /** What detection found, whatever the options say. */
  detectedSeparator: ImportSeparator | null;
  detectedEncoding: ImportEncoding | null;
  /** XLSX: the sheets of the workbook and the one read. */
  sheets: string[];
  sheet: string | null;
}

/** The header (blank and repeated names made usable) and the first rows, for the mapping step of the wizard. */
export async function previewFile(path: string, format: ImportFormat, rows = 5, options: ImportReadOptions = {}): Promise<FilePreview> {
  if (format === 'XLSX') {
    const sheets = await xlsxSheets(path);
    const sheet = options.sheet && sheets.includes(options.sheet) ? options.sheet : (sheets[0] ?? null);
    const out: string[][] = [];
    for await (const row of xlsxRows(path, sheet)) {
      out.push(row);
      if (out.length > rows) break;
    }
    return { headers: usableHeaders(out[0] ?? []), rows: out.slice(1), separator: null, encoding: null, detectedSeparator: null, detectedEncoding: null, sheets, sheet };
  }
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(PREVIEW_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, PREVIEW_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    const size = (await handle.stat()).size;
    // the head may be plain ASCII and the first "é" far below: what the head does not settle, the whole file does
    const detectedEncoding = detectEncoding(head, bytesRead >= size) === 'UTF8' && bytesRead < size ? await fileEncoding(path) : detectEncoding(head, bytesRead >= size);
    const encoding = options.encoding ?? detectedEncoding;
    const text = decodeText(head, encoding).replace(/^\uFEFF/, '');
    const detectedSeparator = detectSeparator(text);
    const separator = options.separator ?? detectedSeparator;
    const records = parseCsvRecords(text, rows + 1, separator);
    return { headers: usableHeaders(records[0] ?? []), rows: records.slice(1), separator, encoding, detectedSeparator, detectedEncoding, sheets: [], sheet: null };
  } finally {
    await handle.close();
  }
}

/** UTF8 when the whole file is valid UTF-8 (checked as a stream), else WINDOWS1252. */
async function fileEncoding(path: string): Promise<ImportEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return 'UTF8';
  } catch {
    return 'WINDOWS1252';
  }
}

function decodeText(bytes: Buffer, encoding: ImportEncoding): string {
  return encoding === 'UTF8' ? bytes.toString('utf8') : new TextDecoder('windows-1252').decode(bytes);
}

/** The options of `COPY … FROM STDIN` that read the stream of `csvStreamOf` (XLSX is turned into UTF-8 CSV with commas). */
export function copyOptionsOf(format: ImportFormat, options: ImportReadOptions): string {
  if (format === 'XLSX') return `FORMAT csv, HEADER true, ENCODING 'UTF8'`;
  const separator = options.separator ?? ',';
  const delimiter = separator === '\t' ? `E'\\t'` : `'${separator}'`;
  return `FORMAT csv, HEADER true, DELIMITER ${delimiter}, ENCODING '${PG_ENCODING[options.encoding ?? 'UTF8']}'`;
}

/** The file as CSV with a header line, ready for `COPY ... (FORMAT csv, HEADER true)`. */
export function csvStreamOf(path: string, format: ImportFormat, options: ImportReadOptions = {}): Readable {
  if (format === 'XLSX') {
    const out = new PassThrough();
    (async () => {
      const sheets = options.sheet ? await xlsxSheets(path) : [];
      for await (const row of xlsxRows(path, options.sheet && sheets.includes(options.sheet) ? options.sheet : null)) {
        if (!out.write(csvRow(row, { escapeFormulae: false, eol: '\n' }))) await new Promise((resolve) => out.once('drain', resolve));
      }
      out.end();
    })().catch((error) => out.destroy(error));
    return out;
  }
  let first = true;
  const stripBom = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (first) {
        first = false;
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      }
      done(null, chunk);
    },
  });
  return createReadStream(path, { highWaterMark: 1 << 20 }).pipe(stripBom);
}
