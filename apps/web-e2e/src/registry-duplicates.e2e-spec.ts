import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql, startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, graphql, signIn } from './session';

const SCREENSHOTS = join(__dirname, '../../../tmp/screenshots');

describe('duplicate review in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows why a pair was flagged, field by field, and the model with its expected precision and recall', async () => {
    // a demo head registered again in the same household, the given name in capitals and one day off
    const [head] = await sql<{ id: string }>(server.databaseUrl, `SELECT id FROM registry.individual WHERE relationship = 'HEAD' AND birth_date IS NOT NULL ORDER BY external_id LIMIT 1`);
    const [copy] = await sql<{ id: string; household_id: string }>(
      server.databaseUrl,
      `INSERT INTO registry.individual (given_name, family_name, sex, birth_date, household_id, relationship, area_path)
       SELECT upper(given_name), family_name, sex, birth_date + 1, household_id, 'OTHER_RELATIVE', area_path FROM registry.individual WHERE id = $1 RETURNING id, household_id`,
      [head.id],
    );
    await sql(server.databaseUrl, `INSERT INTO registry.membership (household_id, individual_id, relationship) VALUES ($1, $2, 'OTHER_RELATIVE')`, [copy.household_id, copy.id]);

    await page.goto(`${server.baseUrl}/registry/duplicates`);
    await page.getByTestId('login-form').waitFor();
    await signIn(page, server.baseUrl, ADMIN, true);
    const run = await graphql<{ runDuplicateDetection: { id: string } }>(page, 'mutation { runDuplicateDetection { id } }');
    const jobId = run.data!.runDuplicateDetection.id;
    for (let i = 0; i < 300; i++) {
      const job = await graphql<{ job: { status: string } }>(page, 'query($id: ID!) { job(id: $id) { status } }', { id: jobId });
      if (job.data?.job.status === 'COMPLETED') break;
      expect(['QUEUED', 'RUNNING']).toContain(job.data?.job.status);
      await page.waitForTimeout(200);
    }

    for (const lang of ['en', 'fr', 'pt'] as const) {
      await page.evaluate((l) => localStorage.setItem('coremis.lang', l), lang);
      await page.goto(`${server.baseUrl}/registry/duplicates`);
      await page.locator(`html[lang="${lang}"]`).waitFor();
      const contributions = page.getByTestId('duplicate-contributions');
      await contributions.waitFor();
      // one row per field, signed weights, with the language's decimal separator (a comma in French and Portuguese)
      const point = lang === 'en' ? '\\.' : ',';
      expect(await contributions.locator('tbody tr').count()).toBe(7);
      expect(await contributions.locator('td.weight').first().textContent()).toMatch(new RegExp(`^[+−]\\d+${point}\\d$`));
      await page.screenshot({ path: join(SCREENSHOTS, `duplicates-${lang}.png`) });
      await page.getByTestId('duplicates-model').locator('summary').click();
      await page.getByTestId('duplicates-model-params').waitFor();
      expect(await page.getByTestId('duplicates-model-quality').locator('tbody tr').count()).toBeGreaterThan(3);
      expect(await page.getByTestId('duplicates-model').locator('summary').textContent()).toMatch(new RegExp(`\\d+(${point}\\d)? %`));
      await page.getByTestId('duplicates-model').screenshot({ path: join(SCREENSHOTS, `duplicates-model-${lang}.png`) });
    }
  }, 240_000);
});
