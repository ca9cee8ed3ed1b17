import { sql, startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, signIn } from './session';

/** One file: a member per row, the household's key and village on each; no external-id column. */
const VALID_CSV = [
  'household_id,village,first_name,last_name,sex,birth_date,relationship',
  'E2E-1,DL-01-01-001,Zawadi,Kwenyekitu,F,1984-02-11,HEAD',
  'E2E-1,DL-01-01-001,Baraka,Kwenyekitu,M,1982-07-30,SPOUSE',
  'E2E-1,DL-01-01-001,Neema,Kwenyekitu,F,2012-05-03,DAUGHTER',
  'E2E-2,DL-01-01-002,Tumaini,Mwakalinga,M,1970-10-10,HEAD',
  'E2E-2,DL-01-01-002,Rehema,Mwakalinga,F,1975-01-20,SPOUSE',
  'E2E-3,DL-01-01-003,Imani,Shirima,F,1990-12-12,HEAD',
].join('\n');

/** Line 2: bad sex and date; E2E-BAD-1 has two heads; E2E-BAD-2 has an unknown village and no head; E2E-OK-3 is fine. */
const INVALID_CSV = [
  'household_id,village,first_name,last_name,sex,birth_date,relationship',
  'E2E-BAD-1,DL-01-01-001,Anna,Zulu,X,1980-13-14,HEAD',
  'E2E-BAD-1,DL-01-01-001,Tom,Zulu,M,2005-07-01,HEAD',
  'E2E-BAD-2,NO-SUCH-VILLAGE,Mary,Moyo,F,1990-01-01,SPOUSE',
  'E2E-OK-3,DL-01-01-003,Sam,Tembo,M,1960-02-02,HEAD',
].join('\n');

describe('registry import wizard in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.trim() ?? '';

  /** Uploads a CSV on the first step and goes on to the mapping. */
  async function uploadAndMap(name: string, csv: string): Promise<void> {
    await page.goto(`${server.baseUrl}/registry/import`);
    await page.getByTestId('import-layout-ONE_FILE').waitFor();
    await page.getByTestId('import-file-members').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('import-uploaded-members').waitFor();
    expect(await text('import-file-name-members')).toBe(name);
    await page.getByTestId('import-next-upload').click();
    await page.getByTestId('import-preview-members').waitFor();
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
    await signIn(page, server.baseUrl, ADMIN);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('imports a small CSV through the wizard and watches the progress bar finish', async () => {
    await uploadAndMap('three-households.csv', VALID_CSV);

    // the header is recognised: every required field is already mapped
    const preview = page.getByTestId('import-preview-members');
    expect(await preview.locator('th').allTextContents()).toEqual(['household_id', 'village', 'first_name', 'last_name', 'sex', 'birth_date', 'relationship']);
    expect(await text('import-map-members:householdKey')).toContain('household_id');
    expect(await text('import-map-members:areaCode')).toContain('village');
    expect(await text('import-map-members:givenName')).toContain('first_name');
    expect(await text('import-map-members:familyName')).toContain('last_name');
    expect(await text('import-map-members:birthDate')).toContain('birth_date');
    expect(await text('import-map-members:relationship')).toContain('relationship');

    // check: the server reads every row and writes nothing
    await page.getByTestId('import-next-map').click();
    await page.getByTestId('check-result').waitFor({ timeout: 60_000 });
    expect(await text('check-household-rows')).toBe('3');
    expect(await text('check-member-rows')).toBe('6');
    expect(await text('check-error-count')).toBe('0');
    expect(await sql(server.databaseUrl, `SELECT 1 FROM registry.household WHERE external_id LIKE 'E2E-%'`)).toHaveLength(0);

    // confirm: all or nothing, then the real import with its progress bar
    await page.getByTestId('import-next-check').click();
    await page.getByTestId('import-mode-ALL_OR_NOTHING').waitFor();
    // the page's own record of what the bar showed, read every 20 ms while the import runs
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      const timer = setInterval(() => {
        const bar = document.querySelector('[data-testid="import-progress"]');
        const percent = bar?.getAttribute('data-percent');
        if (percent !== null && percent !== undefined && seen[seen.length - 1] !== percent) seen.push(percent);
        if (document.querySelector('[data-testid="import-done"]')) clearInterval(timer);
      }, 20);
    });
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-progress').waitFor();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });

    const progress = page.getByTestId('import-progress');
    expect(await progress.getAttribute('data-status')).toBe('COMPLETED');
    expect(await progress.getAttribute('data-percent')).toBe('100');
    expect(await progress.locator('mat-progress-bar').getAttribute('aria-valuenow')).toBe('100');
    expect(await text('import-progress-text')).toContain('100');
    const seen = (await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)).map(Number);
    expect(seen[seen.length - 1]).toBe(100);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen); // it never goes back

    expect(await text('import-households-created')).toBe('3');
    expect(await text('import-households-updated')).toBe('0');
    expect(await text('import-households-rejected')).toBe('0');
    expect(await text('import-people-created')).toBe('6');
    expect(await sql(server.databaseUrl, `SELECT 1 FROM registry.household WHERE external_id LIKE 'E2E-%'`)).toHaveLength(3);
  });

  it('opens an imported household, sets an alternate representative and sees it in the history', async () => {
    await page.getByTestId('import-open-households').click();
    await page.waitForURL(/\/registry(\?.*)?$/);

    // the household list: search the head's name, open the household
    const search = page.locator('[data-testid="household-search"], input[type="search"]').first();
    await search.fill('Kwenyekitu');
    const row = page.getByRole('row').filter({ hasText: 'Zawadi' }).first();
    await row.waitFor();
    await row.click();

    // people imported without an external-id column are "<household key>/<position>"
    const spouse = page.getByTestId('member-row-E2E-1/2');
    await spouse.waitFor();
    expect(await spouse.textContent()).toContain('Baraka');
    await page.getByTestId('member-actions-E2E-1/2').click();
    await page.getByTestId('member-make-alternate').click();
    const confirm = page.getByTestId('confirm-ok');
    if (await confirm.isVisible().catch(() => false)) await confirm.click();

    await spouse.getByTestId('member-role').getByText(/alternate/i).waitFor();

    await page.getByTestId('household-history-tab').click();
    const entries = page.getByTestId('history-entry');
    await entries.first().waitFor();
    // the newest entry is the change of role
    await entries.filter({ hasText: /alternate/i }).first().waitFor();
  });

  it('shows the per-row problems of a file in the reader’s language and writes nothing', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('lang-fr').click();
    await page.getByRole('heading', { name: 'Bienvenue dans CoreMIS' }).waitFor();

    await uploadAndMap('erreurs.csv', INVALID_CSV);
    await page.getByTestId('import-next-map').click();

    const checkErrors = page.getByTestId('check-errors');
    await checkErrors.waitFor({ timeout: 60_000 });
    expect(await text('check-household-rows')).toBe('3');
    expect(await text('check-invalid-households')).toBe('2');
    const lines = (await checkErrors.getByTestId('import-error-line').allTextContents()).map((line) => line.trim());
    expect(lines).toEqual(expect.arrayContaining(['2', '4']));
    const messages = (await checkErrors.getByTestId('import-error-message').allTextContents()).map((m) => m.trim());
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('« 1980-13-14 » n\'est pas une date'),
        expect.stringContaining('« X » n\'est pas accepté'),
        'Ce ménage a 2 chefs ; il doit en avoir exactement un.',
        'Le code de zone « NO-SUCH-VILLAGE » n\'existe pas.',
        'Ce ménage n\'a pas de chef (lien HEAD).',
      ]),
    );
    // the field and the column it was read from
    expect(await checkErrors.getByTestId('import-error-field').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('colonne « village »')]));
    expect(await checkErrors.getByTestId('import-error-row').count()).toBe(5);

    // all or nothing: the import runs, reports the same problems and writes nothing
    await page.getByTestId('import-next-check').click();
    await page.getByTestId('import-will-write-nothing').waitFor();
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-nothing-imported').waitFor({ timeout: 60_000 });
    expect(await text('import-nothing-imported')).toContain('Rien n’a été importé');
    expect(await page.getByTestId('import-errors').getByTestId('import-error-row').count()).toBe(5);
    expect(await page.getByTestId('import-done').count()).toBe(0);
    expect(await sql(server.databaseUrl, `SELECT 1 FROM registry.household WHERE external_id IN ('E2E-BAD-1', 'E2E-BAD-2', 'E2E-OK-3')`)).toHaveLength(0);
    expect(await sql(server.databaseUrl, `SELECT 1 FROM registry.individual WHERE family_name IN ('Zulu', 'Moyo', 'Tembo')`)).toHaveLength(0);
  });
});
