import { ValidationPipe } from '@nestjs/common';
import { coreDefinition, JobRunner, JobService } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { Client } from 'pg';
import { geoDefinition } from './geo.definition';

const AREA_FIELDS = 'id code name nameEn nameFr namePt version isActive parentId childCount level { code depth name } ancestors { code }';

interface Area {
  id: string;
  code: string;
  name: string;
  version: number;
  childCount: number;
  parentId: string | null;
  level: { code: string; depth: number; name: string };
  ancestors: { code: string }[];
}

describe('geo module', () => {
  let api: TestApi;
  let levels: Record<string, string>;

  const countAreas = async () => (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM geo.admin_area'))[0].n;
  const byCode = async (code: string) => {
    const result = await api.graphql<{ adminAreas: { edges: { node: Area }[] } }>(`query($s: String) { adminAreas(first: 1, filter: { search: $s }) { edges { node { ${AREA_FIELDS} } } } }`, { s: code });
    return result.data!.adminAreas.edges.find((e) => e.node.code === code)?.node;
  };
  const uploadCsv = async (csv: string, name = 'areas.csv', token?: string): Promise<string> => {
    const res = await fetch(`${api.url}/api/geo/imports/uploads?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { authorization: `Bearer ${token ?? api.adminToken}` }, body: csv });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const importCsv = async (csv: string, lang = 'en', validateOnly = false) => {
    const started = await api.graphql<{ importAdminAreas: { id: string; status: string } }>(
      'mutation($input: ImportAdminAreasInput!) { importAdminAreas(input: $input) { id status } }',
      { input: { uploadId: await uploadCsv(csv), validateOnly } },
    );
    expect(started.errors).toBeUndefined();
    expect(started.data!.importAdminAreas.status).toBe('QUEUED');
    await api.drainJobs();
    const report = await api.graphql<{ adminAreaImportReport: { status: string; totalRows: number; created: number; updated: number; errorCount: number; errors: { line: number; column: string; code: string; message: string }[] } }>(
      `query($id: ID!) { adminAreaImportReport(jobId: $id) { status totalRows created updated validateOnly errorCount errors { line column code message } } }`,
      { id: started.data!.importAdminAreas.id },
      { lang },
    );
    return report.data!.adminAreaImportReport;
  };

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition], { DEMO_DATA: 'true', JOB_RETRY_BASE_MS: '50' });
    const result = await api.graphql<{ adminLevels: { id: string; code: string }[] }>('{ adminLevels { id code depth name } }');
    levels = Object.fromEntries(result.data!.adminLevels.map((l) => [l.code, l.id]));
  });

  afterAll(() => api?.stop());

  it('seeds the demo hierarchy with levels and names in three languages', async () => {
    expect(Object.keys(levels)).toEqual(['country', 'province', 'district', 'village']);
    const roots = await api.graphql<{ adminAreas: { totalCount: number; edges: { node: Area }[] } }>(
      `{ adminAreas(filter: { rootsOnly: true }) { totalCount edges { node { ${AREA_FIELDS} } } } }`,
      {},
      { lang: 'pt' },
    );
    expect(roots.data!.adminAreas.totalCount).toBe(1);
    expect(roots.data!.adminAreas.edges[0].node).toMatchObject({ code: 'DL', name: 'Demolândia', childCount: 5, level: { code: 'country', name: 'País' } });
    expect(await countAreas()).toBe(1 + 5 + 20 + 160);
  });

  it('browses children with cursor pagination and exact counts', async () => {
    const root = (await byCode('DL'))!;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const result: { data?: { adminAreas: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: Area }[] } } } = await api.graphql(
        `query($parent: ID, $after: String) { adminAreas(first: 2, after: $after, filter: { parentId: $parent }) { totalCount pageInfo { hasNextPage endCursor } edges { node { code ancestors { code } } } } }`,
        { parent: root.id, after },
      );
      const connection = result.data!.adminAreas;
      expect(connection.totalCount).toBe(5);
      seen.push(...connection.edges.map((e) => e.node.code));
      expect(connection.edges.every((e) => e.node.ancestors.map((a) => a.code).join() === 'DL')).toBe(true);
      after = connection.pageInfo.endCursor;
      expect(connection.pageInfo.hasNextPage).toBe(page < 2);
    }
    expect(seen).toEqual(['DL-01', 'DL-02', 'DL-03', 'DL-04', 'DL-05']);
  });

  it('serves a 50-row page with nested fields in four SQL statements, validating only the root arguments', async () => {
    const statements = jest.spyOn(Client.prototype, 'query');
    const pipes = jest.spyOn(ValidationPipe.prototype, 'transform');
    try {
      const page = await api.graphql<{ adminAreas: { edges: { node: { code: string; parent: { code: string } | null; level: { code: string }; childCount: number } }[] } }>(
        '{ adminAreas(first: 50) { edges { node { id code name level { code name } parent { code } childCount } } } }',
      );
      expect(page.data!.adminAreas.edges).toHaveLength(50);
      expect(page.data!.adminAreas.edges[1].node).toMatchObject({ code: 'DL-01', parent: { code: 'DL' }, level: { code: 'province' }, childCount: 4 });
      // authentication, the page, its levels and its child counts; the parents are on the page already
      expect(statements).toHaveBeenCalledTimes(4);
      // the root operation's two parameters go through the pipes; the field resolvers are handed to
      // GraphQL as they are, with nothing run per field
      expect(pipes).toHaveBeenCalledTimes(2);
    } finally {
      statements.mockRestore();
      pipes.mockRestore();
    }
  });

  it('searches by code prefix and by name ignoring accents and case', async () => {
    const villages = await sql<{ name_en: string }>(api.databaseUrl, `SELECT name_en FROM geo.admin_area WHERE name_en ~ '[éèêõãáô]' LIMIT 1`);
    const accented = villages[0].name_en;
    const plain = accented.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
    const found = await api.graphql<{ adminAreas: { edges: { node: Area }[] } }>(`query($s: String) { adminAreas(first: 50, filter: { search: $s }) { edges { node { name } } } }`, { s: plain });
    expect(found.data!.adminAreas.edges.map((e) => e.node.name)).toContain(accented);
    const prefix = await api.graphql<{ adminAreas: { totalCount: number } }>(`{ adminAreas(filter: { search: "dl-02-0" }) { totalCount } }`);
    expect(prefix.data!.adminAreas.totalCount).toBe(4 + 4 * 8);
  });

  it('creates, edits with optimistic locking and deletes an area', async () => {
    const province = (await byCode('DL-01'))!;
    const created = await api.graphql<{ createAdminArea: Area }>(
      `mutation($input: CreateAdminAreaInput!) { createAdminArea(input: $input) { ${AREA_FIELDS} } }`,
      { input: { code: 'DL-01-99', levelId: levels.district, parentId: province.id, nameEn: 'New district', nameFr: 'Nouveau district' } },
      { lang: 'fr' },
    );
    expect(created.errors).toBeUndefined();
    const area = created.data!.createAdminArea;
    expect(area).toMatchObject({ name: 'Nouveau district', parentId: province.id, version: 1, ancestors: [{ code: 'DL' }, { code: 'DL-01' }] });

    const update = 'mutation($input: UpdateAdminAreaInput!) { updateAdminArea(input: $input) { name version } }';
    const updated = await api.graphql<{ updateAdminArea: Area }>(update, { input: { id: area.id, version: 1, namePt: 'Novo distrito' } }, { lang: 'pt' });
    expect(updated.data!.updateAdminArea).toEqual({ name: 'Novo distrito', version: 2 });
    const stale = await api.graphql(update, { input: { id: area.id, version: 1, nameEn: 'Lost update' } });
    expect(stale.errors![0]).toMatchObject({ message: 'This record was changed by someone else. Reload it and try again.', extensions: { code: 'CONFLICT' } });

    const refused = await api.graphql('mutation($id: ID!) { deleteAdminArea(id: $id) }', { id: province.id }, { lang: 'fr' });
    expect(refused.errors![0].message).toBe('Cette zone contient 5 autre(s) zone(s) ; supprimez-les ou déplacez-les d’abord.');
    const deleted = await api.graphql<{ deleteAdminArea: boolean }>('mutation($id: ID!) { deleteAdminArea(id: $id) }', { id: area.id });
    expect(deleted.data!.deleteAdminArea).toBe(true);
    expect(await byCode('DL-01-99')).toBeUndefined();
  });

  it('refuses invalid input with translated field errors and changes nothing', async () => {
    const before = await countAreas();
    const root = (await byCode('DL'))!;
    const invalid = await api.graphql(
      `mutation($input: CreateAdminAreaInput!) { createAdminArea(input: $input) { id } }`,
      { input: { code: 'bad code!', levelId: levels.province, parentId: root.id, nameEn: 'x'.repeat(201) } },
      { lang: 'fr' },
    );
    expect(invalid.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [
        { field: 'code', message: 'a un format invalide' },
        { field: 'nameEn', message: 'doit contenir au plus 200 caractères' },
      ],
    });
    const duplicate = await api.graphql(
      `mutation($input: CreateAdminAreaInput!) { createAdminArea(input: $input) { id } }`,
      { input: { code: 'DL-02', levelId: levels.province, parentId: root.id, nameEn: 'Copy' } },
      { lang: 'pt' },
    );
    expect(duplicate.errors![0]).toMatchObject({ message: 'Outra área já usa o código «DL-02».', extensions: { code: 'CONFLICT' } });
    const wrongLevel = await api.graphql(
      `mutation($input: CreateAdminAreaInput!) { createAdminArea(input: $input) { id } }`,
      { input: { code: 'DL-77', levelId: levels.village, parentId: root.id, nameEn: 'Village under the country' } },
    );
    expect(wrongLevel.errors![0].message).toBe('Some fields are not valid. parentId: The parent must be one level above (level 2).');
    const unknownField = await api.graphql(`mutation { createAdminArea(input: { code: "X", levelId: "${levels.country}", nameEn: "X", colour: "red" }) { id } }`);
    expect(unknownField.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(await countAreas()).toBe(before);
  });

  it('imports a whole hierarchy from CSV, and re-importing it changes nothing', async () => {
    const csv = [
      'level,code,parent_code,name_en,name_fr,name_pt',
      'province,DL-10,DL,Islands Province,Province des Îles,Província das Ilhas',
      'district,DL-10-01,DL-10,Ilha Grande,Île Grande,Ilha Grande',
      'village,DL-10-01-001,DL-10-01,São João,Saint-Jean,São João',
      'village,DL-10-01-002,DL-10-01,Nossa Senhora,Notre-Dame,Nossa Senhora',
    ].join('\n');
    const first = await importCsv(csv);
    expect(first).toMatchObject({ status: 'COMPLETED', totalRows: 4, created: 4, updated: 0, errorCount: 0, errors: [] });
    const village = (await byCode('DL-10-01-002'))!;
    expect(village.ancestors.map((a) => a.code)).toEqual(['DL', 'DL-10', 'DL-10-01']);
    const [{ path }] = await sql<{ path: string }>(api.databaseUrl, 'SELECT path FROM geo.admin_area WHERE code = $1', ['DL-10-01-002']);
    expect(path.split('/').filter(Boolean)).toHaveLength(4);

    const again = await importCsv(csv);
    expect(again).toMatchObject({ status: 'COMPLETED', created: 0, updated: 0 });
    const renamed = await importCsv(csv.replace('Nossa Senhora,Notre-Dame', 'Nossa Senhora da Luz,Notre-Dame'));
    expect(renamed).toMatchObject({ created: 0, updated: 1 });
  });

  it('an import taken over after its process died past the commit writes nothing again and reports what was written', async () => {
    const csv = ['level,code,parent_code,name_en,name_fr,name_pt', 'province,DL-11,DL,Lakes Province,Province des Lacs,Província dos Lagos'].join('\n');
    const started = await api.graphql<{ importAdminAreas: { id: string } }>('mutation($input: ImportAdminAreasInput!) { importAdminAreas(input: $input) { id } }', { input: { uploadId: await uploadCsv(csv) } });
    const jobId = started.data!.importAdminAreas.id;
    await api.drainJobs();
    await sql(api.databaseUrl, `UPDATE core.job SET status = 'RUNNING', lease_owner = 'dead-process', lease_expires_at = now() - interval '1 second', finished_at = NULL WHERE id = $1`, [jobId]);
    expect(await api.app.get(JobRunner).recoverExpired()).toEqual({ requeued: 1, failed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await api.app.get(JobService).relay(null, 60_000);
    await api.drainJobs();
    const report = await api.graphql<{ adminAreaImportReport: { status: string; created: number } }>('query($id: ID!) { adminAreaImportReport(jobId: $id) { status created } }', { id: jobId });
    // a second write would report 0 created (the area exists) and audit the import twice
    expect(report.data!.adminAreaImportReport).toEqual({ status: 'COMPLETED', created: 1 });
    const [{ attempts }] = await sql<{ attempts: number }>(api.databaseUrl, 'SELECT attempts FROM core.job WHERE id = $1', [jobId]);
    expect(attempts).toBe(2);
    const audits = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM core.audit_log WHERE action = 'IMPORT' AND details->>'jobId' = $1`, [jobId]);
    expect(audits[0].n).toBe(1);
  });

  it('imports nothing when any line is invalid, and reports each line in the user’s language', async () => {
    const before = await sql(api.databaseUrl, 'SELECT id, code, name_en, version FROM geo.admin_area ORDER BY id');
    const csv = [
      'level,code,parent_code,name_en',
      'province,DL-20,DL,Valid province',
      'district,DL-20-01,DL-20,Valid district',
      'district,DL-20-02,DL-99,Orphan',
      'village,DL-20-01-001,DL-20-01,',
      'province,DL-01,DL,Renames an existing province but the file is rejected',
    ].join('\n');
    const report = await importCsv(csv, 'fr');
    expect(report).toMatchObject({ status: 'COMPLETED', totalRows: 5, created: 0, updated: 0, errorCount: 2 });
    expect(report.errors).toEqual([
      { line: 4, column: 'parent_code', code: 'unknownParent', message: 'Le parent « DL-99 » n’est ni dans le fichier ni dans le système.' },
      { line: 5, column: 'name_en', code: 'required', message: 'La colonne « name_en » ne doit pas être vide.' },
    ]);
    expect(await sql(api.databaseUrl, 'SELECT id, code, name_en, version FROM geo.admin_area ORDER BY id')).toEqual(before);
  });

  it('validates only, on request', async () => {
    const before = await countAreas();
    const report = await importCsv('level,code,parent_code,name_en\nprovince,DL-30,DL,Dry run\n', 'en', true);
    expect(report).toMatchObject({ status: 'COMPLETED', totalRows: 1, created: 0, errorCount: 0 });
    expect(await countAreas()).toBe(before);
  });

  it('takes the CSV as an uploaded file: refuses one too large or not text, and an upload of someone else, before queuing anything', async () => {
    const jobs = async () => (await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM core.job WHERE queue = 'geo.import'`))[0].n;
    const uploads = async () => (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM geo.import_upload'))[0].n;
    const before = { jobs: await jobs(), uploads: await uploads() };
    const post = (body: string | Buffer, token: string | null = api.adminToken, lang = 'en') =>
      fetch(`${api.url}/api/geo/imports/uploads?name=areas.csv`, { method: 'POST', headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'x-lang': lang }, body: typeof body === 'string' ? body : new Uint8Array(body) });
    const tooLarge = await post(`level,code,parent_code,name_en\n${'province,X,DL,Name\n'.repeat(1_500_000)}`);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', key: 'core.files.tooLarge', message: 'The file is larger than 25 MB; split it.' });
    const binary = await post(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]), api.adminToken, 'fr');
    expect(binary.status).toBe(415);
    expect(((await binary.json()) as { message: string }).message).toBe('Ce type de fichier n’est pas accepté. Acceptés : CSV.');
    expect((await post('level,code\n', null)).status).toBe(401);
    expect(await uploads()).toBe(before.uploads);

    // a user restricted to one province may not upload, and nobody may import another user's upload
    const role = await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code: 'geo-importer', name: 'Geo importer', permissions: ['geo.areas.view', 'geo.areas.import'] } });
    expect(role.errors).toBeUndefined();
    const [province] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM geo.admin_area WHERE code = 'DL-01'`);
    await api.createUser('geo-north', 'GeoNorth#2026-import', 'geo-importer', [province.id]);
    await api.createUser('geo-other', 'GeoOther#2026-import', 'geo-importer');
    const north = (await api.login('geo-north', 'GeoNorth#2026-import')).accessToken;
    const other = (await api.login('geo-other', 'GeoOther#2026-import')).accessToken;
    const refused = await post('level,code,parent_code,name_en\nprovince,DL-77,DL,North\n', north);
    expect(refused.status).toBe(403);
    const mine = await uploadCsv('level,code,parent_code,name_en\nprovince,DL-78,DL,Mine\n');
    const IMPORT = 'mutation($input: ImportAdminAreasInput!) { importAdminAreas(input: $input) { id } }';
    const stolen = await api.graphql(IMPORT, { input: { uploadId: mine } }, { token: other });
    expect(stolen.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'uploadId', message: 'The uploaded file was not found; upload it again.' }] });
    const text = await api.graphql(IMPORT, { input: { csv: 'level,code\n' } });
    expect(text.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(await jobs()).toBe(before.jobs);
    // the job carries the upload's id, not its text
    const own = await api.graphql<{ importAdminAreas: { id: string } }>(IMPORT, { input: { uploadId: mine, validateOnly: true } });
    const [job] = await sql<{ payload: Record<string, unknown> }>(api.databaseUrl, `SELECT payload FROM core.job WHERE id = $1`, [own.data!.importAdminAreas.id]);
    expect(job.payload).toEqual({ uploadId: mine, fileName: 'areas.csv', validateOnly: true });
    await api.drainJobs();
  });
});
