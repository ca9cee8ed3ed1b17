import { startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, signIn } from './session';

describe('screenshots', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.baseUrl, ADMIN);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  it('shots', async () => {
    for (const lang of ['en', 'fr', 'pt']) {
      await page.getByTestId(`lang-${lang}`).click();
      await page.goto(`${server.baseUrl}/programs`);
      await page.getByTestId('programs-table').waitFor();
      await page.screenshot({ path: `/work/notes/shots/main/programs-list-${lang}.png` });
      await page.getByTestId('program-row-DEMO-CG').click();
      await page.getByTestId('program-name').waitFor();
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `/work/notes/shots/main/program-detail-${lang}.png`, fullPage: true });
    }
  });
});
