import { Routes } from '@angular/router';
import {
  allTranslationsLoaded,
  graphqlReady,
  loadAccessDeniedPage,
  loadAccountPage,
  loadAdminRoutes,
  loadChangePasswordPage,
  loadHomePage,
  loadLoginPage,
  loadNotFoundPage,
  loadShellLayout,
  passwordChangeRequired,
  signedIn,
  signedOut,
  webModulePublicRoutes,
  webModuleRoutes,
} from '@coremis/core-web/app';
import { WEB_MODULES } from './web-modules';

// Every page is loaded when first shown: the first load (the sign-in page) stays small.
export const appRoutes: Routes = [
  { path: 'login', loadComponent: loadLoginPage, canActivate: [signedOut], title: 'core.titles.login' },
  // public pages of the modules (a complaint form): no sign-in, all translations loaded
  ...webModulePublicRoutes(WEB_MODULES).map((route) => ({ ...route, canMatch: [graphqlReady, ...(route.canMatch ?? [])], canActivate: [allTranslationsLoaded] })),
  { path: 'change-password', loadComponent: loadChangePasswordPage, canActivate: [passwordChangeRequired], title: 'core.titles.changePassword' },
  {
    path: '',
    loadComponent: loadShellLayout,
    // the GraphQL client loads with the signed-in application, not with the sign-in page
    canMatch: [graphqlReady],
    canActivate: [signedIn, allTranslationsLoaded],
    children: [
      { path: '', pathMatch: 'full', loadComponent: loadHomePage, title: 'core.titles.home' },
      { path: 'account', loadComponent: loadAccountPage, title: 'core.titles.account' },
      { path: 'access-denied', loadComponent: loadAccessDeniedPage, title: 'core.titles.accessDenied' },
      { path: 'admin', loadChildren: loadAdminRoutes },
      ...webModuleRoutes(WEB_MODULES),
      { path: '**', loadComponent: loadNotFoundPage, title: 'core.titles.notFound' },
    ],
  },
];
