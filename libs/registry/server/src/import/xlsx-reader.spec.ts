import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { deflatedRepeat, sheetXml, workbookOf, zipOf } from './xlsx-fixtures.testing';
import { inspectXlsx, MAX_CELL_CHARS, xlsxRows } from './xlsx-reader';

describe('xlsx reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xlsx-reader-'));
  let n = 0;
  const file = (content: Buffer) => {
    const path = join(dir, `${n++}.xlsx`);
    writeFileSync(path, content);
    return path;
  };
  const rows = async (path: string) => {
    const out: string[][] = [];
    for await (const row of xlsxRows(path)) out.push(row);
    return out;
  };
  const failure = async (path: string) => rows(path).then(() => null, (error: { code?: string; args?: unknown }) => ({ code: error.code, args: error.args }));

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads what Excel writers produce: shared and inline strings, numbers, dates, booleans, formulas, rich text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('people');
    sheet.addRow(['Name', 'Born', 'Rooms', 'Active', 'Total', 'Note']);
    sheet.addRow(['Aïcha & Co <x>', new Date(Date.UTC(1984, 10, 30)), 3, true, { formula: 'C2*2', result: 6 }, { richText: [{ text: 'rich ' }, { text: 'text', font: { bold: true } }] }]);
    sheet.addRow([]);
    sheet.addRow(['Musa', null, -6.5, false, null, '=not a formula']);
    sheet.getCell('B2').numFmt = 'dd/mm/yyyy';
    const path = file(Buffer.from(await workbook.xlsx.writeBuffer()));
    await inspectXlsx(path);
    expect(await rows(path)).toEqual([
      ['Name', 'Born', 'Rooms', 'Active', 'Total', 'Note'],
      ['Aïcha & Co <x>', '1984-11-30', '3', 'true', '6', 'rich text'],
      ['Musa', '', '-6.5', 'false', '', '=not a formula'],
    ]);
  });

  it('reads rows whose cells have no references positionally, and honours references that skip columns', async () => {
    const sheet = sheetXml('<row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c><c><v>3</v></c></row><row><c><v>1</v></c><c r="C2"><v>2</v></c></row>');
    expect(await rows(file(workbookOf(sheet)))).toEqual([
      ['a', 'b', '3'],
      ['1', '', '2'],
    ]);
  });

  it('refuses a ZIP that is not a workbook, and random bytes behind a ZIP header', async () => {
    const notWorkbook = file(zipOf([{ name: 'hello.txt', data: Buffer.from('hello') }]));
    await expect(inspectXlsx(notWorkbook)).rejects.toMatchObject({ code: 'notAnXlsx' });
    const random = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251))]);
    await expect(inspectXlsx(file(random))).rejects.toMatchObject({ code: 'notAnXlsx' });
    // a valid directory whose sheet data is garbage
    const garbage = workbookOf(sheetXml(''));
    const at = garbage.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
    garbage.fill(0x5a, at, at + 10);
    expect(await failure(file(garbage))).toMatchObject({ code: 'xlsxCorrupt' });
  });

  it(`stops at a cell longer than ${MAX_CELL_CHARS} characters, in the sheet or in the shared strings, without inflating the rest`, async () => {
    const cell = await deflatedRepeat('<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>', 'A', 64, '</t></is></c></row></sheetData></worksheet>');
    expect(await failure(file(workbookOf(cell)))).toEqual({ code: 'xlsxCellTooLong', args: { max: MAX_CELL_CHARS, line: 1, column: 1 } });
    const shared = await deflatedRepeat('<sst><si><t>', 'B', 64, '</t></si></sst>');
    expect(await failure(file(workbookOf(sheetXml('<row><c t="s"><v>0</v></c></row>'), shared)))).toMatchObject({ code: 'xlsxCellTooLong', args: { sharedString: 1 } });
  });

  it('refuses declared sizes beyond the limit before reading, and actual bytes beyond the declared size while reading', async () => {
    const big = await deflatedRepeat('<worksheet><sheetData>', ' ', 20, '</sheetData></worksheet>');
    process.env['IMPORT_XLSX_MAX_INFLATED_MB'] = '10';
    try {
      await expect(inspectXlsx(file(workbookOf(big)))).rejects.toMatchObject({ code: 'xlsxTooLarge', args: { maxMb: 10 } });
      // the central directory lies (1 KB): the reading stops when the inflated bytes pass it
      const liar = file(workbookOf(big, undefined, { sheetDeclaredSize: 1024 }));
      await inspectXlsx(liar);
      expect(await failure(liar)).toMatchObject({ code: 'xlsxCorrupt' });
    } finally {
      delete process.env['IMPORT_XLSX_MAX_INFLATED_MB'];
    }
    expect(await rows(file(workbookOf(big)))).toEqual([]);
  });
});
