import { readFileSync } from 'node:fs';
import { startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, type Account, graphql, signIn } from './session';

/** Demo district officer, restricted to the Northern Province (DL-01) of the demo geography. */
const NORTH: Account = { username: 'north', password: 'North#2026-demo' };

interface Member {
  readonly id: string;
  readonly externalId: string | null;
  readonly givenName: string;
  readonly familyName: string;
  readonly relationship: string;
  readonly recipientRole: string | null;
}

interface HouseholdNode {
  readonly id: string;
  readonly code: string;
  readonly members: readonly Member[];
}

describe('registry households and individuals in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  /** The household the story works on and the member who becomes its alternate recipient. */
  let household: HouseholdNode;
  let member: Member;
  let memberKey = '';

  const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.trim() ?? '';
  const memberRow = () => page.getByTestId(`member-row-${memberKey}`);

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds a household by the name of one of its members and opens it', async () => {
    await page.goto(`${server.baseUrl}/registry`);
    await page.getByTestId('login-form').waitFor();
    await signIn(page, server.baseUrl, ADMIN, true);
    await page.getByTestId('households-table').waitFor();

    // a demo household with a member who is neither its head nor a recipient yet
    const result = await graphql<{ households: { edges: { node: HouseholdNode }[] } }>(
      page,
      `{ households(first: 50) { edges { node { id code members { id externalId givenName familyName relationship recipientRole } } } } }`,
    );
    const candidates = (result.data?.households.edges ?? []).map((edge) => edge.node);
    household = candidates.find((h) => h.members.some((m) => m.relationship !== 'HEAD' && !m.recipientRole))!;
    expect(household).toBeDefined();
    member = household.members.find((m) => m.relationship !== 'HEAD' && !m.recipientRole)!;
    memberKey = member.externalId ?? member.id;

    const search = `${member.givenName} ${member.familyName}`;
    const found = await graphql<{ households: { totalCount: number } }>(page, `query ($search: String!) { households(filter: { search: $search }) { totalCount } }`, { search });
    const total = found.data!.households.totalCount;
    expect(total).toBeGreaterThanOrEqual(1);

    await page.getByTestId('households-search').fill(search);
    // the search applies once typing pauses; it is kept in the address for the way back
    await page.waitForURL((url) => url.searchParams.get('q') === search);
    await page.getByTestId('households-pager-range').filter({ hasText: new RegExp(`of ${total}\\s*$`) }).waitFor();
    const row = page.getByTestId(`household-row-${household.code}`);
    await row.waitFor();

    await row.click();

    await page.getByTestId('household-code').waitFor();
    expect(await text('household-code')).toBe(household.code);
    expect(new URL(page.url()).pathname).toBe(`/registry/households/${household.id}`);
    await memberRow().waitFor();
    expect(await memberRow().textContent()).toContain(`${member.givenName} ${member.familyName}`);
    expect((await memberRow().getByTestId('member-role').textContent())?.trim()).toBe('—');
  });

  it('makes the member the alternate recipient and shows it in the roster and in the history', async () => {
    const previousAlternate = household.members.find((m) => m.recipientRole === 'ALTERNATE');

    await page.getByTestId(`member-actions-${memberKey}`).click();
    await page.getByTestId('member-make-alternate').click();

    await memberRow().getByTestId('member-role').getByText('Alternate', { exact: true }).waitFor();
    if (previousAlternate) {
      // the role moved: the former alternate has none any more
      const former = page.getByTestId(`member-row-${previousAlternate.externalId ?? previousAlternate.id}`);
      await former.getByTestId('member-role').getByText('—').waitFor();
    }
    // the recipient menu now offers to clear the role instead
    await page.getByTestId(`member-actions-${memberKey}`).click();
    expect(await page.getByTestId('member-make-alternate').isDisabled()).toBe(true);
    expect(await page.getByTestId('member-clear-role').isDisabled()).toBe(false);
    await page.keyboard.press('Escape');
    await page.getByTestId('member-clear-role').waitFor({ state: 'detached' });

    await page.getByTestId('household-history-tab').click();
    const entry = page
      .getByTestId('history-entry')
      .filter({ hasText: `${member.givenName} ${member.familyName}` })
      .filter({ hasText: 'Recipient role' })
      .first();
    await entry.waitFor();
    const entryText = (await entry.textContent()) ?? '';
    expect(entryText).toContain('Alternate');
    expect(entryText).toContain('by admin');
    expect(entryText).not.toContain('ALTERNATE');
  });

  it('shows the household in French', async () => {
    await page.getByTestId('lang-fr').click();

    await page.getByTestId('household-history-tab').getByText('Historique').waitFor();
    await page.getByTestId('history-entry').filter({ hasText: 'Rôle de bénéficiaire' }).filter({ hasText: 'Suppléant' }).first().waitFor();

    await page.getByTestId('household-overview-tab').click();
    await memberRow().getByTestId('member-role').getByText('Suppléant', { exact: true }).waitFor();
    const headers = (await page.getByTestId('members-table').locator('th').allTextContents()).map((h) => h.trim());
    expect(headers).toEqual(expect.arrayContaining(['Nom', 'Sexe', 'Âge', 'Lien avec le chef', 'Rôle de bénéficiaire', 'Documents']));
    expect(await text('household-breadcrumb')).toContain('Ménages');
    expect(await text('nav-registry-0')).toContain('Ménages');
    expect(await text('nav-registry-1')).toContain('Personnes');

    await page.getByTestId('nav-registry-0').click();
    await page.getByTestId('households-table').waitFor();
    expect(await text('households-title')).toBe('Ménages');
    const listHeaders = (await page.getByTestId('households-table').locator('th').allTextContents()).map((h) => h.trim());
    expect(listHeaders).toEqual(expect.arrayContaining(['Code', 'Chef de ménage', 'Zone', 'Membres', 'Statut', 'Date d’enregistrement']));

    await page.getByTestId('lang-en').click();
    await page.getByTestId('households-title').getByText('Households').waitFor();
  });

  it('shows a restricted user only the households of their areas', async () => {
    // what the administrator sees of the Northern Province, and one household outside it
    const areas = await graphql<{ adminAreas: { edges: { node: { id: string } }[] } }>(page, `{ adminAreas(first: 1, filter: { search: "DL-01" }) { edges { node { id } } } }`);
    const northId = areas.data!.adminAreas.edges[0].node.id;
    const inNorth = await graphql<{ households: { totalCount: number; edges: { node: { code: string } }[] } }>(
      page,
      `query ($areaId: ID!) { households(first: 500, filter: { areaId: $areaId }) { totalCount edges { node { code } } } }`,
      { areaId: northId },
    );
    const all = await graphql<{ households: { totalCount: number; edges: { node: { code: string } }[] } }>(page, `{ households(first: 500) { totalCount edges { node { code } } } }`);
    const northCodes = new Set(inNorth.data!.households.edges.map((edge) => edge.node.code));
    const outside = all.data!.households.edges.map((edge) => edge.node.code).find((code) => !northCodes.has(code));
    expect(northCodes.size).toBeGreaterThan(0);
    expect(outside).toBeDefined();

    // the demo district officer's role has no registry permission: the administrator grants viewing
    const roles = await graphql<{ roles: { id: string; code: string; name: string; permissions: string[]; requireTwoFactor: boolean }[] }>(
      page,
      `{ roles { id code name permissions requireTwoFactor } }`,
    );
    const district = roles.data!.roles.find((role) => role.code === 'district_officer')!;
    const granted = await graphql(page, `mutation ($input: SaveRoleInput!) { saveRole(input: $input) { id } }`, {
      input: { id: district.id, code: district.code, name: district.name, requireTwoFactor: district.requireTwoFactor, permissions: [...district.permissions, 'registry.view'] },
    });
    expect(granted.errors).toBeUndefined();

    const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const officer = await context.newPage();
      await signIn(officer, server.baseUrl, NORTH);
      await officer.goto(`${server.baseUrl}/registry`);
      await officer.getByTestId('households-table').waitFor();

      expect(await officer.getByTestId('households-pager-range').textContent()).toContain(`of ${inNorth.data!.households.totalCount}`);
      const codes = (await officer.getByTestId('households-table').locator('tbody tr td:first-child').allTextContents()).map((c) => c.trim());
      expect(codes.length).toBeGreaterThan(0);
      for (const code of codes) expect(northCodes.has(code)).toBe(true);

      // the export of the list holds the same households: those of the officer's areas, all of them
      await officer.getByTestId('households-export').click();
      await officer.getByTestId('households-export-CSV').click();
      const ready = officer.getByTestId('households-export-download');
      await ready.waitFor({ timeout: 30_000 });
      const [download] = await Promise.all([officer.waitForEvent('download'), ready.click()]);
      expect(download.suggestedFilename()).toMatch(/^registry-households-.*\.csv$/);
      const lines = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toMatch(/^Household code,/);
      const exported = lines.slice(1).map((line) => line.split(',')[0]);
      expect(exported.length).toBe(inNorth.data!.households.totalCount);
      for (const code of exported) expect(northCodes.has(code!)).toBe(true);

      // a household elsewhere is not found, even by its exact code
      await officer.getByTestId('households-search').fill(outside!);
      await officer.getByTestId('empty-state').waitFor();
      expect(await officer.getByTestId('households-table').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
