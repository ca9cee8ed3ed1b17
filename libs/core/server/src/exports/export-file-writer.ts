import { createWriteStream } from 'node:fs';
import { open, truncate, type FileHandle } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { csvRow } from '../files/csv-writer';
import type { ExportCell } from './exportable-list';

export type ExportFormat = 'CSV' | 'XLSX';

/** Writes an export file batch by batch; `bytes()` is what is safely on disk after `flush()`. */
export interface ExportFileWriter {
  writeRows(rows: ExportCell[][]): Promise<void>;
  /** Makes what was written durable (CSV: the checkpoint records this size). */
  flush(): Promise<number>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

const BOM = '\uFEFF';

function csvValue(value: ExportCell): string | number | boolean | null | undefined {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * CSV through the platform's formula-safe `csvRow`, with a UTF-8 byte order mark (spreadsheets then
 * read accents right). Resumable: `resumeAt` cuts the file back to the size the last checkpoint
 * recorded, and writing goes on from there.
 */
export async function openCsvWriter(path: string, header: string[], resumeAt: number | null): Promise<ExportFileWriter> {
  let handle: FileHandle;
  if (resumeAt !== null) {
    await truncate(path, resumeAt);
    handle = await open(path, 'a');
  } else {
    handle = await open(path, 'w');
    await handle.write(BOM + csvRow(header));
  }
  return {
    async writeRows(rows) {
      if (rows.length) await handle.write(rows.map((row) => csvRow(row.map(csvValue))).join(''));
    },
    async flush() {
      await handle.datasync();
      return (await handle.stat()).size;
    },
    async close() {
      await handle.datasync();
      await handle.close();
    },
    async abort() {
      await handle.close().catch(() => undefined);
    },
  };
}

/**
 * XLSX with exceljs's streaming writer: each row is committed as it is written, so memory stays flat
 * whatever the size. A ZIP being written cannot be resumed: an interrupted XLSX export starts again.
 * Text cells are stored as text, never as formulas.
 */
export async function openXlsxWriter(path: string, header: string[], sheetName: string): Promise<ExportFileWriter> {
  const stream = createWriteStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  const headerRow = sheet.addRow(header);
  headerRow.font = { bold: true };
  headerRow.commit();
  return {
    async writeRows(rows) {
      for (const values of rows) {
        const row = sheet.addRow(values.map((v) => (v === undefined ? null : v)));
        values.forEach((v, i) => {
          if (v instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd hh:mm:ss';
        });
        row.commit();
      }
    },
    async flush() {
      return 0;
    },
    async close() {
      sheet.commit();
      await workbook.commit();
    },
    async abort() {
      stream.destroy();
    },
  };
}
