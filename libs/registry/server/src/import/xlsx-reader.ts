import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { posix } from 'node:path';
import { createInflateRaw } from 'node:zlib';

/**
 * A streaming reader of the first worksheet of an XLSX workbook, written for hostile files: the ZIP
 * central directory is read and checked first (the parts a workbook needs, their declared sizes
 * against IMPORT_XLSX_MAX_INFLATED_MB), then each part is inflated as a stream while the bytes that
 * actually come out are counted (declared sizes can lie), and the XML is scanned without ever holding
 * more than one cell: a cell or shared string longer than Excel's own limit (32,767 characters) stops
 * the reading. Memory stays bounded whatever the file (a "zip bomb" cell of hundreds of MB included).
 * Rows without cell references (`<c>` without `r=`) are read positionally, as Excel does.
 */

/** Excel's own limit on the characters of a cell. */
export const MAX_CELL_CHARS = 32_767;
/** Default limit on the bytes the parts read may inflate to (a million-row sheet with shared strings is about 600 MB). */
export const DEFAULT_MAX_INFLATED_MB = 2048;
const MAX_COLUMNS = 16_384;
const MAX_SMALL_PART = 16 * 1024 * 1024;
const MAX_CENTRAL_DIRECTORY = 16 * 1024 * 1024;
const MAX_TAG = 64 * 1024;
/** Shared strings are held in memory while the sheet is read: their part may inflate to this at most. */
const MAX_SHARED_STRINGS_BYTES = 512 * 1024 * 1024;

/** A workbook that cannot be read, with the message key's last part and its arguments. */
export class XlsxError extends Error {
  constructor(
    readonly code: 'notAnXlsx' | 'xlsxCorrupt' | 'xlsxTooLarge' | 'xlsxCellTooLong' | 'xlsxTooManyColumns',
    readonly args: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'XlsxError';
  }
}

/** IMPORT_XLSX_MAX_INFLATED_MB, read when used (a wrong value falls back to the default). */
export function maxInflatedBytes(): number {
  const mb = Number(process.env['IMPORT_XLSX_MAX_INFLATED_MB'] ?? DEFAULT_MAX_INFLATED_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_INFLATED_MB) * 1024 * 1024;
}

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

interface WorkbookParts {
  sheet: ZipEntry;
  sharedStrings: ZipEntry | null;
  styles: ZipEntry | null;
  workbook: ZipEntry;
  relations: ZipEntry | null;
  entries: Map<string, ZipEntry>;
}

/** Bytes an entry may still inflate to: the whole workbook's allowance, and the shared strings' own (they are kept in memory). */
type Budget = { left: number; limitMb: number };

const corrupt = (detail: string) => new XlsxError('xlsxCorrupt', { detail });

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The entries of the ZIP central directory (ZIP64 included), checked for consistency with the file. */
async function centralDirectory(handle: FileHandle): Promise<Map<string, ZipEntry>> {
  const fileSize = (await handle.stat()).size;
  const tailLength = Math.min(fileSize, 22 + 65_535 + 20);
  const tail = await readAt(handle, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxError('notAnXlsx');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) throw corrupt('zip64 locator');
    const record = await readAt(handle, Number(tail.readBigUInt64LE(locator + 8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== 0x06064b50) throw corrupt('zip64 end record');
    count = Number(record.readBigUInt64LE(32));
    cdSize = Number(record.readBigUInt64LE(40));
    cdOffset = Number(record.readBigUInt64LE(48));
  }
  if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > fileSize || count > 100_000) throw corrupt('central directory');
  const cd = await readAt(handle, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== 0x02014b50) throw corrupt('central directory entry');
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: cd.toString('utf8', at + 46, at + 46 + nameLength),
      flags: cd.readUInt16LE(at + 8),
      method: cd.readUInt16LE(at + 10),
      compressedSize: cd.readUInt32LE(at + 20),
      size: cd.readUInt32LE(at + 24),
      localOffset: cd.readUInt32LE(at + 42),
    };
    // ZIP64 extended information: 8-byte values for the fields saturated above, in this order
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd && extraEnd <= cd.length) {
      const id = cd.readUInt16LE(extra);
      const length = cd.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        for (const key of ['size', 'compressedSize', 'localOffset'] as const) {
          if (entry[key] === 0xffffffff && field + 8 <= extra + 4 + length) {
            entry[key] = Number(cd.readBigUInt64LE(field));
            field += 8;
          }
        }
      }
      extra += 4 + length;
    }
    if (entry.localOffset + 30 + entry.compressedSize > fileSize) throw corrupt(`entry ${entry.name.slice(0, 80)} beyond the end of the file`);
    entries.set(entry.name, entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The raw bytes of an entry, inflated as a stream, with the inflated bytes counted against both limits. */
async function* inflate(path: string, handle: FileHandle, entry: ZipEntry, budgets: Budget[]): AsyncGenerator<Buffer> {
  if (entry.flags & 0x1) throw corrupt('encrypted entry');
  if (entry.method !== 0 && entry.method !== 8) throw corrupt(`compression method ${entry.method}`);
  const local = await readAt(handle, entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw corrupt('local header');
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (!entry.compressedSize) return;
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 64 * 1024 });
  const source = entry.method === 8 ? raw.pipe(createInflateRaw({ chunkSize: 64 * 1024 })) : raw;
  raw.on('error', (error) => source.destroy(error));
  let produced = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      produced += chunk.length;
      if (produced > entry.size) throw corrupt(`entry ${entry.name.slice(0, 80)} inflates beyond its declared size`);
      for (const budget of budgets) {
        budget.left -= chunk.length;
        if (budget.left < 0) throw new XlsxError('xlsxTooLarge', { maxMb: budget.limitMb });
      }
      yield chunk;
    }
  } catch (error) {
    if (error instanceof XlsxError) throw error;
    throw corrupt((error as Error).message.slice(0, 120));
  } finally {
    raw.destroy();
    source.destroy();
  }
}

async function readSmallPart(path: string, handle: FileHandle, entry: ZipEntry, budget: Budget): Promise<string> {
  if (entry.size > MAX_SMALL_PART) throw new XlsxError('xlsxTooLarge', { maxMb: Math.round(maxInflatedBytes() / 1024 / 1024) });
  const chunks: Buffer[] = [];
  for await (const chunk of inflate(path, handle, entry, [budget])) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The parts of the workbook that the first sheet needs; refuses a ZIP that is not a workbook or that declares too much. */
async function workbookParts(handle: FileHandle): Promise<WorkbookParts> {
  const entries = await centralDirectory(handle);
  const workbook = entries.get('xl/workbook.xml');
  if (!entries.has('[Content_Types].xml') || !workbook) throw new XlsxError('notAnXlsx');
  const relations = entries.get('xl/_rels/workbook.xml.rels') ?? null;
  const sheets = [...entries.keys()].filter((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name)).sort();
  if (!sheets.length) throw new XlsxError('notAnXlsx');
  const parts: WorkbookParts = {
    workbook,
    relations,
    sheet: entries.get('xl/worksheets/sheet1.xml') ?? entries.get(sheets[0])!,
    sharedStrings: entries.get('xl/sharedStrings.xml') ?? null,
    styles: entries.get('xl/styles.xml') ?? null,
    entries,
  };
  // the first sheet may be another one (workbook.xml decides): count the largest
  const largestSheet = Math.max(...sheets.map((name) => entries.get(name)!.size));
  const declared = largestSheet + [parts.sharedStrings, parts.styles, parts.workbook, parts.relations].reduce((sum, e) => sum + (e?.size ?? 0), 0);
  const limit = maxInflatedBytes();
  if (declared > limit) throw new XlsxError('xlsxTooLarge', { maxMb: Math.round(limit / 1024 / 1024) });
  if ((parts.sharedStrings?.size ?? 0) > MAX_SHARED_STRINGS_BYTES) throw new XlsxError('xlsxTooLarge', { maxMb: MAX_SHARED_STRINGS_BYTES / 1024 / 1024 });
  return parts;
}

/** Checks at upload time that a ZIP is a workbook whose declared sizes are within the limit (nothing is inflated). */
export async function inspectXlsx(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await workbookParts(handle);
  } finally {
    await handle.close();
  }
}

const ATTRIBUTE_PATTERNS = new Map<string, RegExp>();
const attribute = (attributes: string, name: string): string | null => {
  let pattern = ATTRIBUTE_PATTERNS.get(name);
  if (!pattern) ATTRIBUTE_PATTERNS.set(name, (pattern = new RegExp(`(?:^|\\s)${name}\\s*=\\s*("([^"]*)"|'([^']*)')`)));
  const match = pattern.exec(attributes);
  return match ? (match[2] ?? match[3]) : null;
};

/** The sheets of workbook.xml in their order: name and relation id. */
function sheetsOf(workbook: string): { name: string; id: string | null }[] {
  return [...workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)].map((match) => ({
    name: decodeEntities(attribute(match[1], 'name') ?? ''),
    id: /\b(?:\w+:)?id\s*=\s*["']([^"']+)["']/.exec(match[1])?.[1] ?? null,
  }));
}

/** The sheet of the workbook with this name (the first one when null or unknown), as declared by workbook.xml and its relations (sheet1.xml otherwise). */
async function chosenSheet(path: string, handle: FileHandle, parts: WorkbookParts, budget: Budget, name: string | null): Promise<{ sheet: ZipEntry; date1904: boolean }> {
  const workbook = await readSmallPart(path, handle, parts.workbook, budget);
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](1|true)["']/.test(workbook);
  const sheets = sheetsOf(workbook);
  const id = (sheets.find((s) => name !== null && s.name === name) ?? sheets[0])?.id ?? null;
  if (!id || !parts.relations) return { sheet: parts.sheet, date1904 };
  const relations = await readSmallPart(path, handle, parts.relations, budget);
  for (const match of relations.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    if (attribute(match[1], 'Id') !== id) continue;
    const target = attribute(match[1], 'Target') ?? '';
    const entryName = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target));
    const entry = parts.entries.get(entryName);
    if (entry) return { sheet: entry, date1904 };
  }
  return { sheet: parts.sheet, date1904 };
}

/** The names of the workbook's sheets, in their order. */
export async function xlsxSheets(path: string): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const parts = await workbookParts(handle);
    const limit = maxInflatedBytes();
    const workbook = await readSmallPart(path, handle, parts.workbook, { left: limit, limitMb: Math.round(limit / 1024 / 1024) });
    return sheetsOf(workbook)
      .map((s) => s.name)
      .filter(Boolean);
  } finally {
    await handle.close();
  }
}

const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** For each cell style index, whether its number format shows a date. */
async function dateStyles(path: string, handle: FileHandle, styles: ZipEntry | null, budget: Budget): Promise<boolean[]> {
  if (!styles) return [];
  const xml = await readSmallPart(path, handle, styles, budget);
  const custom = new Map<number, boolean>();
  for (const match of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)>/g)) {
    const id = Number(attribute(match[1], 'numFmtId'));
    const code = decodeEntities(attribute(match[1], 'formatCode') ?? '')
      .replace(/"[^"]*"/g, '')
      .replace(/\[[^\]]*\]/g, '')
      .replace(/\\./g, '');
    custom.set(id, /[dy]/i.test(code) || /m/i.test(code.replace(/[hs][^dmy]*m|m[^dmy]*s/gi, '')));
  }
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return [...cellXfs.matchAll(/<(?:\w+:)?xf\b([^>]*)>/g)].map((m) => {
    const id = Number(attribute(m[1], 'numFmtId') ?? 0);
    return custom.get(id) ?? BUILT_IN_DATE_FORMATS.has(id);
  });
}

function decodeEntities(text: string): string {
  if (!text.includes('&') && !text.includes('_x')) return text;
  return text
    .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
      if (entity[0] === '#') {
        const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity as 'amp'];
    })
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

interface XmlHandler {
  open(name: string, attributes: string, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

/** A forgiving streaming scanner of the XML subset SpreadsheetML uses; text is handed over as it comes, never accumulated here. */
class XmlScanner {
  private buffer = '';
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: Buffer): void {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    let at = 0;
    const text = this.buffer;
    for (;;) {
      const lt = text.indexOf('<', at);
      if (lt < 0) {
        if (at < text.length) this.handler.text(text.slice(at));
        at = text.length;
        break;
      }
      if (lt > at) this.handler.text(text.slice(at, lt));
      at = lt;
      let end: number;
      if (text.startsWith('<!--', lt)) end = text.indexOf('-->', lt) + 2;
      else if (text.startsWith('<![CDATA[', lt)) {
        const close = text.indexOf(']]>', lt);
        if (close < 0) end = -1;
        else {
          this.handler.text(text.slice(lt + 9, close).replace(/&/g, '&amp;').replace(/</g, '&lt;'));
          at = close + 3;
          continue;
        }
      } else end = this.tagEnd(text, lt);
      if (end < 0 || end === 1) break;
      const tag = text.slice(lt + 1, end);
      at = end + 1;
      if (tag[0] === '?' || tag[0] === '!') continue;
      if (tag[0] === '/') {
        this.handler.close(localName(tag.slice(1).trim()));
        continue;
      }
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const space = body.search(/[\s]/);
      const name = localName(space < 0 ? body : body.slice(0, space));
      const attributes = space < 0 ? '' : body.slice(space);
      this.handler.open(name, attributes, selfClosing);
      if (selfClosing) this.handler.close(name);
    }
    this.buffer = text.slice(at);
    if (this.buffer.length > MAX_TAG) throw corrupt('an XML tag is too long');
  }

  end(): void {
    this.buffer += this.decoder.decode();
    if (this.buffer.trim()) throw corrupt('the XML ends in the middle of a tag');
  }

  /** Index of the `>` closing the tag at `lt`, outside quoted attribute values, or -1 when it is not in the buffer yet. */
  private tagEnd(text: string, lt: number): number {
    let quote = 0;
    for (let i = lt + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x3e) return i;
      else if (c === 0x22 || c === 0x27) quote = c;
    }
    return -1;
  }
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Collects the text of one value with the cell limit applied while it grows. */
class CellText {
  private parts: string[] = [];
  private length = 0;

  add(text: string, where: () => Record<string, unknown>): void {
    this.length += text.length;
    // entities make the raw text longer than the value: allow for them, then check the value exactly
    if (this.length > MAX_CELL_CHARS * 8) throw new XlsxError('xlsxCellTooLong', { max: MAX_CELL_CHARS, ...where() });
    this.parts.push(text);
  }

  take(where: () => Record<string, unknown>): string {
    let value = decodeEntities(this.parts.length === 1 ? this.parts[0] : this.parts.join(''));
    // eslint-disable-next-line no-control-regex -- PostgreSQL text cannot hold NUL
    if (value.includes('\u0000')) value = value.replace(/\u0000/g, '');
    this.parts = [];
    this.length = 0;
    if (value.length > MAX_CELL_CHARS) throw new XlsxError('xlsxCellTooLong', { max: MAX_CELL_CHARS, ...where() });
    return value;
  }
}

async function sharedStrings(path: string, handle: FileHandle, entry: ZipEntry | null, budget: Budget): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  const value = new CellText();
  let inItem = false;
  let inText = false;
  let phonetic = 0;
  const where = () => ({ line: null, sharedString: strings.length + 1 });
  const scanner = new XmlScanner({
    open(name) {
      if (name === 'si') inItem = true;
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && inItem && !phonetic) inText = true;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        strings.push(value.take(where));
        inItem = false;
      }
    },
    text(text) {
      if (inText) value.add(text, where);
    },
  });
  for await (const chunk of inflate(path, handle, entry, [budget, { left: MAX_SHARED_STRINGS_BYTES, limitMb: MAX_SHARED_STRINGS_BYTES / 1024 / 1024 }])) scanner.write(chunk);
  scanner.end();
  return strings;
}

/** Column index (0-based) of a cell reference such as `AB12`, or null when it has none. */
function columnOf(reference: string | null): number | null {
  if (!reference) return null;
  const letters = /^\$?([A-Za-z]{1,3})/.exec(reference)?.[1];
  if (!letters) return null;
  let index = 0;
  for (const c of letters.toUpperCase()) index = index * 26 + (c.charCodeAt(0) - 64);
  return index - 1;
}

/** A number as Excel shows it: 15 significant digits (0.1 + 0.2 is 0.3), never in exponent form for an integer such as a phone number. */
function numberText(number: number): string {
  const rounded = Number(number.toPrecision(15));
  return Number.isInteger(rounded) && Math.abs(rounded) < 1e21 ? BigInt(rounded).toString() : String(rounded);
}

function dateText(serial: number, date1904: boolean): string {
  const days = date1904 ? serial + 1462 : serial;
  const ms = Date.UTC(1899, 11, 30) + Math.round(days * 86_400_000);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(serial) : date.toISOString().slice(0, 10);
}

/**
 * Rows of the first worksheet as text (shared strings resolved, dates as YYYY-MM-DD, booleans as
 * true/false, numbers as JavaScript writes them, errors empty), header first, empty rows skipped.
 */
export async function* xlsxRows(path: string, sheetName: string | null = null): AsyncGenerator<string[]> {
  const handle = await open(path, 'r');
  try {
    const parts = await workbookParts(handle);
    const limit = maxInflatedBytes();
    const budget: Budget = { left: limit, limitMb: Math.round(limit / 1024 / 1024) };
    const { sheet, date1904 } = await chosenSheet(path, handle, parts, budget, sheetName);
    const isDate = await dateStyles(path, handle, parts.styles, budget);
    const strings = await sharedStrings(path, handle, parts.sharedStrings, budget);
    let ready: string[][] = [];
    let row: string[] | null = null;
    let rowNumber = 0;
    let column = 0;
    let cell: { type: string; style: number } | null = null;
    let capture: 'v' | 't' | null = null;
    let inlineString = false;
    let phonetic = 0;
    let width = 0;
    const value = new CellText();
    const where = () => ({ line: rowNumber, column: column + 1 });
    const scanner = new XmlScanner({
      open(name, attributes) {
        if (name === 'row') {
          row = [];
          column = 0;
          const r = Number(attribute(attributes, 'r'));
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
        } else if (name === 'c' && row) {
          column = columnOf(attribute(attributes, 'r')) ?? column;
          if (column >= MAX_COLUMNS) throw new XlsxError('xlsxTooManyColumns', { max: MAX_COLUMNS, line: rowNumber });
          cell = { type: attribute(attributes, 't') ?? 'n', style: Number(attribute(attributes, 's') ?? 0) };
        } else if (cell && name === 'v') capture = 'v';
        else if (cell && name === 'is') inlineString = true;
        else if (cell && name === 'rPh') phonetic++;
        else if (cell && inlineString && !phonetic && name === 't') capture = 't';
      },
      close(name) {
        if (name === 'v' || name === 't') capture = null;
        else if (name === 'rPh') phonetic--;
        else if (name === 'is') inlineString = false;
        else if (name === 'c' && row && cell) {
          const raw = value.take(where);
          let text: string;
          if (cell.type === 's') text = raw.trim() === '' ? '' : (strings[Number(raw)] ?? '');
          else if (cell.type === 'b') text = raw === '1' ? 'true' : raw === '0' ? 'false' : raw;
          else if (cell.type === 'e') text = '';
          else if (cell.type === 'inlineStr' || cell.type === 'str') text = raw;
          else {
            const number = Number(raw);
            text = raw.trim() === '' || !Number.isFinite(number) ? raw : isDate[cell.style] ? dateText(number, date1904) : numberText(number);
          }
          while (row.length < column) row.push('');
          row[column] = text;
          column++;
          cell = null;
        } else if (name === 'row' && row) {
          const values: string[] = row;
          row = null;
          if (!width) width = values.length;
          if (values.every((v) => v === '')) return;
          while (values.length < width) values.push('');
          ready.push(values);
        }
      },
      text(text) {
        if (capture) value.add(text, where);
      },
    });
    for await (const chunk of inflate(path, handle, sheet, [budget])) {
      scanner.write(chunk);
      if (ready.length) {
        const rows = ready;
        ready = [];
        yield* rows;
      }
    }
    scanner.end();
    yield* ready;
  } finally {
    await handle.close();
  }
}
