import ExcelJS from 'exceljs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCsvWriter, openXlsxWriter } from './export-file-writer';

describe('export file writers', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'export-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes CSV with a BOM, escaped formulas and ISO dates', async () => {
    const path = join(dir, 'a.csv');
    const writer = await openCsvWriter(path, ['Name', 'When'], null);
    await writer.writeRows([
      ['=SUM(A1)', new Date('2026-01-02T03:04:05Z')],
      ['Zoé, "Z"', null],
      ['-12', 3],
    ]);
    await writer.close();
    expect(await readFile(path, 'utf8')).toBe('\uFEFFName,When\r\n"\'=SUM(A1)",2026-01-02T03:04:05.000Z\r\n"Zoé, ""Z""",\r\n-12,3\r\n');
  });

  it('resumes a CSV from the size its last checkpoint recorded (rows written after it are dropped)', async () => {
    const path = join(dir, 'b.csv');
    const first = await openCsvWriter(path, ['n'], null);
    await first.writeRows([['1'], ['2']]);
    const checkpointed = await first.flush();
    await first.writeRows([['3-lost']]);
    await first.abort();
    const resumed = await openCsvWriter(path, ['n'], checkpointed);
    await resumed.writeRows([['3'], ['4']]);
    await resumed.close();
    expect(await readFile(path, 'utf8')).toBe('\uFEFFn\r\n1\r\n2\r\n3\r\n4\r\n');
  });

  it('writes XLSX rows as values (text never becomes a formula), dates as dates', async () => {
    const path = join(dir, 'c.xlsx');
    const writer = await openXlsxWriter(path, ['Name', 'When', 'Count'], 'Export');
    await writer.writeRows([['=cmd|calc', new Date('2026-01-02T00:00:00Z'), 7], [null, undefined, true]]);
    await writer.close();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.getWorksheet('Export')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Name', 'When', 'Count']);
    expect(sheet.getCell('A2').value).toBe('=cmd|calc');
    expect(sheet.getCell('A2').formula).toBeUndefined();
    expect((sheet.getCell('B2').value as Date).toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(sheet.getCell('C2').value).toBe(7);
    expect(sheet.getCell('C3').value).toBe(true);
  });
});
