import Papa from 'papaparse';
import { AREA_CODE_PATTERN } from '../dto/admin-area.inputs';

export interface ImportError {
  line: number;
  column: string | null;
  code: string;
  args?: Record<string, string | number>;
}

export interface ImportRow {
  line: number;
  level: string;
  code: string;
  parentCode: string | null;
  nameEn: string;
  nameFr: string | null;
  namePt: string | null;
}

export interface KnownLevel {
  id: string;
  code: string;
  depth: number;
  /** The level's names in every language: a file may say "Colline" where the code is colline. */
  names?: (string | null)[];
}

export interface ExistingArea {
  code: string;
  depth: number;
}

export const REQUIRED_COLUMNS = ['level', 'code', 'name_en'] as const;
export const OPTIONAL_COLUMNS = ['parent_code', 'name_fr', 'name_pt'] as const;
export const MAX_IMPORT_ROWS = 500_000;
const MAX_NAME = 200;
const MAX_CODE = 50;

/**
 * Parses and validates a hierarchy CSV completely before anything is written. Line numbers are the
 * ones a spreadsheet shows (the header is line 1). `lookupExisting` tells which codes already exist
 * (and at which depth) so that parents may come from the database.
 */
export async function validateAdminAreaCsv(
  csv: string,
  levels: KnownLevel[],
  lookupExisting: (codes: string[]) => Promise<Map<string, ExistingArea>>,
): Promise<{ rows: ImportRow[]; errors: ImportError[] }> {
  const errors: ImportError[] = [];
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const header = parsed.meta.fields ?? [];
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(REQUIRED_COLUMNS as readonly string[]).includes(h) && !(OPTIONAL_COLUMNS as readonly string[]).includes(h));
  for (const column of missing) errors.push({ line: 1, column, code: 'missingColumn', args: { column } });
  for (const column of unknown) errors.push({ line: 1, column, code: 'unknownColumn', args: { column } });
  if (errors.length) return { rows: [], errors };
  if (!parsed.data.length) return { rows: [], errors: [{ line: 2, column: null, code: 'emptyFile' }] };
  if (parsed.data.length > MAX_IMPORT_ROWS) return { rows: [], errors: [{ line: MAX_IMPORT_ROWS + 2, column: null, code: 'tooManyRows', args: { max: MAX_IMPORT_ROWS } }] };
  for (const e of parsed.errors) {
    // missing trailing columns are just empty values (the required checks catch what matters)
    if (e.code === 'TooManyFields' || e.type === 'Quotes') {
      errors.push({ line: (e.row ?? 0) + 2, column: null, code: e.type === 'Quotes' ? 'badQuotes' : 'wrongFieldCount' });
    }
  }

  const levelByCode = new Map<string, KnownLevel>();
  for (const l of levels) for (const name of l.names ?? []) if (name) levelByCode.set(name.trim().toLowerCase(), l);
  for (const l of levels) levelByCode.set(l.code.toLowerCase(), l);
  const rows: ImportRow[] = [];
  const lineOfCode = new Map<string, number>();
  parsed.data.forEach((record, index) => {
    const line = index + 2;
    const value = (column: string) => (record[column] ?? '').trim();
    const row: ImportRow = {
      line,
      level: value('level').toLowerCase(),
      code: value('code'),
      parentCode: value('parent_code') || null,
      nameEn: value('name_en'),
      nameFr: value('name_fr') || null,
      namePt: value('name_pt') || null,
    };
    if (!row.level) errors.push({ line, column: 'level', code: 'required' });
    else {
      const known = levelByCode.get(row.level);
      if (!known) errors.push({ line, column: 'level', code: 'unknownLevel', args: { value: row.level.slice(0, 60), levels: levels.map((l) => l.code).join(', ') } });
      // a level given by its name is written by its code
      else row.level = known.code.toLowerCase();
    }
    if (!row.code) errors.push({ line, column: 'code', code: 'required' });
    else if (row.code.length > MAX_CODE) errors.push({ line, column: 'code', code: 'tooLong', args: { max: MAX_CODE } });
    else if (!AREA_CODE_PATTERN.test(row.code)) errors.push({ line, column: 'code', code: 'invalidCode', args: { value: row.code.slice(0, 60) } });
    else if (lineOfCode.has(row.code)) errors.push({ line, column: 'code', code: 'duplicateCode', args: { value: row.code, first: lineOfCode.get(row.code)! } });
    else lineOfCode.set(row.code, line);
    if (!row.nameEn) errors.push({ line, column: 'name_en', code: 'required' });
    for (const [column, name] of [['name_en', row.nameEn], ['name_fr', row.nameFr], ['name_pt', row.namePt]] as const) {
      if (name && name.length > MAX_NAME) errors.push({ line, column, code: 'tooLong', args: { max: MAX_NAME } });
    }
    rows.push(row);
  });

  const existing = await lookupExisting([...new Set(rows.flatMap((r) => [r.code, r.parentCode ?? '']).filter(Boolean))]);
  const depthInFile = new Map<string, number>();
  for (const row of rows) {
    const level = levelByCode.get(row.level);
    if (level && lineOfCode.get(row.code) === row.line) depthInFile.set(row.code, level.depth);
  }
  for (const row of rows) {
    const level = levelByCode.get(row.level);
    if (!level) continue;
    const current = existing.get(row.code);
    if (current && current.depth !== level.depth) {
      errors.push({ line: row.line, column: 'level', code: 'levelChange', args: { value: row.code } });
    }
    if (level.depth === 0) {
      if (row.parentCode) errors.push({ line: row.line, column: 'parent_code', code: 'rootHasParent' });
      continue;
    }
    if (!row.parentCode) {
      errors.push({ line: row.line, column: 'parent_code', code: 'parentRequired' });
      continue;
    }
    const parentDepth = depthInFile.get(row.parentCode) ?? existing.get(row.parentCode)?.depth;
    if (parentDepth === undefined) errors.push({ line: row.line, column: 'parent_code', code: 'unknownParent', args: { value: row.parentCode.slice(0, 60) } });
    else if (parentDepth !== level.depth - 1) errors.push({ line: row.line, column: 'parent_code', code: 'parentWrongLevel', args: { value: row.parentCode } });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
}
