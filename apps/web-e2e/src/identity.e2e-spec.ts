import { startTestServer, type TestServer } from '@coremis/core/testing';
import { authenticator } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ADMIN, CHECKER, graphql, OFFICER, signIn, signOut, storedSession, submitCredentials } from './session';
import { dialogFocused, openDialog } from './choose';

const SHOTS = process.env['E2E_SCREENSHOTS_DIR'];

const NEW_USER = { username: 'e2e.north', displayName: 'Efua North Officer', password: 'Efua-chooses-her-own-2026' };
const NEW_AREA = { code: 'E2E-APPROVAL-1', name: 'Approval Province' };

describe('identity, administration and approvals in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  /** Shared by the steps of the story below, in order. */
  let totpSecret = '';
  let recoveryCodes: string[] = [];
  let temporaryPassword = '';
  let pendingOperationId = '';

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

  it('refuses a wrong password, then signs the administrator in', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('login-form').waitFor();

    await submitCredentials(page, server.baseUrl, { username: ADMIN.username, password: 'not the password' }, true);
    await page.getByTestId('login-error').waitFor();
    expect(await text('login-error')).toContain('Wrong username or password');
    // the sign-in steps go over fetch, without the Apollo client: the API still answers in the page's language
    const refused: Record<string, string> = { fr: 'Nom d’utilisateur ou mot de passe incorrect.', pt: 'Nome de utilizador ou palavra-passe incorretos.' };
    for (const [lang, message] of Object.entries(refused)) {
      await page.getByTestId(`lang-${lang}`).click();
      await page.getByTestId('login-password').fill('still not the password');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('login-error').filter({ hasText: message }).waitFor();
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/login-refused-${lang}.png` });
    }
    await page.getByTestId('lang-en').click();

    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();

    await page.getByTestId('user-menu').waitFor();
    expect(await text('user-menu-name')).toBe('Ada Administrator');
    for (const entry of ['nav-admin-users', 'nav-admin-roles', 'nav-admin-audit', 'nav-admin-approvals', 'nav-admin-approval-flows']) {
      await page.getByTestId(entry).waitFor();
    }
  });

  it('sets up two-step verification from the account page', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-account').click();
    expect(await text('two-factor-status')).toContain('Off');

    await page.getByTestId('two-factor-setup').click();
    await page.getByTestId('totp-qr').waitFor();
    expect(await page.getByTestId('totp-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    totpSecret = (await text('totp-secret')).replace(/\s+/g, '');
    expect(totpSecret).toMatch(/^[A-Z2-7]{16,}$/);

    await page.getByTestId('totp-enrol-code').fill(authenticator.generate(totpSecret));
    await page.getByTestId('totp-enrol-confirm').click();

    await page.getByTestId('recovery-codes').waitFor();
    recoveryCodes = (await page.getByTestId('recovery-codes').locator('li').allTextContents()).map((code) => code.trim());
    expect(recoveryCodes.length).toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId('recovery-continue').isDisabled()).toBe(true);
    await page.getByTestId('recovery-saved').locator('input').check();
    await page.getByTestId('recovery-continue').click();

    await page.getByTestId('two-factor-status').filter({ hasText: 'On' }).waitFor();
  });

  it('signs out, then signs in again with a code from the app', async () => {
    await signOut(page);
    expect(await text('login-notice')).toContain('You have signed out');

    await submitCredentials(page, server.baseUrl, ADMIN, true);
    await page.getByTestId('login-code-form').waitFor();
    // the enrolment consumed the code of the current 30-second step: use the next one
    await page.getByTestId('login-code').fill(authenticator.clone({ epoch: Date.now() + 30_000 }).generate(totpSecret));
    await page.getByTestId('login-verify').click();

    await page.getByTestId('user-menu').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('renews an expired or refused access token without interrupting the work', async () => {
    const setSession = (change: Record<string, unknown>) =>
      page.evaluate((change) => {
        const session = JSON.parse(sessionStorage.getItem('coremis.session') ?? '{}');
        sessionStorage.setItem('coremis.session', JSON.stringify({ ...session, ...change }));
      }, change);
    let refreshes = 0;
    page.on('request', (request) => {
      if (request.postData()?.includes('refreshSession')) refreshes++;
    });
    await page.getByTestId('nav-admin-users').click();
    await page.getByTestId('user-row-admin').waitFor();
    const first = await storedSession(page);
    expect(first).not.toBeNull();

    // an access token about to expire is renewed before the request goes out
    await setSession({ accessTokenExpiresAt: Date.now() - 1000 });
    await page.reload();
    await page.getByTestId('user-row-admin').waitFor();
    const second = await storedSession(page);
    expect(second?.refreshToken).not.toBe(first?.refreshToken);
    expect(second?.accessToken).not.toBe(first?.accessToken);
    expect(refreshes).toBe(1);

    // a token the API refuses is renewed, then the request is sent again
    await setSession({ accessToken: 'refused.by.the.api' });
    await page.reload();
    await page.getByTestId('user-row-admin').waitFor();
    const third = await storedSession(page);
    expect(third?.refreshToken).not.toBe(second?.refreshToken);
    expect(refreshes).toBe(2);

    // several requests at once when the token has expired (15 minutes later): one refresh for all of
    // them, since a refresh token used twice would end the session
    await page.clock.setSystemTime(Date.now() + 16 * 60_000);
    await page.getByTestId('nav-admin-approvals').click();
    await page.getByTestId('approvals-inbox').getByTestId('empty-state').waitFor();
    await page.getByTestId('approvals-tab-mine').waitFor();
    await page.clock.setSystemTime(Date.now());
    expect(refreshes).toBe(3);
    expect(new URL(page.url()).pathname).toBe('/admin/approvals');
    const stillValid = await graphql<{ mySessions: { current: boolean }[] }>(page, '{ mySessions { current } }');
    expect(stillValid.errors).toBeUndefined();
    expect(stillValid.data?.mySessions.some((session) => session.current)).toBe(true);
  });

  it('creates a user restricted to the Northern Province', async () => {
    await page.getByTestId('nav-admin-users').click();
    await openDialog(page, 'users-create');

    await page.getByTestId('user-form-username').fill(NEW_USER.username);
    await page.getByTestId('user-form-display-name').fill(NEW_USER.displayName);
    await page.getByTestId('user-form-generate').click();
    temporaryPassword = await page.getByTestId('user-form-password').inputValue();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);

    await page.getByTestId('user-form-roles').click();
    await page.getByTestId('role-option-district_officer').click();
    await page.keyboard.press('Escape');

    await page.getByTestId('user-form-restriction-areas').locator('input').check();
    await page.getByTestId('area-picker-input').fill('Northern');
    await page.getByTestId('area-option-DL-01').click();
    await page.getByTestId('area-chip-DL-01').waitFor();

    await page.getByTestId('user-form-save').click();

    await page.getByTestId(`user-row-${NEW_USER.username}`).waitFor();
    await page.getByTestId(`user-areas-${NEW_USER.username}`).getByText('Northern Province').waitFor();
    expect(await text(`user-row-${NEW_USER.username}`)).toContain('District officer');
    expect(await text(`user-row-${NEW_USER.username}`)).toContain('Temporary password');
  });

  it('makes the new user choose a password, then shows them only their province', async () => {
    await signOut(page);
    await submitCredentials(page, server.baseUrl, { username: NEW_USER.username, password: temporaryPassword }, true);

    await page.getByTestId('change-password-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/change-password');
    await page.getByTestId('password-current').fill(temporaryPassword);
    await page.getByTestId('password-new').fill(NEW_USER.password);
    await page.getByTestId('password-confirm').fill(NEW_USER.password);
    await page.getByTestId('password-save').click();

    await page.getByTestId('user-menu').waitFor();
    expect(await text('user-menu-name')).toBe(NEW_USER.displayName);
    expect(await page.getByTestId('nav-admin-users').count()).toBe(0);
    expect(await page.getByTestId('nav-geo-1').count()).toBe(0); // no import permission

    await page.getByTestId('nav-geo-0').click();
    await page.getByTestId('geo-row-DL-01').waitFor();
    expect(await text('geo-row-DL-01')).toContain('Northern Province');
    expect(await page.getByTestId('geo-row-DL-02').count()).toBe(0);
    expect(await page.getByText('Southern Province').count()).toBe(0);
    expect(await page.getByTestId('geo-import-link').count()).toBe(0);

    await page.getByTestId('geo-search').fill('Province');
    await page.getByTestId('geo-search-scope').waitFor();
    await page.getByTestId('geo-row-DL-01').waitFor();
    expect(await page.getByTestId('geo-row-DL-02').count()).toBe(0);

    // an administration page opened by its address is refused
    await page.goto(`${server.baseUrl}/admin/users`);
    await page.getByTestId('access-denied').waitFor();
  });

  it('lets the administrator require approval for new areas (with a recovery code)', async () => {
    await signOut(page);
    await submitCredentials(page, server.baseUrl, ADMIN, true);
    await page.getByTestId('login-code-form').waitFor();
    await page.getByTestId('login-toggle-recovery').click();
    await page.getByTestId('login-recovery-code').fill(recoveryCodes[0]);
    await page.getByTestId('login-verify').click();
    await page.getByTestId('user-menu').waitFor();

    await page.getByTestId('nav-admin-approval-flows').click();
    await page.getByTestId('flow-edit-geo.areas.create').click();
    await page.getByTestId('flow-level-roles-0').click();
    await page.getByTestId('flow-role-programme_officer').click();
    await page.keyboard.press('Escape');
    expect(await text('flow-level-policy-0')).toContain('Any one of them');
    await page.getByTestId('flow-form-save').click();

    await page.getByTestId('flow-geo.areas.create').getByText('Approval required').waitFor();
    expect(await text('flow-geo.areas.create')).toContain('One approval from: Programme officer');
  });

  it('holds the area an officer creates until it is approved', async () => {
    await signOut(page);
    await signIn(page, server.baseUrl, OFFICER, true);

    await page.getByTestId('nav-geo-0').click();
    await page.getByTestId('geo-row-DL').click();
    await page.getByTestId('geo-row-DL-01').waitFor();
    await openDialog(page, 'geo-add');
    await page.getByTestId('geo-form-code').fill(NEW_AREA.code);
    await page.getByTestId('geo-form-name-en').fill(NEW_AREA.name);
    await page.getByTestId('geo-form-save').click();

    await page.getByText('Sent for approval').waitFor();
    expect(await page.getByTestId('geo-area-form').count()).toBe(0);
    expect(await page.getByTestId('error-banner').count()).toBe(0);
    expect(await page.getByTestId(`geo-row-${NEW_AREA.code}`).count()).toBe(0);
  });

  it('does not let the officer approve their own request', async () => {
    await page.getByTestId('nav-admin-approvals').click();
    await page.getByTestId('approvals-inbox').getByTestId('empty-state').waitFor();

    await page.getByTestId('approvals-tab-mine').click();
    const request = page.getByTestId('approvals-mine').locator('[data-testid^="my-request-"]').first();
    await request.waitFor();
    expect(await request.textContent()).toContain('Create an administrative area');
    expect(await request.getByTestId('my-request-status').textContent()).toContain('Waiting');
    pendingOperationId = ((await request.getAttribute('data-testid')) ?? '').replace('my-request-', '');

    const refused = await graphql(page, 'mutation ($id: ID!) { approveOperation(id: $id) { status } }', { id: pendingOperationId });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets the checker approve it from the inbox, and the area exists', async () => {
    await signOut(page);
    await signIn(page, server.baseUrl, CHECKER, true);

    await page.getByTestId('nav-admin-approvals').click();
    const request = page.getByTestId(`approval-request-${pendingOperationId}`);
    await request.waitFor();
    expect(await request.textContent()).toContain(NEW_AREA.name);
    expect(await request.textContent()).toContain('officer');

    await request.getByTestId('approval-approve').click();
    await dialogFocused(page);
    await page.getByTestId('decision-text').fill('Checked against the decree.');
    await page.getByTestId('decision-submit').click();

    await page.getByTestId('approval-outcome').waitFor();
    expect(await text('approval-outcome')).toContain('was carried out');
    await page.getByTestId(`approval-request-${pendingOperationId}`).waitFor({ state: 'detached' });

    await page.getByTestId('nav-geo-0').click();
    await page.getByTestId('geo-search').fill(NEW_AREA.code);
    await page.getByTestId(`geo-row-${NEW_AREA.code}`).waitFor();
    expect(await text(`geo-row-${NEW_AREA.code}`)).toContain(NEW_AREA.name);
  });

  it('ends a revoked session and says so on the sign-in page', async () => {
    // sign this session out from elsewhere, as from another device
    await page.getByTestId('nav-home').click();
    expect((await graphql(page, 'mutation { logout }')).errors).toBeUndefined();

    await page.getByTestId('nav-admin-approvals').click();

    await page.getByTestId('login-notice').waitFor();
    expect(await text('login-notice')).toContain('Your session has ended');
    expect(page.url()).toContain('returnUrl=%2Fadmin%2Fapprovals');
    expect(await page.getByTestId('user-menu').count()).toBe(0);
    expect(await storedSession(page)).toBeNull();
  });

  it('makes the users of a role that requires it set up two-step verification when they sign in', async () => {
    await submitCredentials(page, server.baseUrl, ADMIN, true);
    await page.getByTestId('login-toggle-recovery').click();
    await page.getByTestId('login-recovery-code').fill(recoveryCodes[1]);
    await page.getByTestId('login-verify').click();
    await page.getByTestId('user-menu').waitFor();
    // the sign-in returns to the page asked for before
    expect(new URL(page.url()).pathname).toBe('/admin/approvals');

    await page.getByTestId('nav-admin-roles').click();
    await page.getByTestId('role-edit-district_officer').click();
    expect(await page.getByTestId('role-permission-geo.areas.view').locator('input').isChecked()).toBe(true);
    await page.getByTestId('role-form-two-factor').locator('button').click();
    await page.getByTestId('role-form-save').click();
    await page.getByTestId('role-row-district_officer').getByText('Required').waitFor();

    await signOut(page);
    await submitCredentials(page, server.baseUrl, { username: NEW_USER.username, password: NEW_USER.password }, true);
    await page.getByTestId('login-enrol').getByTestId('totp-qr').waitFor();
    const secret = (await text('totp-secret')).replace(/\s+/g, '');
    await page.getByTestId('totp-enrol-code').fill(authenticator.generate(secret));
    await page.getByTestId('totp-enrol-confirm').click();
    await page.getByTestId('recovery-codes').waitFor();
    await page.getByTestId('recovery-saved').locator('input').check();
    await page.getByTestId('recovery-continue').click();

    await page.getByTestId('user-menu').waitFor();
    expect(await text('user-menu-name')).toBe(NEW_USER.displayName);
  });

  it('deactivates chosen accounts in one bulk action, which ends their access, and activates them again', async () => {
    await signOut(page);
    await submitCredentials(page, server.baseUrl, ADMIN, true);
    await page.getByTestId('login-toggle-recovery').click();
    await page.getByTestId('login-recovery-code').fill(recoveryCodes[2]);
    await page.getByTestId('login-verify').click();
    await page.getByTestId('nav-admin-users').click();
    await page.getByTestId(`user-row-${NEW_USER.username}-select`).locator('input').check();
    await page.getByTestId(`user-row-${CHECKER.username}-select`).locator('input').check();
    // the count follows the second tick once Angular has rendered it: wait for it, not for the click
    await page.getByTestId('users-table-selected').filter({ hasText: /\b2\b/ }).waitFor();
    expect(await text('users-table-selected')).toContain('2');
    await page.getByTestId('users-bulk-deactivate').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId(`user-row-${NEW_USER.username}`).getByText('Disabled').waitFor();
    await page.getByTestId(`user-row-${CHECKER.username}`).getByText('Disabled').waitFor();
    expect(await page.getByTestId('users-table-selected').count()).toBe(0);
    const refused = await graphql(page, 'mutation($input: LoginInput!) { login(input: $input) { status } }', { input: { username: NEW_USER.username, password: NEW_USER.password } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    await page.getByTestId(`user-row-${NEW_USER.username}-select`).locator('input').check();
    await page.getByTestId(`user-row-${CHECKER.username}-select`).locator('input').check();
    await page.getByTestId('users-bulk-activate').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId(`user-row-${CHECKER.username}`).getByText('Active').waitFor();
    expect(await text(`user-row-${NEW_USER.username}`)).toContain('Active');
  });
});
