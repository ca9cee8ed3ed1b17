import { createDeflateRaw, deflateRawSync } from 'node:zlib';

/** Test fixtures: hand-made ZIP archives and workbooks, hostile ones included (lying sizes, bombs). */
export interface FixtureEntry {
  name: string;
  /** The content, or an already deflated stream with its true size (a bomb built without holding it). */
  data: Buffer | { deflated: Buffer; size: number };
  /** The uncompressed size written in the headers (default: the true one). */
  declaredSize?: number;
}

export function zipOf(entries: FixtureEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = Buffer.isBuffer(entry.data) ? deflateRawSync(entry.data) : entry.data.deflated;
    const size = entry.declaredSize ?? (Buffer.isBuffer(entry.data) ? entry.data.length : entry.data.size);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, deflated);
    centrals.push(central, name);
    offset += 30 + name.length + deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** `before`, then `count` MB of `fill`, then `after`, deflated as a stream (never held whole in memory). */
export async function deflatedRepeat(before: string, fill: string, count: number, after: string): Promise<{ deflated: Buffer; size: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  const mb = Buffer.alloc(1024 * 1024, fill);
  deflate.write(before);
  for (let i = 0; i < count; i++) if (!deflate.write(mb)) await new Promise((resolve) => deflate.once('drain', resolve));
  deflate.end(after);
  await done;
  return { deflated: Buffer.concat(out), size: Buffer.byteLength(before) + count * mb.length + Buffer.byteLength(after) };
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const WORKBOOK = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="S" sheetId="1"/></sheets></workbook>';

/** A minimal workbook around a sheet's XML (and shared strings' XML when given). */
export function workbookOf(sheet: FixtureEntry['data'], sharedStrings?: FixtureEntry['data'], options: { sheetDeclaredSize?: number } = {}): Buffer {
  return zipOf([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    ...(sharedStrings ? [{ name: 'xl/sharedStrings.xml', data: sharedStrings }] : []),
    { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize: options.sheetDeclaredSize },
  ]);
}

export const sheetXml = (rows: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);
