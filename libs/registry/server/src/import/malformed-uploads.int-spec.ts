import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { registryDefinition } from '../registry.definition';
import { deflatedRepeat, sheetXml, workbookOf, zipOf } from './xlsx-fixtures.testing';

const MAPPING = { members: { householdKey: 'hh', areaCode: 'village', givenName: 'first', familyName: 'last', sex: 'sex', birthDate: 'dob', relationship: 'relation' } };
const HEADER = 'hh,village,first,last,sex,dob,relation';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005000201e5274fb50000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('malformed and hostile uploads', () => {
  let api: TestApi;
  const uploadDir = mkdtempSync(join(tmpdir(), 'coremis-uploads-'));

  const send = async (content: string | Buffer, name: string, lang = 'en') => {
    const res = await fetch(`${api.url}/api/registry/imports/uploads?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': 'text/csv', 'x-lang': lang },
      body: typeof content === 'string' ? content : new Uint8Array(content),
    });
    return { status: res.status, body: (await res.json()) as { id?: string; format?: string; code?: string; key?: string; message?: string } };
  };
  const uploaded = async (content: string | Buffer, name: string) => {
    const res = await send(content, name);
    expect(res).toMatchObject({ status: 201 });
    return res.body.id!;
  };
  const uploadsKept = async () => (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM registry.import_upload'))[0].n;
  const preview = (id: string) => api.graphql<{ importFilePreview: { headers: string[]; rows: string[][] } }>(`query($id: ID!) { importFilePreview(uploadId: $id, layout: ONE_FILE, file: "members") { headers rows } }`, { id });
  const start = (id: string, lang = 'en') =>
    api.graphql<{ startRegistryImport: { id: string } }>('mutation($input: StartRegistryImportInput!) { startRegistryImport(input: $input) { id } }', { input: { layout: 'ONE_FILE', membersUploadId: id, mapping: MAPPING, mode: 'ALL_OR_NOTHING', validateOnly: false, checkDuplicates: false } }, { lang });

  beforeAll(async () => {
    process.env['UPLOAD_DIR'] = uploadDir;
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition], { DEMO_DATA: 'true' });
  });

  afterAll(async () => {
    await api?.stop();
    delete process.env['UPLOAD_DIR'];
    rmSync(uploadDir, { recursive: true, force: true });
  });

  it('recognises files by their content and refuses, with a translated 4xx and nothing kept, what is neither CSV text nor a workbook', async () => {
    const before = { rows: await uploadsKept(), files: readdirSync(uploadDir).length };
    const random = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 256));
    const cases: [string | Buffer, string, number, string][] = [
      ['', 'empty.csv', 422, 'core.files.empty'],
      [random, 'people.csv', 415, 'core.files.notText'],
      [PNG, 'people.csv', 415, 'core.files.unsupportedType'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n`, 'utf16le')]), 'people.csv', 422, 'core.files.utf16'],
      [Buffer.concat([Buffer.from(`${HEADER}\nH-1,DL-01-01-001,Ana,Silva,F,1990-01-01,HEAD\n`), Buffer.from([0])]), 'people.csv', 415, 'core.files.notText'],
      [zipOf([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]), 'people.xlsx', 415, 'registry.import.notAnXlsx'],
      [Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), random]), 'people.xlsx', 415, 'registry.import.notAnXlsx'],
    ];
    for (const [content, name, status, key] of cases) {
      const res = await send(content, name);
      expect({ name, key: res.body.key, status: res.status }).toEqual({ name, key, status });
      expect(res.body.message).not.toMatch(/^core\.|^registry\./);
    }
    // text that turns out not to be UTF-8 past the first bytes (a Windows-1252 "é" after 300 KB) is read as Windows-1252
    const latin = await send(Buffer.concat([Buffer.from(`${HEADER}\n${'H-1,DL-01-01-001,Ana,Silva,F,1990-01-01,HEAD\n'.repeat(7000)}`), Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x0a])]), 'people.csv');
    expect(latin.status).toBe(201);
    const encoding = await api.graphql<{ importFilePreview: { encoding: string } }>(`query($id: ID!) { importFilePreview(uploadId: $id, layout: ONE_FILE, file: "members") { encoding } }`, { id: latin.body.id });
    expect(encoding.data!.importFilePreview.encoding).toBe('WINDOWS1252');
    // the name does not decide either: text named .xlsx is CSV
    expect(await send(`${HEADER}\nH-1,DL-01-01-001,Ana,Silva,F,1990-01-01,HEAD\n`, 'people.xlsx')).toMatchObject({ status: 201, body: { format: 'CSV' } });
    expect(await uploadsKept()).toBe(before.rows + 2);
    expect(readdirSync(uploadDir)).toHaveLength(before.files + 2);
    const fr = await send(random, 'personnes.csv', 'fr');
    expect(fr.body.message).toBe('Ce fichier n’est pas du texte : un fichier CSV doit être du texte brut (UTF-8). Acceptés : CSV, XLSX.');
  });

  it('refuses the file sent as JSON, a form or multipart (what a browser form sends) with a 415 that says how to send it', async () => {
    const before = { rows: await uploadsKept(), files: readdirSync(uploadDir).length };
    const csv = `${HEADER}\nH-1,DL-01-01-001,Ana,Silva,F,1990-01-01,HEAD\n`;
    const bodies: [string, string][] = [
      ['application/json', JSON.stringify({ file: csv })],
      ['application/x-www-form-urlencoded', `file=${encodeURIComponent(csv)}`],
      ['multipart/form-data; boundary=XyZ', `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--XyZ--\r\n`],
    ];
    for (const [type, body] of bodies) {
      const res = await fetch(`${api.url}/api/registry/imports/uploads?name=people.csv`, { method: 'POST', headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': type, 'x-lang': 'pt' }, body });
      const answer = (await res.json()) as { key?: string; message?: string };
      expect({ type, status: res.status, key: answer.key }).toEqual({ type, status: 415, key: 'core.files.rawBodyExpected' });
      expect(answer.message).toMatch(/^Envie o próprio ficheiro como corpo do pedido/);
    }
    expect(await uploadsKept()).toBe(before.rows);
    expect(readdirSync(uploadDir)).toHaveLength(before.files);
  });

  it('refuses a header-only file before starting, and ends a job FAILED with a specific reason when the file breaks further down', async () => {
    const headerOnly = await start(await uploaded(`${HEADER}\r\n\r\n`, 'header.csv'));
    expect(headerOnly.errors![0]).toMatchObject({ message: 'The members file has a header but no rows.', extensions: { code: 'BAD_USER_INPUT' } });

    const rows = ['H-1,DL-01-01-001,Ana,Silva,F,1990-01-01,HEAD', ...Array.from({ length: 3000 }, (_, i) => `H-2,DL-01-01-001,P${i},Silva,F,1990-01-01,SON`)];
    const unterminated = await start(await uploaded([HEADER, ...rows, 'H-3,DL-01-01-001,"Never closed,Silva,F,1990-01-01,HEAD', 'H-4,DL-01-01-001,Ana,Silva,F,1990-01-01,HEAD'].join('\n'), 'quote.csv'), 'fr');
    expect(unterminated.errors).toBeUndefined();
    await api.drainJobs();
    const report = await api.graphql<{ registryImportReport: { status: string; setupError: string } }>(`query($id: ID!) { registryImportReport(jobId: $id) { status setupError } }`, { id: unterminated.data!.startRegistryImport.id }, { lang: 'pt' });
    expect(report.data!.registryImportReport.status).toBe('FAILED');
    expect(report.data!.registryImportReport.setupError).toMatch(/^O ficheiro dos membros tem um valor entre aspas que nunca termina .* a partir da linha \d+\.$/);
    const [job] = await sql<{ error_message: string }>(api.databaseUrl, 'SELECT error_message FROM core.job WHERE id = $1', [unterminated.data!.startRegistryImport.id]);
    expect(job.error_message).toMatch(/^The members file has a quoted value that never ends/);

    const ragged = await start(await uploaded([HEADER, 'H-1,DL-01-01-001,Ana,Silva,F,1990-01-01,HEAD,extra'].join('\n'), 'ragged.csv'));
    await api.drainJobs();
    const raggedReport = await api.graphql<{ registryImportReport: { status: string; setupError: string } }>(`query($id: ID!) { registryImportReport(jobId: $id) { status setupError } }`, { id: ragged.data!.startRegistryImport.id });
    expect(raggedReport.data!.registryImportReport).toEqual({ status: 'FAILED', setupError: 'Line 2 of the members file has more columns than its header.' });
  });

  it('reads a workbook whose cells carry no references positionally, end to end', async () => {
    const cells = (values: string[]) => `<row>${values.map((v) => `<c t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
    const sheet = sheetXml([HEADER.split(','), ['P-1', 'DL-01-01-001', 'Positional', 'Reader', 'F', '1991-02-03', 'HEAD']].map(cells).join(''));
    const id = await uploaded(workbookOf(sheet), 'positional.xlsx');
    expect((await preview(id)).data!.importFilePreview).toEqual({ headers: HEADER.split(','), rows: [['P-1', 'DL-01-01-001', 'Positional', 'Reader', 'F', '1991-02-03', 'HEAD']] });
    const started = await start(id);
    expect(started.errors).toBeUndefined();
    await api.drainJobs();
    const [person] = await sql<{ given_name: string }>(api.databaseUrl, `SELECT given_name FROM registry.individual WHERE family_name = 'Reader'`);
    expect(person).toEqual({ given_name: 'Positional' });
  });

  it('keeps memory bounded on a workbook whose one cell or shared string inflates to 300 MB, and on sizes that lie', async () => {
    const cellBomb = workbookOf(await deflatedRepeat('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>', 'A', 300, '</t></is></c></row></sheetData></worksheet>'));
    const stringBomb = workbookOf(sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), await deflatedRepeat('<sst><si><t>', 'A', 300, '</t></si></sst>'));
    const liar = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: await deflatedRepeat('<worksheet><sheetData>', ' ', 300, '</sheetData></worksheet>'), declaredSize: 2048 },
    ]);
    expect(cellBomb.length + stringBomb.length + liar.length).toBeLessThan(3 * 1024 * 1024);
    const before = process.memoryUsage();
    let peak = before.rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      for (const [content, key] of [
        [cellBomb, 'registry.import.xlsxCellTooLong'],
        [stringBomb, 'registry.import.xlsxCellTooLong'],
        [liar, 'registry.import.xlsxCorrupt'],
      ] as const) {
        const id = await uploaded(content, 'bomb.xlsx');
        const shown = await preview(id);
        expect(shown.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
        const started = await start(id);
        expect(started.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
        expect(started.errors![0].message).toBe(key === 'registry.import.xlsxCorrupt' ? 'This Excel workbook is damaged and cannot be read; open it in Excel and save it again.' : 'A cell of this Excel workbook holds more than 32767 characters, beyond Excel’s own limit.');
      }
    } finally {
      clearInterval(sampler);
    }
    const after = process.memoryUsage();
    if (process.env['SHOW_MEMORY']) process.stdout.write(`rss +${((peak - before.rss) / 1048576).toFixed(1)} MB at peak, heap +${((after.heapUsed - before.heapUsed) / 1048576).toFixed(1)} MB\n`);
    // a 300 MB cell held as a JavaScript string would take 300 to 600 MB
    expect(peak - before.rss).toBeLessThan(120 * 1024 * 1024);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(60 * 1024 * 1024);
  });

  it('refuses a workbook declaring more than IMPORT_XLSX_MAX_INFLATED_MB at upload', async () => {
    process.env['IMPORT_XLSX_MAX_INFLATED_MB'] = '5';
    try {
      const big = workbookOf({ deflated: deflateRawSync(Buffer.alloc(6 * 1024 * 1024, ' ')), size: 6 * 1024 * 1024 });
      const res = await send(big, 'big.xlsx');
      expect(res).toMatchObject({ status: 422, body: { key: 'registry.import.xlsxTooLarge', message: 'This Excel workbook unpacks to more than 5 MB; split it or save it as CSV.' } });
    } finally {
      delete process.env['IMPORT_XLSX_MAX_INFLATED_MB'];
    }
  });

  it('writes the error report so that no value from the file becomes a formula in a spreadsheet', async () => {
    const keys = ['=HYPERLINK("http://evil","x")', '+1', '-2+3', '@SUM(A1)'];
    const file = [HEADER, ...keys.map((key) => `"${key.replace(/"/g, '""')}",DL-01-01-001,Ana,Silva,X,1990-01-01,HEAD`)].join('\n');
    const started = await start(await uploaded(file, 'formulas.csv'));
    expect(started.errors).toBeUndefined();
    await api.drainJobs();
    const res = await fetch(`${api.url}/api/registry/imports/${started.data!.startRegistryImport.id}/errors.csv?lang=en`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    const householdCells = lines.slice(1).map((line) => line.split(',Sex,')[0].replace(/^members file,\d+,/i, ''));
    expect(householdCells.sort()).toEqual([`"'+1"`, `"'-2+3"`, `"'=HYPERLINK(""http://evil"",""x"")"`, `"'@SUM(A1)"`].sort());
  });

  describe('photos and documents', () => {
    let individualId: string;
    const sendFile = async (content: Buffer | string, kind: string, contentType: string) => {
      const res = await fetch(`${api.url}/api/registry/individuals/${individualId}/files?kind=${kind}&name=file.png`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': contentType },
        body: typeof content === 'string' ? content : new Uint8Array(content),
      });
      return { status: res.status, body: (await res.json()) as { id?: string; contentType?: string; key?: string; message?: string } };
    };

    beforeAll(async () => {
      [{ id: individualId }] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM registry.individual ORDER BY id LIMIT 1`);
    });

    it('takes the type from the bytes, whatever the Content-Type header says', async () => {
      const png = await sendFile(PNG, 'PHOTO', 'text/html');
      expect(png).toMatchObject({ status: 201, body: { contentType: 'image/png' } });
      const pdf = await sendFile(PDF, 'DOCUMENT', 'image/png');
      expect(pdf).toMatchObject({ status: 201, body: { contentType: 'application/pdf' } });
      const download = await fetch(`${api.url}/api/registry/files/${png.body.id}`, { headers: { authorization: `Bearer ${api.adminToken}` } });
      expect(download.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    });

    it('refuses HTML or SVG named .png, a PDF as a photo, an empty or too large file, and stores nothing', async () => {
      const before = (await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM registry.stored_file'))[0].n;
      const cases: [Buffer | string, string, number, string][] = [
        ['<html><body><script>alert(document.cookie)</script></body></html>', 'PHOTO', 415, 'core.files.unsupportedType'],
        ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'PHOTO', 415, 'core.files.unsupportedType'],
        [PDF, 'PHOTO', 415, 'core.files.unsupportedType'],
        [Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(10)]), 'DOCUMENT', 415, 'core.files.unsupportedType'],
        ['', 'PHOTO', 422, 'core.files.empty'],
        [Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), 'PHOTO', 413, 'core.files.tooLarge'],
      ];
      for (const [content, kind, status, key] of cases) {
        const res = await sendFile(content, kind, 'image/png');
        expect({ status: res.status, key: res.body.key }).toEqual({ status, key });
      }
      // a JSON body (parsed, so nothing left to read) is not an empty file
      expect(await sendFile(JSON.stringify({ content: PNG.toString('base64') }), 'PHOTO', 'application/json')).toMatchObject({ status: 415, body: { key: 'core.files.rawBodyExpected' } });
      const html = await sendFile('<html></html>', 'DOCUMENT', 'application/pdf');
      expect(html.body.message).toBe('This type of file is not accepted. Accepted: JPEG, PNG, WebP, PDF.');
      expect((await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM registry.stored_file'))[0].n).toBe(before);
    });

    it('serves a file stored earlier under a false type as a download, never inline', async () => {
      const [{ id }] = await sql<{ id: string }>(
        api.databaseUrl,
        `INSERT INTO registry.stored_file (individual_id, household_id, kind, name, content_type, size, sha256, content)
         SELECT id, household_id, 'PHOTO', 'old.png', 'image/png', 13, 'x', convert_to('<html></html>', 'UTF8') FROM registry.individual WHERE id = $1 RETURNING id`,
        [individualId],
      );
      const res = await fetch(`${api.url}/api/registry/files/${id}`, { headers: { authorization: `Bearer ${api.adminToken}` } });
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    });
  });
});
