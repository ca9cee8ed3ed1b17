// What the application's bootstrap (apps/web: app.config.ts, app.routes.ts) takes from this library,
// and nothing else: whatever this file reaches is in the first load of every page, the sign-in page
// included. Pages and shared components are reached through the loaders below, or through the full
// `@coremis/core-web` entry from lazy feature libraries.
import { SESSION_STORAGE_KEY } from './lib/auth/auth.service';

export { provideCoreWeb, type CoreWebOptions } from './lib/core-web.providers';
export { provideApprovalDetails, type ApprovalDetailsSource } from './lib/approvals/approval-details';
export { signedIn, signedOut, passwordChangeRequired } from './lib/auth/auth.guards';
export { moduleEnabled } from './lib/modules/module-enabled.guard';
export { defineWebModule, provideWebModules, webModulePublicRoutes, webModuleRoutes, type WebModuleDefinition } from './lib/modules/web-module-definition';
export { PAGE_TAB_HOSTS, type PageTabContribution } from './lib/modules/page-tab-contribution';
export { allTranslationsLoaded } from './lib/i18n/merged-translation.loader';
export { graphqlReady } from './lib/graphql/graphql-client';

/**
 * The shell's pages, each loaded when first shown: the sign-in page must not wait for the
 * signed-in layout (side menu, toolbar) nor the layout for the account page.
 */
export const loadLoginPage = () => import('./lib/auth/login.page').then((m) => m.LoginPage);
export const loadChangePasswordPage = () => import('./lib/auth/change-password.page').then((m) => m.ChangePasswordPage);
export const loadShellLayout = () => import('./lib/layout/shell-layout.component').then((m) => m.ShellLayoutComponent);
export const loadHomePage = () => import('./lib/pages/home.page').then((m) => m.HomePage);
export const loadAccountPage = () => import('./lib/auth/account.page').then((m) => m.AccountPage);
export const loadAccessDeniedPage = () => import('./lib/pages/access-denied.page').then((m) => m.AccessDeniedPage);
export const loadNotFoundPage = () => import('./lib/pages/not-found.page').then((m) => m.NotFoundPage);

/**
 * Without a stored session the first page is the sign-in page: start fetching it at once rather than
 * after the application has started and the router has resolved the URL.
 */
export function prefetchSignInPage(): void {
  try {
    if (globalThis.sessionStorage?.getItem(SESSION_STORAGE_KEY)) return;
  } catch {
    // storage disabled by privacy settings: no session either
  }
  loadLoginPage().catch(() => undefined); // the router reports a failed download when it needs the page
}

/** The administration screens, lazy-loaded under ADMIN_BASE_PATH. */
export const loadAdminRoutes = () => import('./lib/admin/admin.routes').then((m) => m.ADMIN_ROUTES);
