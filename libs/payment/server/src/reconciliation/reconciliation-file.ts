import { Readable } from 'node:stream';
import { badInput } from '@coremis/core';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { type ColumnPositions, RECONCILE_APPLY_SQL, RECONCILE_COUNTS_SQL, RECONCILE_ERRORS_SQL, rawCopySql, rawTableSql, reconcileCheckSql } from './reconciliation.sql';

export type { ColumnPositions };

/** The file's content (CSV or XLSX) as the rows of `recon_raw`: its header and a CSV stream COPY can read. */
export interface FileSource {
  headers: string[];
  delimiter: string;
  stream: () => Readable;
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export async function reconciliationSourceOf(content: Buffer): Promise<FileSource> {
  if (content.subarray(0, 4).equals(XLSX_MAGIC)) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(content as unknown as ArrayBuffer);
    } catch {
      throw badInput('payment.errors.badFile');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet || sheet.rowCount < 1) throw badInput('payment.errors.emptyFile');
    const text = (cell: ExcelJS.Cell) => (cell.value === null || cell.value === undefined ? '' : typeof cell.value === 'number' ? String(cell.value) : cell.text).trim();
    const headers: string[] = [];
    sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, n) => (headers[n - 1] = text(cell)));
    const lines: string[] = [headers.map(csvCell).join(',')];
    for (let n = 2; n <= sheet.rowCount; n++) {
      const row = sheet.getRow(n);
      const values = headers.map((_, i) => text(row.getCell(i + 1)));
      if (values.some((v) => v !== '')) lines.push(values.map(csvCell).join(','));
    }
    return { headers, delimiter: ',', stream: () => Readable.from([lines.join('\n') + '\n']) };
  }
  const body = content.toString('utf8').replace(/^\uFEFF/, '').trimEnd();
  if (!body) throw badInput('payment.errors.emptyFile');
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const head = Papa.parse<string[]>(firstLine, { header: false });
  const delimiter = head.meta.delimiter;
  if (![',', ';', '\t', '|'].includes(delimiter)) throw badInput('payment.errors.badFile');
  return { headers: (head.data[0] ?? []).map((h) => h.trim()), delimiter, stream: () => Readable.from([body + '\n']) };
}

/** The two things the reconciliation needs from a connection inside its transaction (TypeORM runner or plain pg). */
export interface ReconcileIo {
  query<T = unknown>(text: string, params?: unknown[]): Promise<T[]>;
  copy(text: string, stream: Readable): Promise<void>;
}

export interface CheckCounts {
  rows: number;
  rejected: number;
  changes: number;
  unchanged: number;
}

/**
 * COPYs the file into `recon_raw` and gives every row its verdict (`recon_check`); the first errors in file order.
 * `scope`: the caller's area patterns (`areaScopePatterns()`, null for every area).
 */
export async function stageAndCheck(io: ReconcileIo, payrollId: string, source: FileSource, columns: ColumnPositions, maxErrors: number, scope: string[] | null) {
  // a whole payroll's file is hashed and sorted once: in memory instead of 16 batches on disk (4 MB), and no JIT
  // compilation for statements whose row estimates (a fresh temporary table) are guesses
  await io.query(`SET LOCAL work_mem = '256MB'`);
  await io.query(`SET LOCAL jit = off`);
  await io.query(rawTableSql(source.headers.length));
  try {
    await io.copy(rawCopySql(source.headers.length, source.delimiter), source.stream());
  } catch (error) {
    // a ragged or unreadable row: the file as a whole is refused, naming the line
    const line = /line (\d+)/.exec(String((error as { where?: string }).where ?? ''))?.[1];
    if (line) throw badInput('payment.errors.badFileLine', { line });
    throw badInput('payment.errors.badFile');
  }
  await io.query(reconcileCheckSql(columns), [payrollId, scope]);
  const [counts] = await io.query<CheckCounts>(RECONCILE_COUNTS_SQL);
  const errors = await io.query<{ row: number; code: string; reference: string | null }>(RECONCILE_ERRORS_SQL, [maxErrors]);
  return { counts, errors };
}

/** Settles the lines of the checked valid rows; returns how many lines moved. */
export async function applyChecked(io: ReconcileIo, payrollId: string, fileName: string, userId: string | null): Promise<number> {
  const [{ applied }] = await io.query<{ applied: number }>(RECONCILE_APPLY_SQL, [payrollId, fileName.slice(0, 200), userId]);
  return applied;
}

/** The first `count` data rows of the file, one cell per header. */
export async function sampleOf(source: FileSource, count: number): Promise<string[][]> {
  let text = '';
  for await (const chunk of source.stream()) {
    text += String(chunk);
    if (text.length > 65_536) break;
  }
  const parsed = Papa.parse<string[]>(text, { header: false, delimiter: source.delimiter, preview: count + 1, skipEmptyLines: true });
  return parsed.data.slice(1).map((row) => source.headers.map((_, i) => (row[i] ?? '').trim()));
}

/** Header words providers and banks use, in EN/FR/PT, compared without case, accents or punctuation. */
const MAPPING_WORDS: Record<'reference' | 'amount' | 'status' | 'receipt', string[]> = {
  reference: ['reference', 'ref', 'line id', 'payment id', 'transaction id', 'external id', 'client reference', 'id', 'referencia', 'identifiant'],
  amount: ['amount', 'paid amount', 'amount paid', 'amount minor', 'montant', 'montant paye', 'valor', 'valor pago', 'quantia'],
  status: ['status', 'state', 'result', 'statut', 'etat', 'resultat', 'estado', 'situacao'],
  receipt: ['receipt', 'receipt number', 'transaction receipt', 'recu', 'numero de recu', 'recibo', 'numero do recibo', 'comprovante'],
};
const plain = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** The header recognised for each part of the mapping: an exact word first, then a header starting or ending with one. */
export function suggestMapping(headers: readonly string[]): Record<keyof typeof MAPPING_WORDS, string | null> {
  const taken = new Set<string>();
  const pick = (words: string[]): string | null => {
    const candidates = headers.filter((h) => h && !taken.has(h));
    const found = candidates.find((h) => words.includes(plain(h))) ?? candidates.find((h) => words.some((w) => w.length > 3 && (plain(h).startsWith(`${w} `) || plain(h).endsWith(` ${w}`))));
    if (found) taken.add(found);
    return found ?? null;
  };
  const receipt = pick(MAPPING_WORDS.receipt);
  const amount = pick(MAPPING_WORDS.amount);
  const status = pick(MAPPING_WORDS.status);
  return { reference: pick(MAPPING_WORDS.reference), amount, status, receipt };
}
