import { renderPdf } from '@coremis/core';

/** What a community validation list prints: texts already in the reader's language. */
export interface ValidationListDocument {
  title: string;
  subtitle: string;
  columns: { number: string; code: string; head: string; members: string; tick: string; remark: string };
  rows: { code: string; headName: string | null; members: number }[];
  footer: string;
  empty: string;
}

/** The printed list of a village for the community meeting: one row per household and an empty box to tick. */
export function validationListPdf(doc: ValidationListDocument): Promise<Buffer> {
  const c = doc.columns;
  const header = [c.number, c.code, c.head, c.members, c.tick, c.remark].map((text) => ({ text, bold: true }));
  const body = doc.rows.map((r, i) => [String(i + 1), r.code, r.headName ?? '', { text: String(r.members), alignment: 'right' }, { text: '☐', alignment: 'center', fontSize: 14 }, '']);
  return renderPdf({
    info: { title: doc.title },
    pageSize: 'A4',
    pageMargins: [36, 48, 36, 48],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    content: [
      { text: doc.title, fontSize: 15, bold: true, margin: [0, 0, 0, 4] },
      { text: doc.subtitle, color: '#555555', margin: [0, 0, 0, 12] },
      doc.rows.length
        ? { table: { headerRows: 1, widths: [24, 80, '*', 50, 36, 120], body: [header, ...body] }, layout: 'lightHorizontalLines' }
        : { text: doc.empty, italics: true },
    ],
    footer: (page: number, pages: number) => ({ text: `${doc.footer} · ${page}/${pages}`, alignment: 'center', fontSize: 8, color: '#777777', margin: [0, 16, 0, 0] }),
  });
}
