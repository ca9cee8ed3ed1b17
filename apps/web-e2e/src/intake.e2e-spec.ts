import { startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
// the fake KoBo server is test code of the intake library, shared with its integration tests and the bench
// eslint-disable-next-line @nx/enforce-module-boundaries
import { householdFields, PNG_PIXEL } from '../../../libs/intake/server/src/testing/fake-form-store';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { FakeKoboServer } from '../../../libs/intake/server/src/testing/fake-kobo.server';
import { launchBrowser } from './browser';
import { ADMIN, graphql, signIn } from './session';

const SHOTS = process.env['E2E_SCREENSHOTS_DIR'];

const RULES: [string, string][] = [
  ['household.areaCode', 'hh/area'],
  ['household.address', 'hh/address'],
  ['household.photo', 'photo'],
  ['member.givenName', 'hh/members/given_name'],
  ['member.familyName', 'hh/members/family_name'],
  ['member.sex', 'hh/members/sex'],
  ['member.relationship', 'hh/members/relation'],
  ['member.birthDate', 'hh/members/birth_date'],
];
const CHOICES: [string, string][] = [
  ['f', 'F'],
  ['m', 'M'],
  ['head', 'HEAD'],
  ['child', 'SON'],
];

describe('field intake in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let kobo: FakeKoboServer;

  const shot = async (name: string) => {
    if (!SHOTS) return;
    // the application shell scrolls its content area, not the window
    await page.evaluate(() => document.querySelectorAll('*').forEach((el) => el.scrollTop > 0 && el.scrollTo(0, 0)));
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  const households = async () => (await graphql<{ households: { totalCount: number } }>(page, '{ households(first: 1) { totalCount } }')).data!.households.totalCount;
  const pullAndWait = async () => {
    await page.goto(`${server.baseUrl}/intake`);
    await page.getByTestId('pull-now-E2E-KOBO').click();
    await page.getByTestId('pull-E2E-KOBO').getByText(/Done|Terminé|Concluído/).waitFor({ timeout: 60_000 });
  };

  beforeAll(async () => {
    kobo = await new FakeKoboServer().start();
    kobo.store.add(householdFields(1, 3, 'DL-01'));
    const failing = householdFields(2, 3, 'XX-99');
    failing['photo'] = 'head.png';
    kobo.store.add(failing, [{ name: 'head.png', content: PNG_PIXEL, contentType: 'image/png' }]);
    server = await startTestServer({ INTAKE_SCHEDULER_SECONDS: '0', INTAKE_ALLOWED_HOSTS: '127.0.0.1' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, server.baseUrl, ADMIN);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await kobo?.stop();
  });

  it('configures a KoBo connector, maps the member repeat group, pulls, corrects and accepts; an edit updates the same household', async () => {
    await page.goto(`${server.baseUrl}/intake`);
    await page.getByTestId('intake-new-connector').click();
    await page.getByTestId('connector-code').fill('E2E-KOBO');
    await page.getByTestId('connector-name').fill('Household survey');
    await page.getByTestId('connector-url').fill(kobo.url);
    await page.getByTestId('connector-form-id').fill(kobo.assetUid);
    await page.getByTestId('connector-secret').fill(kobo.token);
    await page.getByTestId('connector-area').fill('Northern');
    await page.getByTestId('area-option-DL-01').click();
    await page.getByTestId('connector-save').click();
    await page.getByTestId('mapping-E2E-KOBO').click();

    await page.getByTestId('mapping-members-path').fill('hh/members');
    for (const [target, path] of RULES) {
      await page.getByTestId(`mapping-${target}`).fill(path);
      await page.getByTestId(`mapping-${target}`).press('Tab');
    }
    for (const [i, [value, code]] of CHOICES.entries()) {
      await page.getByTestId('mapping-add-choice').click();
      await page.getByTestId(`choice-value-${i}`).fill(value);
      await page.getByTestId(`choice-code-${i}`).fill(code);
    }
    // the first two choices are sexes
    for (const i of [0, 1]) {
      await page.locator('.choice').nth(i).locator('mat-select').click();
      await page.getByRole('option', { name: 'Sex' }).click();
    }
    await page.getByTestId('mapping-preview').click();
    await page.getByTestId('mapping-preview-panel').locator('.card').first().waitFor();
    expect(await page.getByTestId('mapping-preview-panel').textContent()).toContain('Unknown area');
    await page.getByTestId('mapping-save').click();
    await page.getByText('Mapping saved').waitFor();
    await shot('intake-mapping-en');

    await pullAndWait();
    await shot('intake-connectors-en');

    const before = await households();
    await page.goto(`${server.baseUrl}/intake/queue`);
    await page.getByTestId('queue-table').locator('tr.navigable').first().click();
    await page.getByTestId('queue-detail').waitFor();
    await page.getByTestId('fix-household.areaCode').fill('DL-01');
    await page.getByTestId('queue-save-corrections').click();
    await page.getByTestId('queue-detail').getByText('Ready').waitFor();
    await shot('intake-queue-en');
    await page.getByTestId('queue-accept').click();
    await page.getByTestId('queue-household-link').waitFor();
    expect(await households()).toBe(before + 1);

    const href = await page.getByTestId('queue-household-link').getAttribute('href');
    const householdId = href!.split('/').pop()!;
    const read = async () =>
      (await graphql<{ household: { address: string; members: { givenName: string; relationship: string; photoUrl: string | null }[] } }>(page, 'query($id: ID!) { household(id: $id) { address members { givenName relationship photoUrl } } }', { id: householdId })).data!.household;
    const household = await read();
    expect(household.members).toHaveLength(3);
    expect(household.members.find((m) => m.relationship === 'HEAD')!.photoUrl).toBeTruthy();

    kobo.store.edit(2, (fields) => {
      const hh = fields['hh'] as { area: string; address: string; members: Record<string, unknown>[] };
      hh.area = 'DL-01';
      hh.address = 'New address after the edit';
    });
    await pullAndWait();
    expect(await households()).toBe(before + 1);
    expect((await read()).address).toBe('New address after the edit');
    const submissions = await graphql<{ intakeSubmissions: { totalCount: number } }>(page, '{ intakeSubmissions(first: 1) { totalCount } }');
    expect(submissions.data!.intakeSubmissions.totalCount).toBe(2);
  }, 180_000);

  for (const lang of ['fr', 'pt'] as const) {
    it(`shows the intake pages in ${lang}`, async () => {
      await page.goto(`${server.baseUrl}/`);
      await page.getByTestId(`lang-${lang}`).click();
      await page.goto(`${server.baseUrl}/intake`);
      await page.getByTestId('intake-table').waitFor();
      await shot(`intake-connectors-${lang}`);
      await page.getByTestId('mapping-E2E-KOBO').click();
      await page.getByTestId('mapping-preview').click();
      await page.getByTestId('mapping-preview-panel').locator('.card').first().waitFor();
      await shot(`intake-mapping-${lang}`);
      await page.goto(`${server.baseUrl}/intake/queue`);
      await page.getByTestId('queue-status').locator('mat-button-toggle').nth(1).click();
      await page.getByTestId('queue-table').locator('tr.navigable').first().click();
      await page.getByTestId('queue-detail').waitFor();
      await shot(`intake-queue-${lang}`);
    }, 60_000);
  }

  it('holds a submission that looks like a registered person, showing who, the score and why (EN, FR, PT)', async () => {
    // the model the registry estimates in a registry-wide detection run
    const run = await graphql<{ runDuplicateDetection: { id: string } }>(page, 'mutation { runDuplicateDetection { id } }');
    for (let i = 0; ; i++) {
      const job = await graphql<{ job: { status: string } }>(page, 'query($id: ID!) { job(id: $id) { status } }', { id: run.data!.runDuplicateDetection.id });
      if (job.data!.job.status === 'COMPLETED') break;
      if (job.data!.job.status === 'FAILED' || i > 240) throw new Error(`duplicate detection: ${job.data!.job.status}`);
      await page.waitForTimeout(500);
    }
    type Member = { givenName: string; familyName: string; sex: string; birthDate: string | null; relationship: string };
    const registered = await graphql<{ households: { edges: { node: { area: { code: string }; members: Member[] } }[] } }>(
      page,
      '{ households(first: 20) { edges { node { area { code } members { givenName familyName sex birthDate relationship } } } } }',
    );
    const household = registered.data!.households.edges.map((e) => e.node).find((h) => h.members.some((m) => m.relationship === 'HEAD' && m.birthDate))!;
    const head = household.members.find((m) => m.relationship === 'HEAD' && m.birthDate)!;
    // the same person typed again on a tablet, names swapped
    kobo.store.add({ hh: { area: household.area.code, address: 'Look-alike', members: [{ given_name: head.familyName, family_name: head.givenName, sex: head.sex === 'F' ? 'f' : 'm', relation: 'head', birth_date: head.birthDate }] } });
    await pullAndWait();
    for (const lang of ['en', 'fr', 'pt'] as const) {
      await page.goto(`${server.baseUrl}/`);
      await page.getByTestId(`lang-${lang}`).click();
      await page.goto(`${server.baseUrl}/intake/queue`);
      await page.getByTestId('queue-table').locator('tr.navigable', { hasText: `${head.familyName} ${head.givenName}` }).first().click();
      const match = page.getByTestId('likely-duplicate-0');
      await match.waitFor();
      expect(await match.locator('a').textContent()).toBe(`${head.givenName} ${head.familyName}`);
      expect(await match.locator('.contributions tr').count()).toBe(7);
      await shot(`intake-queue-duplicate-${lang}`);
      if (SHOTS) await match.screenshot({ path: `${SHOTS}/intake-queue-duplicate-panel-${lang}.png` });
    }
  }, 240_000);
});
