import ExcelJS from 'exceljs';
import { utimes } from 'node:fs/promises';
import { MODULE_CATALOGUE } from '@coremis/catalogue';
import { ExportService } from '@coremis/core';
import { eventually, sql, startTestApi, type TestApi } from '@coremis/core/testing';

const PASSWORD = 'Exports#2026-ok';
const START = 'mutation($input: StartExportInput!) { startExport(input: $input) { id status } }';

jest.setTimeout(120_000);

describe('exports of a list (CSV/XLSX through a job)', () => {
  let api: TestApi;
  let viewer: string;
  let otherAdmin: string;
  const download = (jobId: string, token = api.adminToken, lang = 'en') => fetch(`${api.url}/api/exports/${jobId}`, { headers: { authorization: `Bearer ${token}`, 'x-lang': lang } });
  /** The job is dispatched right after its transaction commits: wait for it to end. */
  const finished = (id: string) =>
    eventually(async () => {
      await api.drainJobs();
      const [row] = await sql<{ status: string }>(api.databaseUrl, `SELECT status FROM core.job WHERE id = $1`, [id]);
      return row && ['COMPLETED', 'FAILED'].includes(row.status) ? row.status : undefined;
    });
  const start = async (input: Record<string, unknown>, token = api.adminToken, lang = 'en') => api.graphql<{ startExport: { id: string; status: string } }>(START, { input }, { token, lang });

  beforeAll(async () => {
    api = await startTestApi(MODULE_CATALOGUE);
    expect((await api.graphql('mutation { saveRole(input: { code: "viewer", name: "Viewer", permissions: ["registry.view", "core.jobs.view"] }) { id } }')).errors).toBeUndefined();
    expect((await api.graphql('mutation { saveRole(input: { code: "user_admin", name: "User admin", permissions: ["core.users.manage", "core.jobs.view"] }) { id } }')).errors).toBeUndefined();
    await api.createUser('viewer', PASSWORD, 'viewer');
    await api.createUser('other-admin', PASSWORD, 'user_admin');
    viewer = (await api.login('viewer', PASSWORD)).accessToken;
    otherAdmin = (await api.login('other-admin', PASSWORD)).accessToken;
    for (const name of ['=cmd|calc', 'Zoé Ñ']) await api.createUser(name.replace(/[^a-z]/gi, '').toLowerCase() + '-x', PASSWORD, 'viewer');
    await sql(api.databaseUrl, `UPDATE core."user" SET display_name = '=HYPERLINK("x")' WHERE username = 'cmdcalc-x'`);
  });

  afterAll(() => api?.stop());

  it('writes the users list as CSV (formula-safe, headers in the language of the request), with progress, audited', async () => {
    const started = await start({ list: 'core.users', format: 'CSV', filter: { search: '-x' } }, api.adminToken, 'fr');
    expect(started.errors).toBeUndefined();
    expect(await finished(started.data!.startExport.id)).toBe('COMPLETED');
    const job = await api.graphql<{ job: { status: string; progress: number; result: { rows: number; fileName: string } } }>('query($id: ID!) { job(id: $id) { status progress result } }', { id: started.data!.startExport.id });
    expect(job.data!.job).toMatchObject({ status: 'COMPLETED', progress: 1, result: { rows: 2 } });
    const res = await download(started.data!.startExport.id);
    expect(res.headers.get('content-disposition')).toContain('core-users-');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Nom d’utilisateur,Nom,Courriel,Actif,Toutes les zones,Créé le');
    expect(lines[1]).toMatch(/^cmdcalc-x,"'=HYPERLINK\(""x""\)",,true,true,/);
    expect(lines).toHaveLength(4);
    const audit = await sql<{ details: { list: string } }>(api.databaseUrl, `SELECT details FROM core.audit_log WHERE action = 'EXPORT' AND entity_id = $1`, [started.data!.startExport.id]);
    expect(audit[0]!.details.list).toBe('core.users');
  });

  it('writes XLSX with the streaming writer, many batches along the keyset cursor', async () => {
    await sql(api.databaseUrl, `INSERT INTO core."user" (username, display_name, password_hash, role_ids) SELECT 'bulk-' || lpad(g::text, 4, '0'), 'Bulk ' || g, 'x', '{}' FROM generate_series(1, 1203) g`);
    const started = await start({ list: 'core.users', format: 'XLSX', filter: { search: 'bulk-' } });
    expect(await finished(started.data!.startExport.id)).toBe('COMPLETED');
    const res = await download(started.data!.startExport.id);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(1204);
    expect(sheet.getRow(1).getCell(1).value).toBe('User name');
    const names = sheet.getColumn(1).values.slice(2) as string[];
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(1203);
  });

  it('refuses without the list’s permission, an unknown list, and a bad filter (translated 4xx)', async () => {
    const forbidden = await start({ list: 'core.users', format: 'CSV' }, viewer);
    expect(forbidden.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const unknown = await start({ list: 'core.nothing', format: 'CSV' });
    expect(unknown.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const extraField = await start({ list: 'registry.households', format: 'CSV', filter: { bogus: 1 } }, viewer, 'fr');
    expect(extraField.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(extraField.errors![0]!.message).toContain('Certains champs ne sont pas valides.');
    expect(extraField.errors![0]!.extensions!.fieldErrors![0]!.field).toBe('filter.bogus');
    const badArea = await start({ list: 'registry.households', format: 'CSV', filter: { areaId: '00000000-0000-4000-8000-000000000000' } }, viewer, 'pt');
    expect(badArea.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const badDate = await start({ list: 'core.audit', format: 'CSV', filter: { from: 'yesterday' } });
    expect(badDate.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const badFormat = await api.graphql('mutation { startExport(input: { list: "core.users", format: PDF }) { id } }');
    expect(badFormat.status).toBe(400);
    expect(await sql(api.databaseUrl, `SELECT id FROM core.job WHERE queue = 'core.exports' AND created_by = (SELECT id FROM core."user" WHERE username = 'viewer')`)).toEqual([]);
  });

  it('gives the file to its owner only (an administrator also), and deletes it after the retention period', async () => {
    const started = await start({ list: 'registry.households', format: 'CSV' }, viewer);
    expect(started.errors).toBeUndefined();
    const id = started.data!.startExport.id;
    expect(await finished(id)).toBe('COMPLETED');
    expect((await download(id, viewer)).status).toBe(200);
    expect((await download(id, otherAdmin)).status).toBe(404);
    expect((await download(id)).status).toBe(200);
    const anonymous = await fetch(`${api.url}/api/exports/${id}`);
    expect(anonymous.status).toBe(401);
    const service = api.app.get(ExportService);
    const old = new Date(Date.now() - 25 * 3_600_000);
    await utimes(service.pathOf(id, 'CSV'), old, old);
    expect(await service.sweep()).toBeGreaterThanOrEqual(1);
    const gone = await download(id, viewer, 'fr');
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { message: string }).message).toContain('a expiré');
  });
});
