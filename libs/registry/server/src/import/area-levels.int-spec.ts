import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from '@coremis/geo';
import { registryDefinition } from '../registry.definition';

interface Report {
  status: string;
  setupError: string | null;
  householdsCreated: number;
  errors: { line: number; field: string | null; code: string; message: string }[];
}

const REPORT = `query($id: ID!) { registryImportReport(jobId: $id) { status setupError householdsCreated errors { line field code message } } }`;

/**
 * A deployment with its own three levels below the root (Burundi: province, commune, colline): the
 * import's name columns are those levels, named as the deployment names them, and a name is looked for
 * at its own level only (commune Gitega and province Gitega are not the same area).
 */
describe('registry import by area names on the levels the deployment names', () => {
  let api: TestApi;

  const upload = async (path: string, body: string, name: string): Promise<string> => {
    const res = await fetch(`${api.url}${path}?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': 'application/octet-stream' }, body });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const startImport = async (csv: string, mapping: Record<string, string>, lang = 'fr') => {
    const id = await upload('/api/registry/imports/uploads', csv, 'menages.csv');
    const started = await api.graphql<{ startRegistryImport: { id: string } }>(
      'mutation($input: StartRegistryImportInput!) { startRegistryImport(input: $input) { id } }',
      { input: { validateOnly: false, checkDuplicates: false, layout: 'ONE_FILE', mode: 'VALID_ONLY', membersUploadId: id, mapping: { members: mapping } } },
      { lang },
    );
    return started;
  };
  const runImport = async (csv: string, mapping: Record<string, string>, lang = 'fr'): Promise<Report> => {
    const started = await startImport(csv, mapping, lang);
    expect(started.errors).toBeUndefined();
    await api.drainJobs();
    return (await api.graphql<{ registryImportReport: Report }>(REPORT, { id: started.data!.startRegistryImport.id }, { lang })).data!.registryImportReport;
  };
  const MAPPING = { householdKey: 'Ménage', familyName: 'Nom', givenName: 'Prénom', sex: 'Sexe', relationship: 'Lien' };

  beforeAll(async () => {
    api = await startTestApi([coreDefinition, geoDefinition, registryDefinition], { JOB_RETRY_BASE_MS: '50' });
    const levels = await api.graphql('mutation($input: SetAdminLevelsInput!) { setAdminLevels(input: $input) { code } }', {
      input: {
        levels: [
          { code: 'pays', nameEn: 'Country', nameFr: 'Pays' },
          { code: 'province', nameEn: 'Province', nameFr: 'Province', namePt: 'Província' },
          { code: 'commune', nameEn: 'Commune', nameFr: 'Commune', namePt: 'Comuna' },
          { code: 'colline', nameEn: 'Hill', nameFr: 'Colline', namePt: 'Colina' },
        ],
      },
    });
    expect(levels.errors).toBeUndefined();
    // commune Gitega lies in province Gitega, and province Gitega also has a commune Mushasha
    const uploadId = await upload(
      '/api/geo/imports/uploads',
      [
        'level,code,parent_code,name_en',
        'pays,BI,,Burundi',
        'province,GI,BI,Gitega',
        'commune,GI-GI,GI,Gitega',
        'commune,GI-MU,GI,Mushasha',
        'colline,GI-GI-01,GI-GI,Mushasha',
        'colline,GI-MU-01,GI-MU,Kibuye',
      ].join('\n'),
      'burundi.csv',
    );
    const job = await api.graphql<{ importAdminAreas: { id: string } }>('mutation($i: ImportAdminAreasInput!) { importAdminAreas(input: $i) { id } }', { i: { uploadId } });
    expect(job.errors).toBeUndefined();
    await api.drainJobs();
    expect((await sql<{ n: number }>(api.databaseUrl, 'SELECT count(*)::int AS n FROM geo.admin_area'))[0].n).toBe(6);
  });

  afterAll(() => api?.stop());

  it('offers one area name column per level of the deployment, with its names', async () => {
    const fields = await api.graphql<{ importFields: { name: string; label: string }[] }>('{ importFields { name label } }', {}, { lang: 'fr' });
    expect(fields.data!.importFields.filter((f) => f.name.startsWith('areaLevel'))).toEqual([
      { name: 'areaLevel1', label: 'Nom de zone : Province' },
      { name: 'areaLevel2', label: 'Nom de zone : Commune' },
      { name: 'areaLevel3', label: 'Nom de zone : Colline' },
    ]);
    const pt = await api.graphql<{ importFields: { name: string; label: string }[] }>('{ importFields { name label } }', {}, { lang: 'pt' });
    expect(pt.data!.importFields.find((f) => f.name === 'areaLevel3')!.label).toBe('Nome da área: Colina');
  });

  it('looks for each name at its own level', async () => {
    // "Gitega / Mushasha" as commune / colline: province Gitega's commune Mushasha has no colline of that name
    const report = await runImport(['Ménage,Commune,Colline,Nom,Prénom,Sexe,Lien', 'H1,Gitega,Mushasha,Ndayishimiye,Aline,F,HEAD'].join('\n'), {
      ...MAPPING,
      areaLevel2: 'Commune',
      areaLevel3: 'Colline',
    });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ status: 'COMPLETED', setupError: null, householdsCreated: 1 });
    const [household] = await sql<{ code: string }>(api.databaseUrl, `SELECT a.code FROM registry.household h JOIN geo.admin_area a ON a.id = h.area_id WHERE h.external_id = 'H1'`);
    expect(household.code).toBe('GI-GI-01');
  });

  it('refuses a name column for a level the deployment does not have, in the reader’s language', async () => {
    const started = await startImport(['Ménage,Province,Commune,Colline,Sous-colline,Nom,Prénom,Sexe,Lien', 'H2,Gitega,Mushasha,Kibuye,X,Ndayishimiye,Eric,M,HEAD'].join('\n'), {
      ...MAPPING,
      areaLevel1: 'Province',
      areaLevel2: 'Commune',
      areaLevel3: 'Colline',
      areaLevel4: 'Sous-colline',
    });
    expect(started.errors?.[0].extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(started.errors?.[0].message).toContain('La hiérarchie a 3 niveaux sous la racine');
  });
});
