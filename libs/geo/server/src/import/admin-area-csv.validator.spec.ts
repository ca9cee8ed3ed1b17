import { type ExistingArea, validateAdminAreaCsv } from './admin-area-csv.validator';

const levels = [
  { id: 'l0', code: 'country', depth: 0 },
  { id: 'l1', code: 'province', depth: 1 },
  { id: 'l2', code: 'district', depth: 2 },
];
const none = async () => new Map<string, ExistingArea>();

describe('validateAdminAreaCsv', () => {
  it('accepts a valid hierarchy, trimming values and reading optional columns', async () => {
    const csv = 'level,code,parent_code,name_en,name_fr,name_pt\ncountry,CV,,Cape Verde,Cap-Vert,Cabo Verde\nprovince, CV-01 ,CV,Santiago,,\n';
    const { rows, errors } = await validateAdminAreaCsv(csv, levels, none);
    expect(errors).toEqual([]);
    expect(rows[1]).toEqual({ line: 3, level: 'province', code: 'CV-01', parentCode: 'CV', nameEn: 'Santiago', nameFr: null, namePt: null });
  });

  it('reports every problem with its spreadsheet line and column', async () => {
    const csv = [
      'level,code,parent_code,name_en',
      'country,CV,,Cape Verde',
      'province,CV 01,CV,Bad code',
      'province,CV-02,,No parent',
      'province,CV-03,ZZ,Unknown parent',
      'district,CV-04,CV,Parent two levels up',
      'planet,P1,,Mars',
      'province,CV-03,CV,Duplicate',
      'country,XX,CV,',
    ].join('\n');
    const { errors } = await validateAdminAreaCsv(csv, levels, none);
    expect(errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, 'code', 'invalidCode'],
      [4, 'parent_code', 'parentRequired'],
      [5, 'parent_code', 'unknownParent'],
      [6, 'parent_code', 'parentWrongLevel'],
      [7, 'level', 'unknownLevel'],
      [8, 'code', 'duplicateCode'],
      [9, 'name_en', 'required'],
      [9, 'parent_code', 'rootHasParent'],
    ]);
    expect(errors.find((e) => e.code === 'duplicateCode')!.args).toEqual({ value: 'CV-03', first: 5 });
  });

  it('checks the header before anything else', async () => {
    const { errors } = await validateAdminAreaCsv('level,name,colour\ncountry,CV,red\n', levels, none);
    expect(errors).toEqual([
      { line: 1, column: 'code', code: 'missingColumn', args: { column: 'code' } },
      { line: 1, column: 'name_en', code: 'missingColumn', args: { column: 'name_en' } },
      { line: 1, column: 'name', code: 'unknownColumn', args: { column: 'name' } },
      { line: 1, column: 'colour', code: 'unknownColumn', args: { column: 'colour' } },
    ]);
  });

  it('lets parents come from the database, at the right level only', async () => {
    const existing = async () => new Map<string, ExistingArea>([['CV', { code: 'CV', depth: 0 }], ['CV-01', { code: 'CV-01', depth: 1 }]]);
    const csv = 'level,code,parent_code,name_en\ndistrict,CV-01-01,CV-01,Praia\ndistrict,CV-01-02,CV,Wrong\nprovince,CV-01-03,CV,Fine\n';
    const { errors } = await validateAdminAreaCsv(csv, levels, existing);
    expect(errors.map((e) => [e.line, e.code])).toEqual([[3, 'parentWrongLevel']]);
  });

  it('refuses to move an existing area to another level', async () => {
    const existing = async () => new Map<string, ExistingArea>([['CV', { code: 'CV', depth: 0 }], ['CV-01', { code: 'CV-01', depth: 1 }]]);
    const { errors } = await validateAdminAreaCsv('level,code,parent_code,name_en\ncountry,CV-01,,Promoted\n', levels, existing);
    expect(errors.map((e) => [e.line, e.code])).toEqual([[2, 'levelChange']]);
  });

  it('refuses an empty file and ragged lines', async () => {
    expect((await validateAdminAreaCsv('level,code,parent_code,name_en\n', levels, none)).errors).toEqual([{ line: 2, column: null, code: 'emptyFile' }]);
    const ragged = await validateAdminAreaCsv('level,code,parent_code,name_en\ncountry,CV,,Cape Verde,extra\n', levels, none);
    expect(ragged.errors.map((e) => e.code)).toContain('wrongFieldCount');
    const short = await validateAdminAreaCsv('level,code,name_en,parent_code,name_fr\ncountry,CV,Cape Verde\n', levels, none);
    expect(short.errors).toEqual([]);
  });

  it('handles a UTF-8 byte order mark and quoted names with commas and accents', async () => {
    const { rows, errors } = await validateAdminAreaCsv('\uFEFFlevel,code,parent_code,name_en\ncountry,CI,,"Côte d\'Ivoire, République"\n', levels, none);
    expect(errors).toEqual([]);
    expect(rows[0].nameEn).toBe("Côte d'Ivoire, République");
  });
});
