import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { PassThrough, Readable, Transform } from 'node:stream';
import { csvRow } from '@coremis/core';
import { xlsxRows } from './xlsx-reader';

export type ImportFormat = 'CSV' | 'XLSX';

const PREVIEW_BYTES = 256 * 1024;

/** Splits CSV text into records (RFC 4180 quotes, CRLF or LF); the last record may be cut short. */
export function parseCsvRecords(text: string, limit: number): string[][] {
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
    else if (c === ',') {
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

/** The header and the first rows, for the mapping step of the wizard. */
export async function previewFile(path: string, format: ImportFormat, rows = 5): Promise<{ headers: string[]; rows: string[][] }> {
  if (format === 'XLSX') {
    const out: string[][] = [];
    for await (const row of xlsxRows(path)) {
      out.push(row);
      if (out.length > rows) break;
    }
    return { headers: out[0] ?? [], rows: out.slice(1) };
  }
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(PREVIEW_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, PREVIEW_BYTES, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    const records = parseCsvRecords(text, rows + 1);
    return { headers: (records[0] ?? []).map((h) => h.trim()), rows: records.slice(1) };
  } finally {
    await handle.close();
  }
}

/** The file as CSV with a header line, ready for `COPY ... (FORMAT csv, HEADER true)`. */
export function csvStreamOf(path: string, format: ImportFormat): Readable {
  if (format === 'XLSX') {
    const out = new PassThrough();
    (async () => {
      for await (const row of xlsxRows(path)) {
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
