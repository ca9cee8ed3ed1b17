import { coreDefinition, JobRunner, JobService } from '@coremis/core';
import { eventually, sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { DuplicateDetectionService } from '../duplicates/duplicate-detection.service';
import { registryDefinition } from '../registry.definition';

interface Report {
  status: string;
  setupError: string | null;
  householdRows: number;
  memberRows: number;
  householdsCreated: number;
  householdsUpdated: number;
  householdsRejected: number;
  individualsCreated: number;
  individualsUpdated: number;
  errorCount: number;
  errors: { file: string; line: number; householdKey: string | null; field: string | null; code: string; message: string }[];
  errorReportUrl: string;
}

const HEADER = 'hh_id,village,rooms,walls,person_id,first_name,last_name,sex,dob,relation,phone,id_type,id_number';
const ONE_FILE_MAPPING = {
  members: {
    householdKey: 'hh_id',
    areaCode: 'village',
    rooms: 'rooms',
    wallMaterial: 'walls',
    externalId: 'person_id',
    givenName: 'first_name',
    familyName: 'last_name',
    sex: 'sex',
    birthDate: 'dob',
    relationship: 'relation',
    phones: 'phone',
    documentType: 'id_type',
    documentNumber: 'id_number',
  },
};

const VALID = [
  HEADER,
  'T-1,DL-01-01-001,3,mud,T-1-1,Mohammed,Diallo,M,1980-04-02,HEAD,+255700000001,NATIONAL_ID,T100001',
  'T-1,DL-01-01-001,3,mud,T-1-2,Aïcha,Diallo,F,1984-11-30,SPOUSE,,NATIONAL_ID,T100002',
  'T-1,DL-01-01-001,3,mud,T-1-3,Musa,Diallo,male,2012-01-15,SON,,,',
  'T-2,DL-02-01-001,2,brick,T-2-1,João,Gonçalves,F,1975-07-07,HEAD,+255700000002|+255700000003,,',
  'T-2,DL-02-01-001,2,brick,T-2-2,Inês,Gonçalves,F,2001-02-28,DAUGHTER,,BIRTH_CERTIFICATE,BC-77',
].join('\n');

describe('registry import', () => {
  let api: TestApi;

  const count = async (table: string) => (await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM registry.${table}`))[0].n;
  const counts = async () => ({ households: await count('household'), individuals: await count('individual'), memberships: await count('membership'), documents: await count('individual_document') });

  const upload = async (content: string | Buffer, name = 'file.csv', token = api.adminToken): Promise<string> => {
    const res = await fetch(`${api.url}/api/registry/imports/uploads?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: typeof content === 'string' ? content : new Uint8Array(content),
    });
    const body = (await res.json()) as { id: string };
    expect(res.status).toBe(201);
    return body.id;
  };

  const runImport = async (input: Record<string, unknown>, options: { lang?: string; token?: string } = {}): Promise<Report> => {
    const started = await api.graphql<{ startRegistryImport: { id: string } }>('mutation($input: StartRegistryImportInput!) { startRegistryImport(input: $input) { id } }', { input: { validateOnly: false, checkDuplicates: false, ...input } }, options);
    expect(started.errors).toBeUndefined();
    await api.drainJobs();
    const report = await api.graphql<{ registryImportReport: Report }>(
      `query($id: ID!) { registryImportReport(jobId: $id) { status setupError householdRows memberRows householdsCreated householdsUpdated householdsRejected individualsCreated individualsUpdated errorCount errors { file line householdKey field code message } errorReportUrl } }`,
      { id: started.data!.startRegistryImport.id },
      options,
    );
    expect(report.errors).toBeUndefined();
    return report.data!.registryImportReport;
  };

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition], { DEMO_DATA: 'true', JOB_RETRY_BASE_MS: '50' });
  });

  afterAll(() => api?.stop());

  it('seeds a demo registry with households, members, documents and photos', async () => {
    const c = await counts();
    expect(c.households).toBeGreaterThan(250);
    expect(c.individuals).toBe(1400);
    expect(c.memberships).toBe(1400);
    const [{ n }] = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM registry.individual WHERE relationship = 'HEAD' AND photo_file_id IS NOT NULL`);
    expect(n).toBe(c.households);
  });

  it('reports every bad row, in the reader’s language, and writes nothing in all-or-nothing mode', async () => {
    const before = await counts();
    const bad = [
      HEADER,
      'B-1,DL-01-01-001,3,mud,B-1-1,Ali,Sow,M,1980-02-30,HEAD,12,,',
      'B-1,DL-01-01-001,3,mud,B-1-2,,Sow,X,2090-01-01,WIFE,,NATIONAL_ID,',
      'B-2,NOWHERE,99,glass,B-2-1,Zara,Bello,F,1990-01-01,SPOUSE,,,',
      'B-3,DL-01-01-001,,,B-3-1,Omar,Sani,M,1970-01-01,HEAD,,NATIONAL_ID,T100001',
      'B-3,DL-01-01-001,,,B-3-1,Omar,Sani,M,1970-01-01,SON,,,',
      'B-4,DL-01-01-002,,,B-4-1,Yusuf,Haruna,M,1960-05-05,HEAD,,,',
    ].join('\n');
    const id = await upload(bad);
    const report = await runImport({ layout: 'ONE_FILE', membersUploadId: id, mapping: ONE_FILE_MAPPING, mode: 'ALL_OR_NOTHING' });
    expect(report.status).toBe('COMPLETED');
    expect(report.householdsCreated + report.individualsCreated).toBe(0);
    expect(report.errors.map((e) => [e.line, e.householdKey, e.field, e.code])).toEqual([
      [2, 'B-1', 'birthDate', 'invalidDate'],
      [2, 'B-1', 'phones', 'invalidPhone'],
      [3, 'B-1', 'birthDate', 'dateInFuture'],
      [3, 'B-1', 'documentNumber', 'documentIncomplete'],
      [3, 'B-1', 'givenName', 'required'],
      [3, 'B-1', 'relationship', 'invalidChoice'],
      [3, 'B-1', 'sex', 'invalidChoice'],
      [4, 'B-2', 'areaCode', 'unknownArea'],
      [4, 'B-2', 'relationship', 'noHead'],
      [4, 'B-2', 'rooms', 'outOfRange'],
      [4, 'B-2', 'wallMaterial', 'invalidChoice'],
      [6, 'B-3', 'externalId', 'duplicateExternalId'],
    ]);
    expect(report.errorCount).toBe(12);
    expect(report.householdsRejected).toBe(3);
    expect(report.errors.find((e) => e.code === 'invalidDate')!.message).toBe('Date of birth: "1980-02-30" is not a date (YYYY-MM-DD).');
    expect(await counts()).toEqual(before);

    const fr = await api.graphql<{ registryImportReport: Report }>(`query($id: ID!) { registryImportReport(jobId: $id) { errors { code message } } }`, { id: report.errorReportUrl.split('/')[4] }, { lang: 'fr' });
    expect(fr.data!.registryImportReport.errors[0].message).toBe('Date de naissance : « 1980-02-30 » n\'est pas une date (AAAA-MM-JJ).');

    // the full report downloads as CSV in the language asked for
    const csv = await fetch(`${api.url}${report.errorReportUrl.replace(/lang=\w+/, 'lang=pt')}`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Ficheiro,Linha,Agregado,Campo,Código,Mensagem');
    expect(lines).toHaveLength(13);
    expect(lines[1]).toContain('Data de nascimento: «1980-02-30» não é uma data (AAAA-MM-DD).');
  });

  it('imports valid households only, never half a household, when asked to', async () => {
    const before = await counts();
    const mixed = [VALID, 'B-9,DL-01-01-001,1,mud,B-9-1,Good,Person,F,1990-01-01,HEAD,,,', 'B-9,DL-01-01-001,1,mud,B-9-2,Bad,Person,F,not-a-date,DAUGHTER,,,'].join('\n');
    const report = await runImport({ layout: 'ONE_FILE', membersUploadId: await upload(mixed), mapping: ONE_FILE_MAPPING, mode: 'VALID_ONLY' });
    expect(report).toMatchObject({ householdsCreated: 2, individualsCreated: 5, householdsRejected: 1, errorCount: 1 });
    const after = await counts();
    expect(after).toEqual({ households: before.households + 2, individuals: before.individuals + 5, memberships: before.memberships + 5, documents: before.documents + 3 });
    const rows = await sql<{ external_id: string; given_key: string; phones: string[]; household: string; relationship: string; birth_date: string }>(
      api.databaseUrl,
      `SELECT i.external_id, i.given_key, i.phones, h.external_id AS household, i.relationship, i.birth_date::text FROM registry.individual i JOIN registry.household h ON h.id = i.household_id WHERE h.external_id IN ('T-1', 'T-2', 'B-9') ORDER BY i.external_id`,
    );
    expect(rows.map((r) => r.external_id)).toEqual(['T-1-1', 'T-1-2', 'T-1-3', 'T-2-1', 'T-2-2']);
    expect(rows[0]).toMatchObject({ given_key: 'MHMT', relationship: 'HEAD', birth_date: '1980-04-02' });
    expect(rows[3].phones).toEqual(['+255700000002', '+255700000003']);
  });

  it('gives the people, memberships and documents it writes version 7 ids: unique, in time order, with the version and variant bits', async () => {
    const imported = await sql<{ id: string }>(
      api.databaseUrl,
      `SELECT id::text FROM registry.individual WHERE import_job_id IS NOT NULL
       UNION ALL SELECT m.id::text FROM registry.membership m JOIN registry.individual i ON i.id = m.individual_id WHERE i.import_job_id IS NOT NULL
       UNION ALL SELECT d.id::text FROM registry.individual_document d JOIN registry.individual i ON i.id = d.individual_id WHERE i.import_job_id IS NOT NULL`,
    );
    expect(imported.length).toBeGreaterThan(3);
    for (const { id } of imported) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // the bulk generator on its own: 200,000 ids in one statement, all distinct, the time prefix never going back
    const [generated] = await sql<{ total: number; distinct: number; backwards: number; wrong: number; lowBitsZero: number }>(
      api.databaseUrl,
      `SELECT count(*)::int AS total, count(DISTINCT u)::int AS distinct,
              count(*) FILTER (WHERE left(u::text, 13) < left(prev::text, 13))::int AS backwards,
              count(*) FILTER (WHERE u::text !~ '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')::int AS wrong,
              count(*) FILTER (WHERE right(u::text, 3) = '000')::int AS "lowBitsZero"
         FROM (SELECT u, lag(u) OVER (ORDER BY n) AS prev FROM (SELECT n, core.uuid_v7_bulk() AS u FROM generate_series(1, 200000) n) g) x`,
    );
    expect(generated).toEqual({ total: 200000, distinct: 200000, backwards: 0, wrong: 0, lowBitsZero: expect.any(Number) });
    // every random bit is used: the last three hex digits are 000 about once in 4,096 ids, not always
    expect(generated.lowBitsZero).toBeLessThan(200);
  });

  it('is idempotent on external ids: the same file again changes nothing, a changed file updates', async () => {
    const before = await counts();
    const again = await runImport({ layout: 'ONE_FILE', membersUploadId: await upload(VALID), mapping: ONE_FILE_MAPPING, mode: 'ALL_OR_NOTHING' });
    expect(again).toMatchObject({ errorCount: 0, householdsCreated: 0, householdsUpdated: 0, individualsCreated: 0, individualsUpdated: 0 });
    expect(await counts()).toEqual(before);

    // Inês becomes head of household T-2 and João moves to T-1 as a relative: history keeps both periods
    const changed = VALID.replace('T-2,DL-02-01-001,2,brick,T-2-1,João,Gonçalves,F,1975-07-07,HEAD', 'T-1,DL-01-01-001,3,mud,T-2-1,João,Gonçalves,F,1975-07-07,OTHER_RELATIVE').replace('BC-77', 'BC-77').replace('2001-02-28,DAUGHTER', '2001-02-28,HEAD');
    const update = await runImport({ layout: 'ONE_FILE', membersUploadId: await upload(changed), mapping: ONE_FILE_MAPPING, mode: 'ALL_OR_NOTHING' });
    expect(update.errors).toEqual([]);
    expect(update).toMatchObject({ householdsCreated: 0, individualsCreated: 0, individualsUpdated: 2 });
    const periods = await sql<{ household: string; relationship: string; ended: boolean }>(
      api.databaseUrl,
      `SELECT h.external_id AS household, m.relationship, m.ended_at IS NOT NULL AS ended FROM registry.membership m JOIN registry.individual i ON i.id = m.individual_id JOIN registry.household h ON h.id = m.household_id WHERE i.external_id = 'T-2-1' ORDER BY m.started_at, m.ended_at NULLS LAST`,
    );
    expect(periods).toEqual([
      { household: 'T-2', relationship: 'HEAD', ended: true },
      { household: 'T-1', relationship: 'OTHER_RELATIVE', ended: false },
    ]);
  });

  it('counts the registered members a file leaves out: a second head is refused, a new relative joins the registered head', async () => {
    const before = await counts();
    const secondHead = [HEADER, 'T-1,DL-01-01-001,3,mud,T-1-9,Binta,Diallo,F,1990-06-06,HEAD,,,'].join('\n');
    const refused = await runImport({ layout: 'ONE_FILE', membersUploadId: await upload(secondHead), mapping: ONE_FILE_MAPPING, mode: 'ALL_OR_NOTHING' });
    expect(refused.errors.map((e) => [e.line, e.householdKey, e.field, e.code])).toEqual([[2, 'T-1', 'relationship', 'severalHeads']]);
    expect(await counts()).toEqual(before);

    const relative = [HEADER, 'T-1,DL-01-01-001,3,mud,T-1-9,Binta,Diallo,F,1990-06-06,DAUGHTER,,,'].join('\n');
    const joined = await runImport({ layout: 'ONE_FILE', membersUploadId: await upload(relative), mapping: ONE_FILE_MAPPING, mode: 'ALL_OR_NOTHING' });
    expect(joined).toMatchObject({ errorCount: 0, householdsCreated: 0, individualsCreated: 1, individualsUpdated: 0 });
    expect(await counts()).toEqual({ ...before, individuals: before.individuals + 1, memberships: before.memberships + 1 });
    // every step is timed in the job's result, those after the commit included
    const [job] = await sql<{ steps: string[] }>(api.databaseUrl, `SELECT array(SELECT jsonb_object_keys(result->'timings') ORDER BY 1) AS steps FROM core.job WHERE id = $1`, [joined.errorReportUrl.split('/')[4]]);
    expect(job.steps).toEqual(['commit', 'copy', 'indexes', 'merge', 'stage', 'validate']);

    // repeats inside one file: the second use of an external id or of a document number names the first line
    const repeats = [
      HEADER,
      'Q-1,DL-01-01-001,1,mud,Q-1-1,Ali,Bah,M,1980-01-01,HEAD,,NATIONAL_ID,Q555',
      'Q-1,DL-01-01-001,1,mud,Q-1-2,Awa,Bah,F,1982-01-01,SPOUSE,,NATIONAL_ID,Q555',
      'Q-1,DL-01-01-001,1,mud,Q-1-1,Sidi,Bah,M,2010-01-01,SON,,BIRTH_CERTIFICATE,Q555',
    ].join('\n');
    const repeated = await runImport({ layout: 'ONE_FILE', membersUploadId: await upload(repeats), mapping: ONE_FILE_MAPPING, mode: 'ALL_OR_NOTHING' });
    expect(repeated.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [3, 'documentNumber', 'documentRepeated'],
      [4, 'externalId', 'duplicateExternalId'],
    ]);
  });

  it('never fails an import whose merge committed: a failed duplicate check is a warning, and a run taken over after a crash does not merge again', async () => {
    const file = [HEADER, 'R-1,DL-01-01-001,2,mud,R-1-1,Kofi,Mensah,M,1970-03-03,HEAD,,,', 'R-1,DL-01-01-001,2,mud,R-1-2,Ama,Mensah,F,1972-05-05,SPOUSE,,,'].join('\n');
    const before = await counts();
    const detection = api.app.get(DuplicateDetectionService);
    const spy = jest.spyOn(detection, 'detectForBatch').mockRejectedValueOnce(new Error('the duplicate check lost its connection'));
    const started = await api.graphql<{ startRegistryImport: { id: string } }>('mutation($input: StartRegistryImportInput!) { startRegistryImport(input: $input) { id } }', {
      input: { layout: 'ONE_FILE', membersUploadId: await upload(file), mapping: ONE_FILE_MAPPING, mode: 'ALL_OR_NOTHING', validateOnly: false, checkDuplicates: true },
    });
    const jobId = started.data!.startRegistryImport.id;
    await api.drainJobs();
    spy.mockRestore();
    const REPORT = `query($id: ID!) { registryImportReport(jobId: $id) { status householdsCreated individualsCreated duplicateCandidates warnings } }`;
    const report = (await api.graphql<{ registryImportReport: Record<string, unknown> }>(REPORT, { id: jobId }, { lang: 'fr' })).data!.registryImportReport;
    expect(report).toEqual({
      status: 'COMPLETED',
      householdsCreated: 1,
      individualsCreated: 2,
      duplicateCandidates: null,
      warnings: ['Les ménages ont été importés, mais la recherche de doublons de ce lot n’est pas allée à son terme : relancez la détection des doublons.'],
    });
    expect(await counts()).toMatchObject({ households: before.households + 1, individuals: before.individuals + 2 });

    // the process died right after the commit: the job is RUNNING with an expired lease; recovery runs it again
    await sql(api.databaseUrl, `UPDATE core.job SET status = 'RUNNING', lease_owner = 'dead-process', lease_expires_at = now() - interval '1 second', finished_at = NULL WHERE id = $1`, [jobId]);
    expect(await api.app.get(JobRunner).recoverExpired()).toEqual({ requeued: 1, failed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await api.app.get(JobService).relay(null, 60_000);
    await api.drainJobs();
    const [job] = await sql<{ status: string; attempts: number }>(api.databaseUrl, 'SELECT status, attempts FROM core.job WHERE id = $1', [jobId]);
    expect(job).toEqual({ status: 'COMPLETED', attempts: 2 });
    // the committed outcome is reported as it was (a second merge would find nothing to create), audited once
    const again = (await api.graphql<{ registryImportReport: Record<string, unknown> }>(REPORT, { id: jobId })).data!.registryImportReport;
    expect(again).toMatchObject({ status: 'COMPLETED', householdsCreated: 1, individualsCreated: 2, warnings: [] });
    expect(await counts()).toMatchObject({ households: before.households + 1, individuals: before.individuals + 2 });
    const audits = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM core.audit_log WHERE action = 'IMPORT' AND details->>'jobId' = $1`, [jobId]);
    expect(audits[0].n).toBe(1);
  });

  it('joins a households file and a members file on the household key, and reads Excel', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('households');
    sheet.addRow(['Household ID', 'Village', 'Latitude', 'Longitude', 'Water']);
    sheet.addRow(['X-1', 'DL-03-01-001', -6.5, 35.1, 'borehole']);
    sheet.addRow(['X-2', 'DL-03-01-002', -6.6, 35.2, 'piped']);
    const households = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), 'households.xlsx');
    const members = await upload(['Household ID,Given name,Family name,Sex,Date of birth,Relationship', 'X-1,Neema,Mutua,F,1990-03-03,HEAD', 'X-2,Baraka,Otieno,M,1985-12-12,HEAD', 'X-2,Rehema,Otieno,F,1987-01-01,SPOUSE'].join('\n'), 'members.csv');
    const preview = await api.graphql<{ importFilePreview: { format: string; headers: string[]; rows: string[][]; suggestedMapping: Record<string, string> } }>(
      `query($id: ID!) { importFilePreview(uploadId: $id, layout: TWO_FILES, file: "households") { format headers rows suggestedMapping } }`,
      { id: households },
    );
    expect(preview.data!.importFilePreview).toMatchObject({ format: 'XLSX', headers: ['Household ID', 'Village', 'Latitude', 'Longitude', 'Water'], rows: [['X-1', 'DL-03-01-001', '-6.5', '35.1', 'borehole'], ['X-2', 'DL-03-01-002', '-6.6', '35.2', 'piped']] });
    expect(preview.data!.importFilePreview.suggestedMapping).toEqual({ householdKey: 'Household ID', areaCode: 'Village', latitude: 'Latitude', longitude: 'Longitude', waterSource: 'Water' });
    const memberPreview = await api.graphql<{ importFilePreview: { suggestedMapping: Record<string, string> } }>(`query($id: ID!) { importFilePreview(uploadId: $id, layout: TWO_FILES, file: "members") { suggestedMapping } }`, { id: members });
    const report = await runImport({
      layout: 'TWO_FILES',
      householdsUploadId: households,
      membersUploadId: members,
      mapping: { households: preview.data!.importFilePreview.suggestedMapping, members: memberPreview.data!.importFilePreview.suggestedMapping },
      mode: 'ALL_OR_NOTHING',
    });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ householdsCreated: 2, individualsCreated: 3 });
    const [x1] = await sql<{ water_source: string; latitude: string; members: number }>(api.databaseUrl, `SELECT water_source, latitude::text, (SELECT count(*)::int FROM registry.individual i WHERE i.household_id = h.id) AS members FROM registry.household h WHERE external_id = 'X-1'`);
    expect(x1).toEqual({ water_source: 'borehole', latitude: '-6.500000', members: 1 });
  });

  it('refuses a mapping that names a missing column or leaves a required field out, before starting', async () => {
    const id = await upload(VALID);
    const missing = await api.graphql('mutation($input: StartRegistryImportInput!) { startRegistryImport(input: $input) { id } }', {
      input: { layout: 'ONE_FILE', membersUploadId: id, mapping: { members: { ...ONE_FILE_MAPPING.members, givenName: 'prenom' } }, mode: 'ALL_OR_NOTHING', validateOnly: true },
    });
    expect(missing.errors![0].message).toBe('The column "prenom" mapped to Given name is not in the members file.');
    const { sex: _sex, ...withoutSex } = ONE_FILE_MAPPING.members;
    const unmapped = await api.graphql('mutation($input: StartRegistryImportInput!) { startRegistryImport(input: $input) { id } }', {
      input: { layout: 'ONE_FILE', membersUploadId: id, mapping: { members: withoutSex }, mode: 'ALL_OR_NOTHING', validateOnly: true },
    }, { lang: 'pt' });
    expect(unmapped.errors![0].message).toBe('Associe uma coluna do ficheiro dos membros ao campo obrigatório Sexo.');
  });

  it('keeps restricted users to their areas: imports outside are refused per row and households outside are invisible', async () => {
    const role = await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code: 'registrar', name: 'Registrar', permissions: ['registry.view', 'registry.import', 'registry.edit', 'registry.create'] } });
    expect(role.errors).toBeUndefined();
    const [north] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM geo.admin_area WHERE code = 'DL-01'`);
    await api.createUser('registrar-north', 'Registrar#2026-north', 'registrar', [north.id]);
    const { accessToken } = await api.login('registrar-north', 'Registrar#2026-north');
    const file = [HEADER, 'N-1,DL-01-02-001,1,mud,N-1-1,Sani,Bello,M,1970-01-01,HEAD,,,', 'N-2,DL-02-01-001,1,mud,N-2-1,Juma,Phiri,M,1970-01-01,HEAD,,,'].join('\n');
    const report = await runImport({ layout: 'ONE_FILE', membersUploadId: await upload(file, 'north.csv', accessToken), mapping: ONE_FILE_MAPPING, mode: 'VALID_ONLY' }, { token: accessToken });
    expect(report.errors.map((e) => [e.householdKey, e.code])).toEqual([['N-2', 'areaOutsideScope']]);
    expect(report.householdsCreated).toBe(1);

    const list = await api.graphql<{ households: { totalCount: number; edges: { node: { externalId: string; area: { code: string } } }[] } }>(`{ households(first: 500) { totalCount edges { node { externalId area { code } } } } }`, {}, { token: accessToken });
    const all = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM registry.household h JOIN geo.admin_area a ON a.id = h.area_id WHERE a.code LIKE 'DL-01-%'`);
    expect(list.data!.households.totalCount).toBe(all[0].n);
    expect(list.data!.households.edges.every((e) => e.node.area.code.startsWith('DL-01-'))).toBe(true);
    const [outside] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM registry.household WHERE external_id = 'T-2'`);
    const one = await api.graphql<{ household: unknown }>(`query($id: ID!) { household(id: $id) { id } }`, { id: outside.id }, { token: accessToken });
    expect(one.data!.household).toBeNull();
    const search = await api.graphql<{ individuals: { totalCount: number } }>(`{ individuals(filter: { search: "Ines Goncalves" }) { totalCount } }`, {}, { token: accessToken });
    expect(search.data!.individuals.totalCount).toBe(0);
    const adminSearch = await api.graphql<{ individuals: { edges: { node: { externalId: string } }[] } }>(`{ individuals(first: 500, filter: { search: "Ines Goncalves" }) { edges { node { externalId } } } }`);
    expect(adminSearch.data!.individuals.edges.map((e) => e.node.externalId)).toContain('T-2-2');

    // a document number already held: "taken" when the holder is in the importer's areas, "unavailable" (nothing
    // said of the holder) when not
    const held = async (prefix: string) =>
      (await sql<{ type: string; number: string }>(api.databaseUrl, `SELECT d.type, d.number FROM registry.individual_document d JOIN registry.individual i ON i.id = d.individual_id WHERE i.area_path LIKE $1 || '%' ORDER BY d.number LIMIT 1`, [prefix]))[0];
    const [{ path: northPath }] = await sql<{ path: string }>(api.databaseUrl, `SELECT path FROM geo.admin_area WHERE code = 'DL-01'`);
    const [{ path: southPath }] = await sql<{ path: string }>(api.databaseUrl, `SELECT path FROM geo.admin_area WHERE code = 'DL-02'`);
    const [mine, theirs] = [await held(northPath), await held(southPath)];
    const docs = [HEADER, `N-3,DL-01-02-001,1,mud,N-3-1,Musa,Bello,M,1971-01-01,HEAD,,${mine.type},${mine.number}`, `N-4,DL-01-02-001,1,mud,N-4-1,Issa,Bello,M,1972-01-01,HEAD,,${theirs.type},${theirs.number}`].join('\n');
    const taken = await runImport({ layout: 'ONE_FILE', membersUploadId: await upload(docs, 'docs.csv', accessToken), mapping: ONE_FILE_MAPPING, mode: 'VALID_ONLY' }, { token: accessToken });
    expect(taken.errors.map((e) => [e.householdKey, e.field, e.code])).toEqual([
      ['N-3', 'documentNumber', 'documentTaken'],
      ['N-4', 'documentNumber', 'documentUnavailable'],
    ]);
  });

  it('rebuilds the secondary indexes of a large batch instead of maintaining them row by row, and leaves them all in place', async () => {
    const indexes = async () => (await sql<{ name: string; def: string }>(api.databaseUrl, `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'registry' ORDER BY 1`)).map((r) => `${r.name}: ${r.def}`);
    const oid = async (name: string) => (await sql<{ oid: number }>(api.databaseUrl, `SELECT to_regclass($1)::oid::int AS oid`, [`registry.${name}`]))[0].oid;
    const before = await indexes();
    const [given, pkey] = [await oid('individual_given_idx'), await oid('individual_pkey')];
    process.env['REGISTRY_BULK_INDEX_THRESHOLD'] = '1';
    process.env['REGISTRY_BULK_INDEX_RATIO'] = '0';
    try {
      const file = [HEADER, 'K-1,DL-04-01-001,2,brick,K-1-1,Halima,Kamara,F,1979-09-09,HEAD,+255711111111,PASSPORT,KP-1', 'K-1,DL-04-01-001,2,brick,K-1-2,Omar,Kamara,M,2010-10-10,SON,,,'].join('\n');
      const report = await runImport({ layout: 'ONE_FILE', membersUploadId: await upload(file), mapping: ONE_FILE_MAPPING, mode: 'ALL_OR_NOTHING' });
      expect(report).toMatchObject({ errorCount: 0, householdsCreated: 1, individualsCreated: 2 });
    } finally {
      delete process.env['REGISTRY_BULK_INDEX_THRESHOLD'];
      delete process.env['REGISTRY_BULK_INDEX_RATIO'];
    }
    expect(await indexes()).toEqual(before);
    // rebuilt (a new index), the unique ones untouched
    expect(await oid('individual_given_idx')).not.toBe(given);
    expect(await oid('individual_pkey')).toBe(pkey);
    const found = await api.graphql<{ individuals: { edges: { node: { externalId: string } }[] } }>(`{ individuals(filter: { phone: "+255711111111" }) { edges { node { externalId } } } }`);
    expect(found.data!.individuals.edges.map((e) => e.node.externalId)).toEqual(['K-1-1']);
  });

  it('never registers a person without the document another import registered meanwhile: the attempt fails, its retry reports the row', async () => {
    const [holder] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM registry.individual ORDER BY id LIMIT 1`);
    const race = new Client({ connectionString: api.databaseUrl });
    await race.connect();
    try {
      // another transaction registers the number after this import's checks and before its commit
      await race.query('BEGIN');
      await race.query(`INSERT INTO registry.individual_document (individual_id, type, number) VALUES ($1, 'PASSPORT', 'RACE-7')`, [holder.id]);
      const file = [HEADER, 'RC-1,DL-04-01-001,2,brick,RC-1-1,Rosa,Race,F,1980-01-02,HEAD,,PASSPORT,RACE-7'].join('\n');
      const started = await api.graphql<{ startRegistryImport: { id: string } }>('mutation($input: StartRegistryImportInput!) { startRegistryImport(input: $input) { id } }', {
        input: { validateOnly: false, checkDuplicates: false, layout: 'ONE_FILE', membersUploadId: await upload(file), mapping: ONE_FILE_MAPPING, mode: 'ALL_OR_NOTHING' },
      });
      expect(started.errors).toBeUndefined();
      const draining = api.drainJobs();
      // the import's document insert waits on the other transaction's row
      await eventually(async () => {
        const waiting = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO registry.individual_document%'`);
        return waiting[0].n > 0 ? true : undefined;
      }, 30_000, 50);
      await race.query('COMMIT');
      await draining;
      // the failed attempt is retried after its backoff
      const report = await eventually(async () => {
        await api.drainJobs();
        const r = await api.graphql<{ registryImportReport: Report }>(
          `query($id: ID!) { registryImportReport(jobId: $id) { status individualsCreated errorCount errors { line field code } } }`,
          { id: started.data!.startRegistryImport.id },
        );
        return ['COMPLETED', 'FAILED'].includes(r.data!.registryImportReport.status) ? r : undefined;
      }, 30_000, 100);
      const [job] = await sql<{ attempts: number }>(api.databaseUrl, 'SELECT attempts FROM core.job WHERE id = $1', [started.data!.startRegistryImport.id]);
      expect(job.attempts).toBe(2);
      expect(report.data!.registryImportReport).toMatchObject({ individualsCreated: 0, errorCount: 1, errors: [expect.objectContaining({ line: 2, field: 'documentNumber', code: 'documentTaken' })] });
      expect(await sql(api.databaseUrl, `SELECT 1 FROM registry.individual WHERE external_id = 'RC-1-1'`)).toEqual([]);
    } finally {
      await race.end();
    }
  });

  it('leaves no broken reference or roster behind after all these imports', async () => {
    const result = await api.graphql<{ registryIntegrity: Record<string, number> }>('{ registryIntegrity { danglingHouseholdRefs danglingMemberships danglingDocuments householdsWithoutHead householdsWithSeveralHeads membershipMismatches } }');
    expect(result.data!.registryIntegrity).toEqual({ danglingHouseholdRefs: 0, danglingMemberships: 0, danglingDocuments: 0, householdsWithoutHead: 0, householdsWithSeveralHeads: 0, membershipMismatches: 0 });
  });

  it('finds people by name variants, accents and case, and by document or phone', async () => {
    const find = async (search: string) =>
      (await api.graphql<{ individuals: { edges: { node: { externalId: string } }[] } }>(`query($s: String) { individuals(first: 100, filter: { search: $s }) { edges { node { externalId } } } }`, { s: search })).data!.individuals.edges.map((e) => e.node.externalId);
    expect(await find('muhamad diallo')).toContain('T-1-1');
    expect(await find('AICHA')).toContain('T-1-2');
    expect(await find('Dialo Aïcha')).toContain('T-1-2');
    expect(await find('T100002')).toEqual(['T-1-2']);
    expect(await find('+255 700 000 003')).toEqual(['T-2-1']);
    const households = await api.graphql<{ households: { edges: { node: { externalId: string } }[] } }>(`{ households(first: 500, filter: { search: "mohamed diallo" }) { edges { node { externalId } } } }`);
    expect(households.data!.households.edges.map((e) => e.node.externalId)).toContain('T-1');
  });
});
