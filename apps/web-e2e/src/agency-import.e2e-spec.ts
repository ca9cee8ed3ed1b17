import { sql, startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { type AgencyArea, agencyCsv, agencyRows } from '@coremis/synthetic';
import { launchBrowser } from './browser';
import { chooseOption } from './choose';
import { ADMIN, signIn } from './session';

/** Where screenshots of the wizard go when asked for (AGENCY_SCREENSHOTS=<dir>). */
const SHOTS = process.env['AGENCY_SCREENSHOTS'];

/**
 * An agency's file as Excel writes it in French (`;`, Windows-1252, French headers and labels, area
 * names on three levels, "Nom et prénom", dd/mm/yyyy, O/N), imported without any edit, only through
 * the wizard; the mapping is saved, and next month's file goes through with the template alone.
 */
describe('agency file through the import wizard', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let areas: AgencyArea[];

  const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.trim() ?? '';
  const choose = (testId: string, option: string | RegExp) => chooseOption(page, testId, option);

  async function upload(name: string, content: Buffer): Promise<void> {
    await page.goto(`${server.baseUrl}/registry/import`);
    await page.getByTestId('import-layout-ONE_FILE').waitFor();
    await page.getByTestId('import-file-members').setInputFiles({ name, mimeType: 'text/csv', buffer: content });
    await page.getByTestId('import-uploaded-members').waitFor();
    await page.getByTestId('import-next-upload').click();
    await page.getByTestId('import-preview-members').waitFor();
  }

  async function checkAndImport(households: number, people: number): Promise<void> {
    await page.getByTestId('import-next-map').click();
    await page.getByTestId('check-result').waitFor({ timeout: 60_000 });
    expect(await text('check-error-count')).toBe('0');
    expect(await text('check-household-rows')).toBe(String(households));
    await page.getByTestId('import-next-check').click();
    await page.getByTestId('import-mode-ALL_OR_NOTHING').waitFor();
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    expect(await text('import-households-created')).toBe(String(households));
    expect(await text('import-people-created')).toBe(String(people));
  }

  beforeAll(async () => {
    server = await startTestServer();
    // a colline name that repeats in another commune, as in Burundi (DL-01-02-001 takes DL-01-01-001's names)
    await sql(
      server.databaseUrl,
      `UPDATE geo.admin_area a SET name_en = b.name_en, name_fr = b.name_fr, name_pt = b.name_pt FROM geo.admin_area b WHERE a.code = 'DL-01-02-001' AND b.code = 'DL-01-01-001'`,
    );
    // the deployment's yes/no field for a disability (set up before the import)
    await sql(
      server.databaseUrl,
      `INSERT INTO registry.field_schema (entity, schema) VALUES ('INDIVIDUAL', $1)
       ON CONFLICT (entity) DO UPDATE SET schema = jsonb_set(registry.field_schema.schema, '{properties,handicap}', $2), version = registry.field_schema.version + 1`,
      [JSON.stringify({ type: 'object', properties: { handicap: { type: 'boolean', title: 'Handicap' } } }), JSON.stringify({ type: 'boolean', title: 'Handicap' })],
    );
    areas = await sql<AgencyArea>(
      server.databaseUrl,
      `SELECT coalesce(p.name_fr, p.name_en) AS province, coalesce(c.name_fr, c.name_en) AS commune, coalesce(a.name_fr, a.name_en) AS colline
         FROM geo.admin_area a JOIN geo.admin_area c ON c.id = a.parent_id JOIN geo.admin_area p ON p.id = c.parent_id
        WHERE a.code IN ('DL-01-01-001', 'DL-01-02-001', 'DL-02-01-001') ORDER BY a.code`,
    );
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
    await signIn(page, server.baseUrl, ADMIN);
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('lang-fr').click();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('names the levels of the hierarchy on the levels page, in every language', async () => {
    await page.goto(`${server.baseUrl}/geo/levels`);
    await page.getByTestId('geo-levels-form').waitFor();
    // the demo's four levels; the deepest has areas, so it cannot be removed
    expect(await page.locator('[data-testid^="geo-level-code-"]').count()).toBe(4);
    expect(await page.getByTestId('geo-level-remove').isDisabled()).toBe(true);
    await page.getByTestId('geo-level-name-en-2').fill('Commune');
    await page.getByTestId('geo-level-name-fr-2').fill('Commune');
    await page.getByTestId('geo-level-name-pt-2').fill('Comuna');
    await page.getByTestId('geo-level-name-en-3').fill('Hill');
    await page.getByTestId('geo-level-name-fr-3').fill('Colline');
    await page.getByTestId('geo-level-name-pt-3').fill('Colina');
    await page.getByTestId('geo-levels-save').click();
    await page.getByText('Les niveaux ont été enregistrés.').waitFor();
    const levels = await sql<{ name_fr: string; name_pt: string }>(server.databaseUrl, 'SELECT name_fr, name_pt FROM geo.admin_level WHERE depth IN (2, 3) ORDER BY depth');
    expect(levels).toEqual([{ name_fr: 'Commune', name_pt: 'Comuna' }, { name_fr: 'Colline', name_pt: 'Colina' }]);
    const audited = await sql<{ n: number }>(server.databaseUrl, `SELECT count(*)::int AS n FROM core.audit_log WHERE entity_type = 'AdminLevel' AND action = 'UPDATE'`);
    expect(audited[0].n).toBe(2);
    // the geography browser names the levels as the deployment does
    await page.goto(`${server.baseUrl}/geo`);
    await page.getByRole('cell', { name: 'Pays' }).first().waitFor();
    if (SHOTS) {
      for (const lang of ['en', 'fr', 'pt']) {
        await page.goto(`${server.baseUrl}/geo/levels`);
        await page.getByTestId(`lang-${lang}`).click().catch(() => undefined);
        await page.getByTestId('geo-levels-form').waitFor();
        await page.waitForTimeout(500);
        await page.screenshot({ path: `${SHOTS}/geo-levels-${lang}.png`, fullPage: true });
      }
      await page.getByTestId('lang-fr').click().catch(() => undefined);
    }
  });

  it('imports the file as it is, with the wizard only, and saves the mapping', async () => {
    const rows = agencyRows(areas, 20, 1);
    await upload('menages-janvier.csv', agencyCsv(rows));

    // read with the detected separator and encoding: the French headers come out whole
    const preview = page.getByTestId('import-preview-members');
    expect(await preview.locator('th').allTextContents()).toEqual(['N° ménage', 'Province', 'Commune', 'Colline', 'Nom et prénom', 'Sexe', 'Date de naissance', 'Lien avec le chef', 'Toiture', 'Handicap', 'Téléphone', 'N° CNI']);
    expect(await text('import-separator-members')).toContain('Point-virgule');
    expect(await text('import-encoding-members')).toContain('Windows-1252');

    // matched by label, synonym or level name
    expect(await text('import-map-members:householdKey')).toContain('N° ménage');
    expect(await text('import-map-members:areaLevel1')).toContain('Province');
    expect(await text('import-map-members:areaLevel2')).toContain('Commune');
    expect(await text('import-map-members:areaLevel3')).toContain('Colline');
    // one area name field per level the deployment has below the root, named as it names them
    expect(await page.locator('[data-testid^="import-map-members:areaLevel"]').count()).toBe(3);
    const label = (field: string) => page.locator('mat-form-field', { has: page.getByTestId(`import-map-members:${field}`) }).locator('mat-label').textContent();
    expect(await label('areaLevel2')).toContain('Nom de zone : Commune');
    expect(await label('areaLevel3')).toContain('Nom de zone : Colline');
    expect(await text('import-map-members:fullName')).toContain('Nom et prénom');
    expect(await text('import-map-members:birthDate')).toContain('Date de naissance');
    expect(await text('import-map-members:relationship')).toContain('Lien avec le chef');
    expect(await text('import-map-members:documentNumber')).toContain('N° CNI');
    expect(await text('import-map-members:phones')).toContain('Téléphone');

    // the O/N column is the deployment's yes/no field, not the disability type
    await choose('import-map-members:disability', '— non importé —');
    await choose('import-map-members:extra.handicap', 'Handicap');
    // the CNI numbers are national identity cards
    await choose('import-fixed-documentType', /Carte d.identité|National/);

    // the values found, with proposals by label in any language
    await page.getByTestId('import-recode-sex').waitFor();
    await page.getByTestId('import-recode-extra.handicap').waitFor();
    expect(await text('import-recode-sex-Masculin')).toMatch(/Homme|Masculin/);
    expect(await text('import-recode-relationship-Chef de ménage')).toMatch(/Chef/);
    expect(await text('import-recode-roofMaterial-Tôle')).toContain('Tôle');
    expect(await text('import-recode-extra.handicap-O')).toBe('Oui');
    expect(await text('import-date-format-birthDate')).toContain('Jour/mois/année');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/agency-mapping-fr.png`, fullPage: true });

    await page.getByTestId('import-template-name').fill('Agence — ménages');
    await page.getByTestId('import-template-save').click();
    await page.getByTestId('import-template-notice').waitFor();

    await checkAndImport(20, rows.length);
    const [head] = await sql<{ family_name: string; given_name: string; sex: string; birth_date: string; extra: { handicap: boolean } }>(
      server.databaseUrl,
      `SELECT family_name, given_name, sex, birth_date::text, extra FROM registry.individual WHERE external_id = 'M1-0004/4'`,
    );
    expect(head).toEqual({ family_name: 'Ndayishimiye4', given_name: 'Aline', sex: 'F', birth_date: '2009-02-05', extra: { handicap: true } });
  });

  it('shows a colline whose name repeats with its commune in the household list', async () => {
    const [first, second] = areas;
    expect(first.colline).toBe(second.colline);
    // the imported households (their members are all Ndayishimiye)
    await page.goto(`${server.baseUrl}/registry?q=Ndayishimiye`);
    await page.getByTestId('household-row-area').first().waitFor();
    const cells = (await page.getByTestId('household-row-area').allTextContents()).map((t) => t.trim());
    expect(cells).toContain(`${first.colline} · ${first.commune}`);
    expect(cells).toContain(`${second.colline} · ${second.commune}`);
    // a colline name found once stands alone
    expect(cells).toContain(areas[2].colline);
    if (SHOTS) {
      for (const lang of ['en', 'fr', 'pt']) {
        await page.getByTestId(`lang-${lang}`).click().catch(() => undefined);
        await page.waitForTimeout(800);
        await page.screenshot({ path: `${SHOTS}/household-list-area-path-${lang}.png`, fullPage: true });
      }
      await page.getByTestId('lang-fr').click().catch(() => undefined);
    }
  });

  it('imports next month’s file with the saved mapping in one step', async () => {
    const rows = agencyRows(areas, 15, 2);
    await upload('menages-fevrier.csv', agencyCsv(rows));
    await choose('import-template-select', 'Agence — ménages');
    await page.getByTestId('import-template-notice').waitFor();
    expect(await text('import-map-members:extra.handicap')).toContain('Handicap');
    await checkAndImport(15, rows.length);
  });

  it('shows the import in the history of a household it created, with the file and the batch, in EN/FR/PT', async () => {
    const [{ id }] = await sql<{ id: string }>(server.databaseUrl, `SELECT id FROM registry.household WHERE external_id = 'M2-0004'`);
    await page.goto(`${server.baseUrl}/registry/households/${id}`);
    await page.getByTestId('household-history-tab').click();
    const expected: Record<string, string> = { fr: 'Créé par l’import de menages-fevrier.csv', en: 'Created by the import of menages-fevrier.csv', pt: 'Criado pela importação de menages-fevrier.csv' };
    for (const lang of ['fr', 'en', 'pt']) {
      await page.getByTestId(`lang-${lang}`).click().catch(() => undefined);
      await page.getByTestId('history-entry').filter({ hasText: expected[lang] }).first().waitFor();
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/household-history-import-${lang}.png`, fullPage: true });
    }
    await page.getByTestId('lang-fr').click().catch(() => undefined);
  });

  it('shows the reading and recoding part of the mapping step in English, French and Portuguese', async () => {
    if (!SHOTS) return;
    await upload('menages-mars.csv', agencyCsv(agencyRows(areas, 8, 3)));
    await choose('import-template-select', 'Agence — ménages');
    await page.getByTestId('import-recode-sex').waitFor();
    for (const lang of ['en', 'fr', 'pt']) {
      await page.getByTestId(`lang-${lang}`).click().catch(() => undefined);
      await page.waitForTimeout(800);
      await page.getByTestId('import-values').screenshot({ path: `${SHOTS}/agency-values-${lang}.png` });
      await page.getByTestId('import-preview-members').screenshot({ path: `${SHOTS}/agency-preview-${lang}.png` });
    }
  });
});
