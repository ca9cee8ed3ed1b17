import { startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, submitCredentials } from './session';

const VALID_CSV = [
  'level,code,parent_code,name_en,name_fr,name_pt',
  'province,E2E-P1,DL,Lake Province,Province du Lac,Província do Lago',
  'district,E2E-P1-01,E2E-P1,Shore District,District de la Rive,Distrito da Margem',
  'village,E2E-P1-01-001,E2E-P1-01,Sandy Bay,Baie Sableuse,Baía Arenosa',
].join('\n');

const INVALID_CSV = [
  'level,code,parent_code,name_en,name_fr,name_pt',
  'province,E2E-BAD-1,DL,Fine Province,,',
  'region,E2E-BAD-2,DL,Unknown Level,,',
  'district,E2E-BAD-3,NO-SUCH-AREA,Orphan District,,',
].join('\n');

describe('geography in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.trim() ?? '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks to sign in first, then opens the page asked for', async () => {
    await page.goto(`${server.baseUrl}/geo`);
    await page.getByTestId('login-form').waitFor();
    expect(page.url()).toContain('returnUrl=%2Fgeo');

    await submitCredentials(page, server.baseUrl, ADMIN, true);

    await page.getByTestId('geo-row-DL').waitFor();
    expect(new URL(page.url()).pathname).toBe('/geo');
  });

  it('switches the interface to French and remembers it', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('nav-geo-0').waitFor();

    await page.getByTestId('lang-fr').click();

    await page.getByRole('heading', { name: 'Bienvenue dans CoreMIS' }).waitFor();
    expect(await text('nav-home')).toContain('Accueil');
    expect(await text('nav-geo-0')).toContain('Zones administratives');
    expect(await text('nav-geo-1')).toContain('Niveaux de la hiérarchie');
    expect(await text('nav-geo-2')).toContain('Importer des zones');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');

    await page.reload();
    await page.getByRole('heading', { name: 'Bienvenue dans CoreMIS' }).waitFor();
  });

  it('browses the demo geography two levels down', async () => {
    await page.getByTestId('nav-geo-0').click();
    await page.getByTestId('geo-row-DL').click();
    await page.getByTestId('geo-row-DL-01').click();
    await page.getByTestId('geo-row-DL-01-01').waitFor();

    expect(page.url()).toMatch(/\/geo\/area\/[^/]+$/);
    // the breadcrumb (ancestors) arrives with its own query, after the rows
    await page.getByTestId('geo-breadcrumb').getByText('Démolande').waitFor();
    expect(await text('geo-breadcrumb')).toContain('Démolande');
    expect(await text('geo-title')).toMatch(/^Province /);
    expect(await page.getByTestId('geo-table').locator('th').allTextContents()).toEqual(
      expect.arrayContaining(['Code', 'Nom', 'Niveau', 'Sous-zones', 'Statut']),
    );
    expect(await text('geo-row-DL-01-01')).toContain('District');

    await page.getByTestId('geo-breadcrumb').getByRole('link', { name: 'Démolande' }).click();
    await page.getByTestId('geo-row-DL-02').waitFor();
  });

  it('imports a small valid hierarchy from a CSV file', async () => {
    await page.getByTestId('nav-geo-2').click();
    await page.getByTestId('geo-import-file').setInputFiles({
      name: 'province-du-lac.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(VALID_CSV, 'utf8'),
    });
    await page.getByTestId('geo-import-file-name').getByText('province-du-lac.csv').waitFor();
    expect(await page.getByTestId('geo-import-text').inputValue()).toContain('E2E-P1-01-001');

    // the file goes to the upload endpoint first; the import mutation only names it
    const uploaded = page.waitForResponse((response) => response.url().includes('/api/geo/imports/uploads?name=province-du-lac.csv') && response.request().method() === 'POST');
    await page.getByTestId('geo-import-submit').click();
    expect((await uploaded).status()).toBe(201);

    await page.getByTestId('geo-import-success').waitFor({ timeout: 60_000 });
    expect(await text('geo-import-success')).toContain('Import terminé');
    expect(await text('geo-import-created')).toBe('3');
    expect(await text('geo-import-updated')).toBe('0');

    await page.getByTestId('nav-geo-0').click();
    await page.getByTestId('geo-search').fill('E2E-P1');
    await page.getByTestId('geo-row-E2E-P1-01-001').waitFor();
    expect(await text('geo-row-E2E-P1')).toContain('Province du Lac');
  });

  it('lists the problems of an invalid file and imports nothing', async () => {
    await page.getByTestId('nav-geo-2').click();
    await page.getByTestId('geo-import-text').fill(INVALID_CSV);

    await page.getByTestId('geo-import-submit').click();

    const errors = page.getByTestId('geo-import-errors');
    await errors.waitFor({ timeout: 60_000 });
    expect(await text('geo-import-nothing-imported')).toContain('Corrigez les lignes');
    expect(await page.getByText('Rien n’a été importé').count()).toBeGreaterThan(0);
    const lines = await errors.locator('tbody tr td:first-child').allTextContents();
    expect(lines.map((line) => line.trim())).toEqual(expect.arrayContaining(['3', '4']));
    const columns = (await errors.locator('tbody tr td:nth-child(2)').allTextContents()).map((c) => c.trim());
    expect(columns).toEqual(expect.arrayContaining(['level', 'parent_code']));
    expect(await page.getByTestId('geo-import-success').count()).toBe(0);

    await page.getByTestId('nav-geo-0').click();
    await page.getByTestId('geo-search').fill('E2E-BAD');
    await page.getByTestId('empty-state').waitFor();
    expect(await page.getByTestId('geo-table').count()).toBe(0);
  });
});
