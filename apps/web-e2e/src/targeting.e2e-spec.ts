import { startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, graphql, signIn } from './session';
import { chooseOption } from './choose';

const SHOTS = process.env['E2E_SCREENSHOTS_DIR'];

describe('targeting formula editor in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, server.baseUrl, ADMIN);
    const areas = await graphql<{ adminAreas: { edges: { node: { id: string; code: string } }[] } }>(page, '{ adminAreas(first: 5, filter: { search: "DL-01" }) { edges { node { id code } } } }');
    const area = areas.data!.adminAreas.edges.find((e) => e.node.code === 'DL-01')!.node.id;
    const created = await graphql(page, 'mutation($input: CreateProgramInput!) { createProgram(input: $input) { id } }', {
      input: { code: 'E2E-PMT', name: { en: 'Cash transfer', fr: 'Transfert monétaire', pt: 'Transferência monetária' }, targetUnit: 'HOUSEHOLD', coverageAreaIds: [area] },
    });
    expect(created.errors).toBeUndefined();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ['en', 'fr', 'pt'] as const) {
    it(`shows a problem at its position, then previews a valid formula (${lang})`, async () => {
      await page.goto(`${server.baseUrl}/`);
      await page.getByTestId(`lang-${lang}`).click();
      await page.goto(`${server.baseUrl}/targeting`);
      await chooseOption(page, 'formula-program', /E2E-PMT/);
      const source = page.getByTestId('formula-source');
      await source.fill('1.0 + 0.5 * members.size() - unknown_var');
      const problem = page.getByTestId('formula-problem');
      await problem.waitFor();
      expect(await problem.textContent()).toContain('30');
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/targeting-problem-${lang}.png`, fullPage: true });
      await source.fill('1.0 + 0.5 * members.size() - 0.2 * members.filter(m, m.sex == "F").size()');
      await page.getByTestId('formula-valid').waitFor();
      await page.getByTestId('formula-preview').click();
      await page.getByTestId('formula-preview-panel').waitFor();
      expect(await page.locator('.histogram .bar').count()).toBe(20);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/targeting-preview-${lang}.png`, fullPage: true });
    }, 60_000);
  }
});
