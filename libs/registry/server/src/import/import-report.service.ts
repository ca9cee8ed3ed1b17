import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { csvRow, type Language, Translator } from '@coremis/core';
import type { DataSource } from 'typeorm';
import type { ImportRowError } from './registry-import.service';

const PAGE = 5000;

/** Row errors of an import in words, in the reader's language. */
@Injectable()
export class ImportReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly translator: Translator,
  ) {}

  message(error: Pick<ImportRowError, 'code' | 'field' | 'args'>, lang: Language): string {
    const field = error.field ? this.fieldLabel(error.field, lang) : '';
    return this.translator.translate(`registry.import.${error.code}`, lang, { ...error.args, field });
  }

  fieldLabel(field: string, lang: Language): string {
    if (field.startsWith('extra.')) return field.slice('extra.'.length);
    return this.translator.translate(`registry.fields.${field}`, lang);
  }

  /** The full report as CSV lines (file, line, household, field, code, message), streamed page by page; values from the file cannot become formulas. */
  async *errorCsv(jobId: string, lang: Language): AsyncGenerator<string> {
    const header = ['file', 'line', 'householdKey', 'field', 'code', 'message'].map((k) => this.translator.translate(`registry.import.report.${k}`, lang));
    yield csvRow(header);
    let after: [string, number, string] = ['', 0, ''];
    for (;;) {
      const rows: (ImportRowError & { sortField: string })[] = await this.dataSource.query(
        `SELECT file, row_no AS line, household_key AS "householdKey", field, code, args, coalesce(field, '') || code AS "sortField"
           FROM registry.import_row_error
          WHERE job_id = $1 AND (file, row_no, coalesce(field, '') || code) > ($2, $3, $4)
          ORDER BY file, row_no, "sortField"
          LIMIT ${PAGE}`,
        [jobId, ...after],
      );
      if (!rows.length) return;
      yield rows.map((r) => csvRow([this.translator.translate(`registry.import.files.${r.file}`, lang), String(r.line), r.householdKey ?? '', r.field ? this.fieldLabel(r.field, lang) : '', r.code, this.message(r, lang)])).join('');
      const last = rows[rows.length - 1];
      after = [last.file, last.line, last.sortField];
      if (rows.length < PAGE) return;
    }
  }
}
