import { startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, signIn } from './session';

describe('programmes in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.trim() ?? '';

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

  it('lists the programmes, opens one and filters its beneficiaries by status, with the filter in the address', async () => {
    await page.goto(`${server.baseUrl}/programs`);
    await page.getByTestId('program-row-DEMO-CG').click();
    await page.getByTestId('program-name').waitFor();
    expect(await text('program-status')).toBe('Active');
    await page.getByTestId('beneficiaries-table').waitFor();
    const all = await page.getByTestId('beneficiaries-table').locator('tbody tr').count();
    expect(all).toBeGreaterThan(0);

    await page.getByTestId('beneficiaries-status').click();
    await page.getByRole('option', { name: 'Waitlisted' }).click();
    await page.waitForURL(/status=WAITLISTED/);
    // every row shown is waitlisted, or the empty state says none is
    await page.locator('[data-testid=beneficiaries-table], cm-empty-state').first().waitFor();
    const statuses = await page.getByTestId('beneficiaries-table').locator('tbody tr .pill').allTextContents();
    expect(statuses.every((s) => s.trim() === 'Waitlisted')).toBe(true);

    await page.reload();
    await page.getByTestId('program-name').waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('WAITLISTED');
  });

  it('activates a draft programme after a confirmation, in French', async () => {
    await page.getByTestId('lang-fr').click();
    await page.goto(`${server.baseUrl}/programs`);
    await page.getByTestId('program-row-DEMO-OAP').click();
    await page.getByTestId('program-status').getByText('Brouillon').waitFor();
    await page.getByTestId('program-activate').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('program-status').getByText('Actif').waitFor();
    expect(await page.getByTestId('program-close').count()).toBe(1);
    await page.getByTestId('lang-en').click();
  });

  it('says so when a programme does not exist or is outside the areas', async () => {
    await page.goto(`${server.baseUrl}/programs/00000000-0000-4000-8000-000000000000`);
    await page.getByText('This programme does not exist or is outside your areas').waitFor();
  });
});
