import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import ExcelJS from 'exceljs';
import { registryDefinition } from '../registry.definition';
import { dateSql } from './import-transforms.sql';
import { AGENCY_HEADER, type AgencyArea, agencyCsv, agencyRows } from '@coremis/synthetic';

interface Report {
  status: string;
  setupError: string | null;
  householdsCreated: number;
  individualsCreated: number;
  householdsRejected: number;
  errorCount: number;
  errors: { line: number; householdKey: string | null; field: string | null; code: string; message: string }[];
}

const REPORT = `query($id: ID!) { registryImportReport(jobId: $id) { status setupError householdsCreated individualsCreated householdsRejected errorCount errors { line householdKey field code message } } }`;
const PREVIEW = `query($id: ID!, $read: JSON) { importFilePreview(uploadId: $id, layout: ONE_FILE, file: "members", read: $read) { format headers rows suggestedMapping separator encoding detectedSeparator detectedEncoding sheets sheet } }`;

describe('registry import of an agency file as it is', () => {
  let api: TestApi;
  let areas: AgencyArea[];

  const upload = async (content: Buffer, name: string): Promise<string> => {
    const res = await fetch(`${api.url}/api/registry/imports/uploads?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(content),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };

  const runImport = async (input: Record<string, unknown>, lang = 'fr'): Promise<Report> => {
    const started = await api.graphql<{ startRegistryImport: { id: string } }>(
      'mutation($input: StartRegistryImportInput!) { startRegistryImport(input: $input) { id } }',
      { input: { validateOnly: false, checkDuplicates: false, layout: 'ONE_FILE', mode: 'ALL_OR_NOTHING', ...input } },
      { lang },
    );
    expect(started.errors).toBeUndefined();
    await api.drainJobs();
    return (await api.graphql<{ registryImportReport: Report }>(REPORT, { id: started.data!.startRegistryImport.id }, { lang })).data!.registryImportReport;
  };

  /** What the wizard sends once the user has gone through it: the suggested mapping, the full-name rule, recodings, date format, fixed document type. */
  const options = {
    read: { members: { separator: ';', encoding: 'WINDOWS1252' } },
    transforms: {
      nameOrder: 'FAMILY_FIRST',
      dates: { birthDate: 'DMY' },
      fixed: { documentType: 'NATIONAL_ID' },
      recode: {
        sex: { Masculin: 'M', Féminin: 'F' },
        relationship: { 'Chef de ménage': 'HEAD', Épouse: 'SPOUSE', Fils: 'SON', Fille: 'DAUGHTER' },
        roofMaterial: { Tôle: 'iron_sheet', paille: 'thatch', tuiles: 'tiles' },
        'extra.handicap': { O: 'true', N: 'false' },
      },
    },
  };

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition], { DEMO_DATA: 'true', JOB_RETRY_BASE_MS: '50', PHONE_COUNTRY_CODE: '257' });
    // the deployment's own names of its levels (Burundi: province, commune, colline); the wizard cannot rename levels yet
    await sql(api.databaseUrl, `UPDATE geo.admin_level SET name_fr = CASE depth WHEN 2 THEN 'Commune' WHEN 3 THEN 'Colline' ELSE name_fr END WHERE depth IN (2, 3)`);
    areas = await sql<AgencyArea>(
      api.databaseUrl,
      `SELECT coalesce(p.name_fr, p.name_en) AS province, coalesce(c.name_fr, c.name_en) AS commune, coalesce(a.name_fr, a.name_en) AS colline
         FROM geo.admin_area a JOIN geo.admin_area c ON c.id = a.parent_id JOIN geo.admin_area p ON p.id = c.parent_id
        WHERE a.code IN ('DL-01-01-001', 'DL-01-02-001', 'DL-02-01-001') ORDER BY a.code`,
    );
    expect(areas).toHaveLength(3);
    const [current] = await sql<{ version: number }>(api.databaseUrl, `SELECT coalesce(max(version), 0)::int AS version FROM registry.field_schema WHERE entity = 'INDIVIDUAL'`);
    const saved = await api.graphql('mutation($input: SaveFieldSchemaInput!) { saveFieldSchema(input: $input) { version } }', {
      input: { entity: 'INDIVIDUAL', version: current.version, schema: { type: 'object', properties: { handicap: { type: 'boolean', title: 'Handicap' } } } },
    });
    expect(saved.errors).toBeUndefined();
  });

  afterAll(() => api?.stop());

  it('detects the separator and the encoding, suggests the mapping from French headers, and imports with recoding, names and dates', async () => {
    const rows = agencyRows(areas, 12, 1);
    const id = await upload(agencyCsv(rows), 'menages-janvier.csv');
    const preview = (await api.graphql<{ importFilePreview: Record<string, unknown> & { suggestedMapping: Record<string, string>; headers: string[] } }>(PREVIEW, { id })).data!.importFilePreview;
    expect(preview).toMatchObject({ format: 'CSV', separator: ';', encoding: 'WINDOWS1252', detectedSeparator: ';', detectedEncoding: 'WINDOWS1252', headers: AGENCY_HEADER });
    expect(preview.suggestedMapping).toEqual({
      householdKey: 'N° ménage',
      areaLevel1: 'Province',
      areaLevel2: 'Commune',
      areaLevel3: 'Colline',
      fullName: 'Nom et prénom',
      sex: 'Sexe',
      birthDate: 'Date de naissance',
      relationship: 'Lien avec le chef',
      roofMaterial: 'Toiture',
      disability: 'Handicap',
      phones: 'Téléphone',
      documentNumber: 'N° CNI',
    });
    // the user overrides: the O/N column goes to the deployment's boolean field instead
    const { disability: _d, ...suggested } = preview.suggestedMapping;
    const mapping = { members: { ...suggested, 'extra.handicap': 'Handicap' } };

    const values = await api.graphql<{ importColumnValues: { column: string; distinct: number; values: { value: string; count: number }[] }[] }>(
      `query($id: ID!, $read: JSON) { importColumnValues(uploadId: $id, columns: ["Sexe", "Handicap"], read: $read) { column distinct values { value count } } }`,
      { id, read: options.read.members },
    );
    expect(values.errors).toBeUndefined();
    const sexes = values.data!.importColumnValues.find((v) => v.column === 'Sexe')!;
    expect(sexes.distinct).toBe(2);
    expect(sexes.values.map((v) => v.value).sort()).toEqual(['Féminin', 'Masculin']);
    expect(sexes.values.reduce((n, v) => n + v.count, 0)).toBe(rows.length);

    const report = await runImport({ membersUploadId: id, mapping, options });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ status: 'COMPLETED', householdsCreated: 12, individualsCreated: rows.length });
    const people = await sql<{ given_name: string; family_name: string; sex: string; relationship: string; birth_date: string; extra: Record<string, unknown>; roof: string; area: string; doc: string | null }>(
      api.databaseUrl,
      `SELECT i.given_name, i.family_name, i.sex, i.relationship, i.birth_date::text, i.extra, h.roof_material AS roof, a.code AS area,
              (SELECT d.type || ':' || d.number FROM registry.individual_document d WHERE d.individual_id = i.id) AS doc
         FROM registry.individual i JOIN registry.household h ON h.id = i.household_id JOIN geo.admin_area a ON a.id = h.area_id
        WHERE h.external_id = 'M1-0004' ORDER BY i.external_id`,
    );
    expect(people.map((p) => [p.family_name, p.given_name, p.sex, p.relationship, p.extra['handicap']])).toEqual([
      ['Ndayishimiye4', 'Jean', 'M', 'HEAD', false],
      ['Ndayishimiye4', 'Marie Claire', 'F', 'SPOUSE', false],
      ['Ndayishimiye4', 'Éric', 'M', 'SON', false],
      ['Ndayishimiye4', 'Aline', 'F', 'DAUGHTER', true],
    ]);
    expect(people[0]).toMatchObject({ birth_date: '1964-05-05', roof: 'thatch', area: 'DL-01-01-001', doc: 'NATIONAL_ID:1-00004-0' });
    expect(people[2].doc).toBeNull();
    // "79 100004" is a national number: stored in E.164 with the deployment's country code
    // …and the number as the file wrote it is kept beside it
    const [{ phones, phones_as_entered }] = await sql<{ phones: string[]; phones_as_entered: string[] | null }>(api.databaseUrl, `SELECT phones, phones_as_entered FROM registry.individual WHERE external_id = 'M1-0004/1'`);
    expect(phones).toEqual(['+25779100004']);
    expect(phones_as_entered).toEqual(['79 100004']);
    // the household's history shows its creation by this import: file, batch and user
    const [{ id: householdId }] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM registry.household WHERE external_id = 'M1-0004'`);
    const history = await api.graphql<{ household: { history: { edges: { node: { action: string; username: string; details: Record<string, unknown> } }[] } } }>(
      'query($id: ID!) { household(id: $id) { history(first: 50) { edges { node { action username details } } } } }',
      { id: householdId },
    );
    expect(history.errors).toBeUndefined();
    const imported = history.data!.household.history.edges.map((e) => e.node).filter((n) => n.action === 'IMPORT');
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({ username: 'test-admin', details: { files: ['menages-janvier.csv'], householdsCreated: 12 } });
    expect(typeof imported[0].details['jobId']).toBe('string');
    const roofs = await sql<{ external_id: string; roof_material: string }>(api.databaseUrl, `SELECT external_id, roof_material FROM registry.household WHERE external_id IN ('M1-0003', 'M1-0005') ORDER BY 1`);
    expect(roofs.map((r) => r.roof_material)).toEqual(['iron_sheet', 'tiles']);
  });

  it('reports unknown and incomplete area names per row, in the reader’s language, and writes nothing', async () => {
    const rows = agencyRows(areas, 3, 2);
    rows[0][3] = 'Colline Inconnue';
    rows[1][2] = '';
    const id = await upload(agencyCsv(rows), 'menages-erreurs.csv');
    const mapping = { members: { householdKey: 'N° ménage', areaLevel1: 'Province', areaLevel2: 'Commune', areaLevel3: 'Colline', fullName: 'Nom et prénom', sex: 'Sexe', relationship: 'Lien avec le chef', birthDate: 'Date de naissance' } };
    const report = await runImport({ membersUploadId: id, mapping, options: { ...options, transforms: { ...options.transforms, recode: { sex: options.transforms.recode.sex, relationship: options.transforms.recode.relationship } } } });
    expect(report.householdsCreated).toBe(0);
    expect(report.errors.map((e) => [e.householdKey, e.code])).toEqual([
      ['M2-0001', 'unknownAreaName'],
      ['M2-0002', 'areaNamesIncomplete'],
    ]);
    expect(report.errors[0].message).toContain(`Aucune zone ne s’appelle « ${areas[0].province} / ${areas[0].commune} / Colline Inconnue »`);
  });

  it('reports a number that cannot be a phone per row, in the reader’s language, instead of dropping it', async () => {
    const rows = agencyRows(areas, 2, 7);
    rows[0][10] = '12 34'; // household M7-0001 (one person)
    rows[1][10] = '+257 79 00 00 01 | 0025779000002';
    const id = await upload(agencyCsv(rows), 'menages-juillet.csv');
    const mapping = { members: { householdKey: 'N° ménage', areaLevel1: 'Province', areaLevel2: 'Commune', areaLevel3: 'Colline', fullName: 'Nom et prénom', sex: 'Sexe', birthDate: 'Date de naissance', relationship: 'Lien avec le chef', roofMaterial: 'Toiture', phones: 'Téléphone', documentNumber: 'N° CNI' } };
    const report = await runImport({ membersUploadId: id, mapping, options, mode: 'VALID_ONLY' }, 'fr');
    expect(report.errors.map((e) => [e.line, e.field, e.code])).toEqual([[2, 'phones', 'invalidPhone']]);
    expect(report.errors[0].message).toContain('« 12 34 »');
    expect(report.errors[0].message).toContain('numéro de téléphone');
    const [{ phones, phones_as_entered }] = await sql<{ phones: string[]; phones_as_entered: string[] | null }>(api.databaseUrl, `SELECT phones, phones_as_entered FROM registry.individual WHERE external_id = 'M7-0002/1'`);
    expect(phones).toEqual(['+25779000001', '+25779000002']);
    expect(phones_as_entered).toEqual(['+257 79 00 00 01', '0025779000002']);
  });

  it('keeps a number typed by hand as written beside its E.164 form, and nothing beside a number already in E.164', async () => {
    const [{ id: areaId }] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM geo.admin_area WHERE code = 'DL-01-01-001'`);
    const created = await api.graphql<{ createHousehold: { members: { phones: string[]; phonesAsEntered: string[] | null }[] } }>(
      'mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { members { phones phonesAsEntered } } }',
      { input: { areaId, members: [{ givenName: 'Aline', familyName: 'Hakizimana', sex: 'F', relationship: 'HEAD', phones: ['079100009', '+25779100010'] }] } },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createHousehold.members[0]).toEqual({ phones: ['+25779100009', '+25779100010'], phonesAsEntered: ['079100009', '+25779100010'] });
    const plain = await api.graphql<{ createHousehold: { members: { phones: string[]; phonesAsEntered: string[] | null }[] } }>(
      'mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { members { phones phonesAsEntered } } }',
      { input: { areaId, members: [{ givenName: 'Jean', familyName: 'Hakizimana', sex: 'M', relationship: 'HEAD', phones: ['+25779100011'] }] } },
    );
    expect(plain.data!.createHousehold.members[0]).toEqual({ phones: ['+25779100011'], phonesAsEntered: null });
  });

  it('reads dates in the chosen format, two-digit years around the pivot and Excel serial numbers, and nothing else', async () => {
    const values = ['2024-03-31', '31/03/2024', '1/2/24', '05.11.87', '31-12-1999', '45382', '45382.0', '31/02/2024', '13/13/2020', 'hier', '03/31/2024'];
    const read = async (format: 'DMY' | 'MDY' | 'YMD') =>
      (await sql<{ d: string | null }>(api.databaseUrl, `SELECT (${dateSql('v', format, 30)})::text AS d FROM unnest($1::text[]) WITH ORDINALITY AS u(v, n) ORDER BY n`, [values])).map((r) => r.d);
    expect(await read('DMY')).toEqual(['2024-03-31', '2024-03-31', '2024-02-01', '1987-11-05', '1999-12-31', '2024-03-31', '2024-03-31', null, null, null, null]);
    expect(await read('MDY')).toEqual(['2024-03-31', null, '2024-01-02', '1987-05-11', null, '2024-03-31', '2024-03-31', null, null, null, '2024-03-31']);
    expect(await read('YMD')).toEqual(['2024-03-31', null, null, null, null, '2024-03-31', '2024-03-31', null, null, null, null]);
  });

  it('takes a household’s values from its head’s row and numbers its people in file order, when its rows are apart and the head is not first', async () => {
    // household M9-0004 (4 people): spouse first, then a row of another household, then the head; their roofs differ
    const rows = agencyRows(areas, 4, 9);
    const household = rows.filter((r) => r[0] === 'M9-0004');
    const others = rows.filter((r) => r[0] !== 'M9-0004');
    const [head, spouse, ...children] = household;
    head[8] = 'Tôle';
    spouse[8] = 'paille';
    const id = await upload(agencyCsv([spouse, others[0], head, ...others.slice(1), ...children]), 'menages-desordre.csv');
    const mapping = { members: { householdKey: 'N° ménage', areaLevel1: 'Province', areaLevel2: 'Commune', areaLevel3: 'Colline', fullName: 'Nom et prénom', sex: 'Sexe', birthDate: 'Date de naissance', relationship: 'Lien avec le chef', roofMaterial: 'Toiture' } };
    const report = await runImport({ membersUploadId: id, mapping, options });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ householdsCreated: 4, individualsCreated: rows.length });
    const [{ roof_material }] = await sql<{ roof_material: string }>(api.databaseUrl, `SELECT roof_material FROM registry.household WHERE external_id = 'M9-0004'`);
    expect(roof_material).toBe('iron_sheet');
    const people = await sql<{ external_id: string; relationship: string }>(api.databaseUrl, `SELECT external_id, relationship FROM registry.individual WHERE external_id LIKE 'M9-0004/%' ORDER BY external_id`);
    expect(people.map((p) => [p.external_id, p.relationship])).toEqual([
      ['M9-0004/1', 'SPOUSE'],
      ['M9-0004/2', 'HEAD'],
      ['M9-0004/3', 'SON'],
      ['M9-0004/4', 'DAUGHTER'],
    ]);
  });

  it('numbers new households in the order of the file, not in the order of their keys', async () => {
    const rows = agencyRows(areas, 5, 8);
    const keys = [...new Set(rows.map((r) => r[0]))];
    const fileOrder = [...keys].reverse();
    const id = await upload(agencyCsv(fileOrder.flatMap((key) => rows.filter((r) => r[0] === key))), 'menages-ordre.csv');
    const mapping = { members: { householdKey: 'N° ménage', areaLevel1: 'Province', areaLevel2: 'Commune', areaLevel3: 'Colline', fullName: 'Nom et prénom', sex: 'Sexe', birthDate: 'Date de naissance', relationship: 'Lien avec le chef' } };
    const report = await runImport({ membersUploadId: id, mapping, options });
    expect(report.errors).toEqual([]);
    expect(report.householdsCreated).toBe(5);
    const created = await sql<{ external_id: string }>(api.databaseUrl, `SELECT external_id FROM registry.household WHERE external_id = ANY($1) ORDER BY code`, [keys]);
    expect(created.map((h) => h.external_id)).toEqual(fileOrder);
  });

  it('gives every household a code in one format, whether it came from the demo data or an import', async () => {
    const [{ other, total }] = await sql<{ other: number; total: number }>(api.databaseUrl, `SELECT count(*) FILTER (WHERE code !~ '^HH[0-9]{10}$')::int AS other, count(*)::int AS total FROM registry.household`);
    expect(total).toBeGreaterThan(250);
    expect(other).toBe(0);
  });

  it('refuses one column mapped to two fields, and options it does not understand', async () => {
    const id = await upload(agencyCsv(agencyRows(areas, 1, 3)), 'x.csv');
    const twice = await api.graphql('mutation($input: StartRegistryImportInput!) { startRegistryImport(input: $input) { id } }', {
      input: { layout: 'ONE_FILE', membersUploadId: id, mode: 'ALL_OR_NOTHING', validateOnly: true, options, mapping: { members: { householdKey: 'N° ménage', areaLevel1: 'Province', givenName: 'Nom et prénom', familyName: 'Nom et prénom', sex: 'Sexe', relationship: 'Lien avec le chef' } } },
    });
    expect(twice.errors![0].message).toBe('The column "Nom et prénom" of the members file is mapped to two fields; map a full-name column to "Full name" to split it.');
    const bad = await api.graphql('mutation($input: StartRegistryImportInput!) { startRegistryImport(input: $input) { id } }', {
      input: { layout: 'ONE_FILE', membersUploadId: id, mode: 'ALL_OR_NOTHING', validateOnly: true, options: { read: { members: { separator: '#' } } }, mapping: { members: {} } },
    });
    expect(bad.errors![0].extensions!['code']).toBe('BAD_USER_INPUT');
  });

  it('imports the Excel version of the file, with blank cells, a title sheet first and dates stored as numbers, identically', async () => {
    const rows = agencyRows(areas, 6, 4);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['Export du registre']);
    const sheet = workbook.addWorksheet('Ménages');
    sheet.addRow(AGENCY_HEADER);
    for (const row of rows) {
      const [d, m, y] = row[6].split('/').map(Number);
      // blank cells stay empty (no value at all), the date is a real Excel date, the CNI a number where it can be
      sheet.addRow(row.map((v, i) => (i === 6 ? new Date(Date.UTC(y, m - 1, d)) : v === '' ? null : v)));
    }
    sheet.getColumn(7).numFmt = 'dd/mm/yyyy';
    const id = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), 'menages.xlsx');
    const first = (await api.graphql<{ importFilePreview: { sheets: string[]; sheet: string; headers: string[] } }>(PREVIEW, { id })).data!.importFilePreview;
    expect(first).toMatchObject({ sheets: ['Notes', 'Ménages'], sheet: 'Notes', headers: ['Export du registre'] });
    const preview = (await api.graphql<{ importFilePreview: { headers: string[]; rows: string[][]; suggestedMapping: Record<string, string> } }>(PREVIEW, { id, read: { sheet: 'Ménages' } })).data!.importFilePreview;
    expect(preview.headers).toEqual(AGENCY_HEADER);
    expect(preview.rows[2][10]).toBe('');
    const { disability: _d, ...suggested } = preview.suggestedMapping;
    const report = await runImport({ membersUploadId: id, mapping: { members: { ...suggested, 'extra.handicap': 'Handicap' } }, options: { ...options, read: { members: { sheet: 'Ménages' } } } });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ householdsCreated: 6, individualsCreated: rows.length });
    const [head] = await sql<{ family_name: string; birth_date: string }>(api.databaseUrl, `SELECT i.family_name, i.birth_date::text FROM registry.individual i WHERE i.external_id = 'M4-0004/1'`);
    expect(head).toEqual({ family_name: 'Ndayishimiye4', birth_date: '1964-05-05' });
  });
});
