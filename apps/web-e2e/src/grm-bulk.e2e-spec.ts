import { startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, graphql, signIn } from './session';

const SHOTS = process.env['E2E_SCREENSHOTS_DIR'];
const LANGS = ['en', 'fr', 'pt'] as const;

interface Household {
  id: string;
  code: string;
  rooms: number | null;
  address: string | null;
}

describe('bulk updates: a file with a bad row is refused with its report, a clean one is previewed and applied', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let households: Household[];

  const shoot = async (name: string) => {
    if (!SHOTS) return;
    for (const lang of LANGS) {
      await page.getByTestId(`lang-${lang}`).click();
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${SHOTS}/${name}-${lang}.png`, fullPage: true });
    }
    await page.getByTestId('lang-en').click();
  };
  const read = async () =>
    (await graphql<{ households: { edges: { node: Household }[] } }>(page, '{ households(first: 2) { edges { node { id code rooms address } } } }')).data!.households.edges.map((e) => e.node);
  const send = async (csv: string) => {
    await page.getByTestId('bulk-file-input').setInputFiles({ name: 'updates.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('bulk-mapping').waitFor();
    await page.getByTestId('bulk-check').click();
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.baseUrl, ADMIN);
    households = await read();
    expect(households.length).toBe(2);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('reports every bad row of a file in the interface language and writes nothing', async () => {
    await page.goto(`${server.baseUrl}/grm`);
    await page.getByRole('link', { name: 'Bulk updates' }).click();
    await page.getByTestId('bulk-choose-file').waitFor();
    const [a, b] = households;
    await send(`id,Address,Rooms\n${a.id},Rua das Flores 5,3\n${b.id},Rua do Sol 9,many\n00000000-0000-4000-8000-000000000000,Rua nenhuma,2\n`);
    await page.getByTestId('bulk-errors').waitFor();
    expect(await page.getByTestId('bulk-status').textContent()).toContain('Errors');
    const report = (await page.getByTestId('bulk-errors').textContent()) ?? '';
    expect(report).toContain('"many" is not a whole number');
    expect(report).toContain('does not exist or is outside your areas');
    await shoot('bulk-update-errors');
    // the server's messages follow the interface language
    await page.getByTestId('lang-fr').click();
    await page.getByTestId('bulk-errors').getByText('« many » n’est pas un nombre entier', { exact: false }).waitFor();
    await page.getByTestId('lang-en').click();
    await page.getByTestId('bulk-errors').getByText('"many" is not a whole number', { exact: false }).waitFor();
    expect(await read()).toEqual(households);
  });

  it('previews the changes of a clean file, old and new side by side, and applies them', async () => {
    const [a, b] = households;
    const rooms = (r: number | null) => ((r ?? 0) % 40) + 3;
    await send(`id,Address,Rooms\n${a.id},Rua das Flores 5,${rooms(a.rooms)}\n${b.id},Rua do Sol 9,${rooms(b.rooms)}\n`);
    await page.getByTestId('bulk-apply').waitFor();
    expect(await page.getByTestId('bulk-summary').textContent()).toContain('2 record(s) and 4 value(s) change');
    expect(await page.getByTestId('bulk-sample').textContent()).toContain('Rua das Flores 5');
    await shoot('bulk-update-preview');
    await page.getByTestId('bulk-apply').click();
    await page.getByTestId('bulk-apply').waitFor({ state: 'detached' });
    // applied by a job: "Applying" until it has run
    await page.getByTestId('bulk-status').filter({ hasText: /^\s*Applied\s*$/ }).waitFor();
    const after = await read();
    expect(after).toEqual([
      { ...a, address: 'Rua das Flores 5', rooms: rooms(a.rooms) },
      { ...b, address: 'Rua do Sol 9', rooms: rooms(b.rooms) },
    ]);
    await shoot('bulk-update-applied');
  });
});
