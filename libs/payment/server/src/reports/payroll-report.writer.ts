import ExcelJS from 'exceljs';
import { renderPdf } from '@coremis/core';
import type { NamedReconciliationRow, PayrollReportData } from './payroll-report.service';

/** The report's texts in the reader's language (server translations, `payment.reports.*`). */
export type ReportLabels = Record<
  'title' | 'payroll' | 'cycle' | 'period' | 'status' | 'currency' | 'byArea' | 'byPaymentPoint' | 'code' | 'name' | 'total' | 'plannedCount' | 'plannedAmount' | 'paidCount' | 'paidAmount' | 'failedCount' | 'failedAmount' | 'unassigned',
  string
>;

/** Decimal places of a currency (ISO 4217 minor unit), from the platform's Intl data; 2 when unknown. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units as a decimal string, exactly (no floating point): "123456" with 2 digits is "1234.56". */
export function majorAmount(minor: string, digits: number): string {
  const negative = minor.startsWith('-');
  const units = (negative ? minor.slice(1) : minor).padStart(digits + 1, '0');
  const whole = units.slice(0, units.length - digits);
  const fraction = digits ? `.${units.slice(units.length - digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

const COLUMNS: readonly (keyof NamedReconciliationRow)[] = ['plannedCount', 'plannedMinor', 'paidCount', 'paidMinor', 'failedCount', 'failedMinor'];

function header(labels: ReportLabels, currency: string): string[] {
  return [labels.code, labels.name, labels.plannedCount, `${labels.plannedAmount} (${currency})`, labels.paidCount, `${labels.paidAmount} (${currency})`, labels.failedCount, `${labels.failedAmount} (${currency})`];
}

function cells(row: NamedReconciliationRow, labels: ReportLabels, digits: number): (string | number)[] {
  return [
    row.key === '-' ? labels.unassigned : row.key,
    row.name,
    ...COLUMNS.map((column) => (column.endsWith('Minor') ? Number(majorAmount(String(row[column]), digits)) : (row[column] as number))),
  ];
}

/** The report as an XLSX workbook: a summary sheet, then one sheet per area and one per payment point. */
export async function reportXlsx(data: PayrollReportData, labels: ReportLabels): Promise<Buffer> {
  const digits = currencyDigits(data.currency);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CoreMIS';
  const format = digits ? `#,##0.${'0'.repeat(digits)}` : '#,##0';
  const summary = workbook.addWorksheet(labels.title);
  summary.addRows([
    [labels.payroll, data.code],
    [labels.cycle, data.cycleName],
    [labels.period, data.period],
    [labels.status, data.status],
    [labels.currency, data.currency],
    [],
    header(labels, data.currency),
    cells({ ...data.total, key: labels.total }, labels, digits),
  ]);
  summary.getColumn(1).width = 24;
  summary.getColumn(2).width = 28;
  summary.getRow(7).font = { bold: true };
  for (const [title, rows] of [[labels.byArea, data.byArea], [labels.byPaymentPoint, data.byPaymentPoint]] as const) {
    const sheet = workbook.addWorksheet(title.slice(0, 31));
    sheet.addRow(header(labels, data.currency)).font = { bold: true };
    for (const row of rows) sheet.addRow(cells(row, labels, digits));
    sheet.addRow(cells({ ...data.total, key: labels.total }, labels, digits)).font = { bold: true };
    sheet.columns.forEach((column, index) => {
      column.width = index < 2 ? 24 : 16;
      if (index === 3 || index === 5 || index === 7) column.numFmt = format;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The report as a PDF: the payroll, its totals, then the per-area and per-payment-point tables. */
export async function reportPdf(data: PayrollReportData, labels: ReportLabels): Promise<Buffer> {
  const digits = currencyDigits(data.currency);
  // amounts as exact decimal text (the XLSX cells are numbers for spreadsheet sums)
  const text = (row: NamedReconciliationRow) => [
    { text: row.key === '-' ? labels.unassigned : row.key, alignment: 'left' },
    { text: row.name, alignment: 'left' },
    ...COLUMNS.map((column) => ({ text: column.endsWith('Minor') ? majorAmount(String(row[column]), digits) : String(row[column]), alignment: 'right' })),
  ];
  const table = (rows: readonly NamedReconciliationRow[]) => ({
    table: {
      headerRows: 1,
      widths: ['auto', '*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'],
      body: [header(labels, data.currency).map((cell) => ({ text: cell, bold: true })), ...rows.map(text), text({ ...data.total, key: labels.total }).map((cell) => ({ ...cell, bold: true }))],
    },
    layout: 'lightHorizontalLines',
    fontSize: 8,
    margin: [0, 4, 0, 16],
  });
  const definition = {
    pageOrientation: 'landscape',
    info: { title: `${labels.title} ${data.code}`, creator: 'CoreMIS' },
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    content: [
      { text: `${labels.title}: ${data.code}`, fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      { text: `${labels.cycle}: ${data.cycleName} · ${labels.period}: ${data.period} · ${labels.status}: ${data.status} · ${labels.currency}: ${data.currency}`, margin: [0, 0, 0, 12] },
      { text: labels.byArea, fontSize: 12, bold: true },
      table(data.byArea),
      { text: labels.byPaymentPoint, fontSize: 12, bold: true },
      table(data.byPaymentPoint),
    ],
  };
  return renderPdf(definition);
}
