import { coreDefinition } from '@coremis/core';
import { sql, startTestApi, type TestApi } from '@coremis/core/testing';
import { geoDefinition } from './geo.definition';

interface Level {
  id: string;
  depth: number;
  code: string;
  name: string;
  nameFr: string | null;
  areaCount: number;
}

const LEVEL_FIELDS = 'id depth code name nameEn nameFr namePt areaCount version';
const BURUNDI = [
  { code: 'pays', nameEn: 'Country', nameFr: 'Pays', namePt: 'País' },
  { code: 'province', nameEn: 'Province', nameFr: 'Province', namePt: 'Província' },
  { code: 'commune', nameEn: 'Commune', nameFr: 'Commune', namePt: 'Comuna' },
  { code: 'colline', nameEn: 'Hill', nameFr: 'Colline', namePt: 'Colina' },
];

describe('geography levels named by the deployment', () => {
  let api: TestApi;

  const setLevels = (levels: unknown[], lang = 'en') =>
    api.graphql<{ setAdminLevels: Level[] }>(`mutation($input: SetAdminLevelsInput!) { setAdminLevels(input: $input) { ${LEVEL_FIELDS} } }`, { input: { levels } }, { lang });
  const levels = async (lang = 'en') => (await api.graphql<{ adminLevels: Level[] }>(`{ adminLevels { ${LEVEL_FIELDS} } }`, {}, { lang })).data!.adminLevels;
  const importCsv = async (csv: string) => {
    const res = await fetch(`${api.url}/api/geo/imports/uploads?name=burundi.csv`, { method: 'POST', headers: { authorization: `Bearer ${api.adminToken}` }, body: csv });
    const { id } = (await res.json()) as { id: string };
    const started = await api.graphql<{ importAdminAreas: { id: string } }>('mutation($i: ImportAdminAreasInput!) { importAdminAreas(input: $i) { id } }', { i: { uploadId: id } });
    await api.drainJobs();
    const report = await api.graphql<{ adminAreaImportReport: { status: string; created: number; errors: { line: number; code: string }[] } }>(
      'query($id: ID!) { adminAreaImportReport(jobId: $id) { status created errors { line code } } }',
      { id: started.data!.importAdminAreas.id },
    );
    return report.data!.adminAreaImportReport;
  };
  const shortPath = async (code: string, lang = 'fr') => {
    const result = await api.graphql<{ adminAreas: { edges: { node: { code: string; shortPath: string[] } }[] } }>(
      'query($s: String) { adminAreas(first: 50, filter: { search: $s }) { edges { node { code shortPath } } } }',
      { s: code },
      { lang },
    );
    return result.data!.adminAreas.edges.find((e) => e.node.code === code)!.node.shortPath;
  };

  beforeAll(async () => {
    // no demo data: a deployment that starts empty and names its levels before its first hierarchy import
    api = await startTestApi([coreDefinition, geoDefinition], { JOB_RETRY_BASE_MS: '50' });
  });

  afterAll(() => api?.stop());

  it('names the levels and depth before the first import, which may then use those names', async () => {
    expect(await levels()).toEqual([]);
    const set = await setLevels(BURUNDI);
    expect(set.errors).toBeUndefined();
    expect(set.data!.setAdminLevels.map((l) => [l.depth, l.code])).toEqual([[0, 'pays'], [1, 'province'], [2, 'commune'], [3, 'colline']]);
    expect((await levels('fr')).map((l) => l.name)).toEqual(['Pays', 'Province', 'Commune', 'Colline']);
    const audited = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM core.audit_log WHERE entity_type = 'AdminLevel' AND action = 'CREATE'`);
    expect(audited[0].n).toBe(4);

    // the "level" column may hold a level's name in any language, not only its code
    const report = await importCsv(
      [
        'level,code,parent_code,name_en',
        'Pays,BI,,Burundi',
        'Province,BI-GI,BI,Gitega',
        'commune,BI-GI-01,BI-GI,Bugendana',
        'Commune,BI-GI-02,BI-GI,Giheta',
        'Colline,BI-GI-01-01,BI-GI-01,Kigwati',
        'Colline,BI-GI-02-01,BI-GI-02,Kigwati',
        'Colline,BI-GI-02-02,BI-GI-02,Rugari',
      ].join('\n'),
    );
    expect(report).toMatchObject({ status: 'COMPLETED', created: 7, errors: [] });
    expect((await levels()).map((l) => l.areaCount)).toEqual([1, 1, 2, 3]);
  });

  it('refuses a depth below existing areas, translated, and changes nothing', async () => {
    const before = await levels();
    const result = await setLevels(BURUNDI.slice(0, 3), 'fr');
    expect(result.errors?.[0].extensions?.['code']).toBe('CONFLICT');
    expect(result.errors?.[0].message).toBe('Des zones existent au niveau 4 (« Hill », 3 zones aux niveaux retirés) : la hiérarchie doit garder au moins 4 niveaux.');
    expect(await levels()).toEqual(before);
  });

  it('renames levels, swaps codes and adds a deeper level, auditing each change', async () => {
    const renamed = [
      BURUNDI[0],
      BURUNDI[1],
      { code: 'colline', nameEn: 'Commune', nameFr: 'Commune', namePt: 'Município' },
      { code: 'commune', nameEn: 'Hill', nameFr: 'Colline', namePt: 'Colina' },
      { code: 'sous-colline', nameEn: 'Sub-hill', nameFr: 'Sous-colline', namePt: null },
    ];
    const result = await setLevels(renamed);
    expect(result.errors).toBeUndefined();
    expect((await levels('pt')).map((l) => [l.code, l.name, l.areaCount])).toEqual([
      ['pays', 'País', 1],
      ['province', 'Província', 1],
      ['colline', 'Município', 2],
      ['commune', 'Colina', 3],
      ['sous-colline', 'Sub-hill', 0],
    ]);
    const updates = await sql<{ code: { before: string; after: string } }>(
      api.databaseUrl,
      `SELECT changes->'code' AS code FROM core.audit_log WHERE entity_type = 'AdminLevel' AND action = 'UPDATE' ORDER BY id`,
    );
    expect(updates.map((u) => u.code)).toEqual([{ before: 'commune', after: 'colline' }, { before: 'colline', after: 'commune' }]);
    // a level without areas may go again (audited as a deletion)
    expect((await setLevels(renamed.slice(0, 4))).errors).toBeUndefined();
    const deleted = await sql<{ n: number }>(api.databaseUrl, `SELECT count(*)::int AS n FROM core.audit_log WHERE entity_type = 'AdminLevel' AND action = 'DELETE'`);
    expect(deleted[0].n).toBe(1);
    expect((await setLevels(BURUNDI)).errors).toBeUndefined();
  });

  it('refuses invalid levels with a 4xx and writes nothing', async () => {
    const before = await levels();
    const duplicate = await setLevels([BURUNDI[0], { ...BURUNDI[1], code: 'PAYS' }], 'pt');
    expect(duplicate.errors?.[0].extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(duplicate.errors?.[0].extensions)).toContain('Dois níveis usam o código «PAYS»');
    const bad = await setLevels([{ code: 'no spaces', nameEn: '' }]);
    expect(bad.errors?.[0].extensions?.['code']).toBe('BAD_USER_INPUT');
    const tooDeep = await setLevels(Array.from({ length: 7 }, (_, i) => ({ code: `l${i}`, nameEn: `Level ${i}` })));
    expect(tooDeep.errors?.[0].extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(await levels()).toEqual(before);
  });

  it('lets only users with geo.levels.manage and no geographic restriction change the levels', async () => {
    const before = await levels();
    for (const [code, permissions] of [['geo-viewer', ['geo.areas.view', 'geo.areas.manage']], ['geo-levels', ['geo.areas.view', 'geo.levels.manage']]] as const) {
      const role = await api.graphql('mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', { input: { code, name: code, permissions } });
      expect(role.errors).toBeUndefined();
    }
    const [province] = await sql<{ id: string }>(api.databaseUrl, `SELECT id FROM geo.admin_area WHERE code = 'BI-GI'`);
    await api.createUser('areas-manager', 'AreasManager#2026-levels', 'geo-viewer');
    await api.createUser('levels-gitega', 'LevelsGitega#2026-levels', 'geo-levels', [province.id]);
    await api.createUser('levels-all', 'LevelsAll#2026-levels', 'geo-levels');
    const renamed = BURUNDI.map((l) => ({ ...l, nameFr: `${l.nameFr} !` }));
    const mutate = async (user: string, password: string) =>
      api.graphql(`mutation($input: SetAdminLevelsInput!) { setAdminLevels(input: $input) { code } }`, { input: { levels: renamed } }, { token: (await api.login(user, password)).accessToken });
    expect((await mutate('areas-manager', 'AreasManager#2026-levels')).errors?.[0].extensions?.['code']).toBe('FORBIDDEN');
    expect((await mutate('levels-gitega', 'LevelsGitega#2026-levels')).errors?.[0].extensions?.['code']).toBe('FORBIDDEN');
    expect(await levels()).toEqual(before);
    expect((await mutate('levels-all', 'LevelsAll#2026-levels')).errors).toBeUndefined();
    expect((await levels('fr')).map((l) => l.name)).toEqual(['Pays !', 'Province !', 'Commune !', 'Colline !']);
    expect((await setLevels(BURUNDI)).errors).toBeUndefined();
  });

  it('shows an area with as much of its path as makes it unambiguous', async () => {
    // two collines named Kigwati, in two communes: the commune tells them apart; Rugari is unique
    expect(await shortPath('BI-GI-01-01')).toEqual(['Kigwati', 'Bugendana']);
    expect(await shortPath('BI-GI-02-01')).toEqual(['Kigwati', 'Giheta']);
    expect(await shortPath('BI-GI-02-02')).toEqual(['Rugari']);
    expect(await shortPath('BI-GI')).toEqual(['Gitega']);
  });
});
