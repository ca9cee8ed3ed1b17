import { startTestServer, type TestServer } from '@coremis/core/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, CHECKER, graphql, OFFICER, signIn, signOut } from './session';
import { dialogFocused } from './choose';

const SHOTS = process.env['E2E_SCREENSHOTS_DIR'];
const LANGS = ['en', 'fr', 'pt'] as const;

describe('data-change requests: requested on the household page, approved at two levels, applied with history', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let household: { id: string; code: string; rooms: number | null };
  let newRooms = 0;
  let requestId = '';
  let pendingOperationId = '';

  const shoot = async (name: string) => {
    if (!SHOTS) return;
    for (const lang of LANGS) {
      await page.getByTestId(`lang-${lang}`).click();
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${SHOTS}/${name}-${lang}.png`, fullPage: true });
    }
    await page.getByTestId('lang-en').click();
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.baseUrl, ADMIN);
    // two levels, each decided by a different programme officer
    const flow = await graphql(page, 'mutation($input: SaveApprovalFlowInput!) { saveApprovalFlow(input: $input) { id } }', {
      input: { operation: 'grm.changes.apply', enabled: true, levels: [{ roles: ['programme_officer'], policy: 'ANY' }, { roles: ['programme_officer'], policy: 'ANY' }] },
    });
    expect(flow.errors).toBeUndefined();
    // the checkers may read data-change requests: the inbox then names the record and the values
    const roles = await graphql<{ roles: { id: string; code: string; name: string; permissions: string[] }[] }>(page, '{ roles { id code name permissions } }');
    const officerRole = roles.data!.roles.find((role) => role.code === 'programme_officer')!;
    const granted = await graphql(page, 'mutation($input: SaveRoleInput!) { saveRole(input: $input) { id } }', {
      input: { id: officerRole.id, code: officerRole.code, name: officerRole.name, permissions: [...officerRole.permissions, 'grm.changes.view'] },
    });
    expect(granted.errors).toBeUndefined();
    const found = await graphql<{ households: { edges: { node: { id: string; code: string; rooms: number | null } }[] } }>(page, '{ households(first: 1) { edges { node { id code rooms } } } }');
    household = found.data!.households.edges[0].node;
    newRooms = ((household.rooms ?? 0) % 40) + 3;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('requests a change from the household page and shows it pending, old and new values side by side', async () => {
    await page.goto(`${server.baseUrl}/registry/households/${household.id}`);
    await page.getByTestId('household-changes-tab').click();
    if (SHOTS) {
      for (const lang of LANGS) {
        await page.getByTestId(`lang-${lang}`).click();
        await page.getByTestId('change-request').click();
        await page.getByTestId('change-submit').waitFor();
        await page.waitForTimeout(400);
        await page.screenshot({ path: `${SHOTS}/change-dialog-${lang}.png` });
        await page.keyboard.press('Escape');
        await page.getByTestId('change-submit').waitFor({ state: 'detached' });
      }
      await page.getByTestId('lang-en').click();
    }
    await page.getByTestId('change-request').click();
    await page.getByTestId('change-field-0').click();
    await page.getByRole('option', { name: 'Rooms', exact: true }).click();
    await page.getByTestId('change-value-0').fill(String(newRooms));
    await page.getByTestId('change-reason').fill('Counted on the home visit of 3 December.');
    await page.getByTestId('change-submit').click();
    const row = page.locator('[data-testid^="change-row-"]').first();
    await row.waitFor();
    requestId = ((await row.getAttribute('data-testid')) ?? '').replace('change-row-', '');
    expect(await row.textContent()).toContain('Waiting');
    await shoot('household-changes-tab');
    await row.click();
    await page.getByTestId('change-values').waitFor();
    expect(await page.getByTestId('change-values').textContent()).toContain(String(newRooms));
    expect(await page.getByTestId('change-approval').textContent()).toContain('Level 1 of 2');
    await shoot('change-detail-pending');
    const detail = await graphql<{ dataChangeRequest: { pendingOperationId: string } }>(page, 'query($id: ID!) { dataChangeRequest(id: $id) { pendingOperationId } }', { id: requestId });
    pendingOperationId = detail.data!.dataChangeRequest.pendingOperationId;
    expect(pendingOperationId).toBeTruthy();
  }, 90_000);

  it('is approved by two officers, one per level, and only then applied', async () => {
    for (const [account, level] of [[OFFICER, 1], [CHECKER, 2]] as const) {
      await signOut(page);
      await signIn(page, server.baseUrl, account, true);
      await page.getByTestId('nav-admin-approvals').click();
      const request = page.getByTestId(`approval-request-${pendingOperationId}`);
      await request.waitFor();
      await request.getByText(`Rooms ${household.rooms ?? '(empty)'} → ${newRooms}`).waitFor();
      if (level === 1) await shoot('approval-inbox');
      await request.getByTestId('approval-approve').click();
      await dialogFocused(page);
      await page.getByTestId('decision-text').fill(`Level ${level}: checked.`);
      await page.getByTestId('decision-submit').click();
      await page.getByTestId('approval-outcome').waitFor();
      await request.waitFor({ state: 'detached' });
      const state = await graphql<{ household: { rooms: number | null } }>(page, 'query($id: ID!) { household(id: $id) { rooms } }', { id: household.id });
      if (level === 1) expect(state.data?.household?.rooms ?? household.rooms).toBe(household.rooms);
    }
  }, 120_000);

  it('shows the new value on the household with its history, and the request APPLIED', async () => {
    await signOut(page);
    await signIn(page, server.baseUrl, ADMIN, true);
    await page.goto(`${server.baseUrl}/registry/households/${household.id}`);
    await page.getByTestId('household-code').waitFor();
    await page.getByText(String(newRooms), { exact: true }).first().waitFor();
    await page.getByTestId('household-history-tab').click();
    const entry = page.getByTestId('history-entry').filter({ hasText: String(newRooms) }).first();
    await entry.waitFor();
    expect(await entry.textContent()).toContain('admin');
    await shoot('household-history');
    await page.goto(`${server.baseUrl}/grm/changes/${requestId}`);
    await page.getByTestId('change-detail-status').waitFor();
    expect(await page.getByTestId('change-detail-status').textContent()).toContain('Applied');
    await shoot('change-detail-applied');
    await page.goto(`${server.baseUrl}/grm/changes`);
    await page.getByTestId(`change-row-${requestId}`).waitFor();
    await shoot('change-list');
  }, 90_000);
});
