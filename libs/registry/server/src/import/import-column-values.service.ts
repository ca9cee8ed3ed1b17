import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import type { ImportUpload } from '../entities/import-upload.entity';
import { copyOptionsOf, csvStreamOf, previewFile } from './import-file-reader';
import type { ImportReadOptions } from './import-read-options';

/** Distinct values shown per column: the most frequent first. */
export const MAX_VALUES_PER_COLUMN = 200;

export interface ColumnValues {
  column: string;
  /** How many different values the column has (blank ones left out). */
  distinct: number;
  values: { value: string; count: number }[];
}

/**
 * The distinct values of some columns of an uploaded file with their counts, for the recoding step of
 * the wizard: the file is streamed into a temporary table with COPY (as the import reads it) and
 * counted there, in a transaction that is rolled back.
 */
@Injectable()
export class ImportColumnValuesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async valuesOf(upload: ImportUpload, read: ImportReadOptions, columns: string[]): Promise<ColumnValues[]> {
    const { headers } = await previewFile(upload.storagePath, upload.format, 1, read);
    const wanted = [...new Set(columns)].filter((c) => headers.includes(c));
    if (!wanted.length) return [];
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const names = headers.map((_, i) => `c${i + 1}`);
      await runner.query(`CREATE TEMP TABLE raw_values (${names.map((c) => `${c} text`).join(', ')}) ON COMMIT DROP`);
      const client = (runner as unknown as { databaseConnection: { query(stream: unknown): NodeJS.WritableStream } }).databaseConnection;
      const copy = client.query(copyFrom(`COPY raw_values FROM STDIN WITH (${copyOptionsOf(upload.format, read)})`));
      await pipeline(csvStreamOf(upload.storagePath, upload.format, read), copy as unknown as NodeJS.WritableStream);
      const out: ColumnValues[] = [];
      for (const column of wanted) {
        const c = `c${headers.indexOf(column) + 1}`;
        const rows: { value: string; count: number; distinct: number }[] = await runner.query(
          `SELECT value, count::int, (count(*) OVER ())::int AS distinct
             FROM (SELECT btrim(${c}) AS value, count(*) AS count FROM raw_values WHERE nullif(btrim(${c}), '') IS NOT NULL GROUP BY 1) v
            ORDER BY count DESC, value LIMIT $1`,
          [MAX_VALUES_PER_COLUMN],
        );
        out.push({ column, distinct: rows[0]?.distinct ?? 0, values: rows.map(({ value, count }) => ({ value, count })) });
      }
      return out;
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}
