import type { Page } from 'playwright-core';

export interface Account {
  readonly username: string;
  readonly password: string;
}

/** Demo accounts seeded with DEMO_DATA (see README). */
export const ADMIN: Account = { username: 'admin', password: 'Admin#2026-demo' };
export const OFFICER: Account = { username: 'officer', password: 'Officer#2026-demo' };
export const CHECKER: Account = { username: 'checker', password: 'Checker#2026-demo' };

/** Fills the first step of the sign-in page (opening it first unless `onLoginPage`). */
export async function submitCredentials(page: Page, baseUrl: string, account: Account, onLoginPage = false): Promise<void> {
  if (!onLoginPage) await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(account.username);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
}

/** Signs in an account without two-step verification and waits for the application. */
export async function signIn(page: Page, baseUrl: string, account: Account, onLoginPage = false): Promise<void> {
  await submitCredentials(page, baseUrl, account, onLoginPage);
  await page.getByTestId('user-menu').waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('user-menu-sign-out').click();
  await page.getByTestId('login-form').waitFor();
}

/** The tokens the web app keeps for its session. */
export function storedSession(page: Page): Promise<{ accessToken: string; accessTokenExpiresAt: number; refreshToken: string } | null> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('coremis.session') ?? 'null'));
}

/** Runs a GraphQL operation with the page's session, as the web app would. */
export function graphql<T = unknown>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }> {
  return page.evaluate(
    async ({ query, variables }) => {
      const session = JSON.parse(sessionStorage.getItem('coremis.session') ?? 'null');
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    { query, variables },
  );
}
