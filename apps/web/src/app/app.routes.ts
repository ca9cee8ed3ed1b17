import { Routes } from '@angular/router';
import {
  allTranslationsLoaded,
  loadAccessDeniedPage,
  loadAccountPage,
  loadAdminRoutes,
  loadChangePasswordPage,
  loadHomePage,
  loadLoginPage,
  loadNotFoundPage,
  loadShellLayout,
  moduleEnabled,
  passwordChangeRequired,
  signedIn,
  signedOut,
} from '@coremis/core-web/app';

// Every page is loaded when first shown: the first load (the sign-in page) stays small.
export const appRoutes: Routes = [
  { path: 'login', loadComponent: loadLoginPage, canActivate: [signedOut], title: 'core.titles.login' },
  { path: 'change-password', loadComponent: loadChangePasswordPage, canActivate: [passwordChangeRequired], title: 'core.titles.changePassword' },
  {
    path: '',
    loadComponent: loadShellLayout,
    canActivate: [signedIn, allTranslationsLoaded],
    children: [
      { path: '', pathMatch: 'full', loadComponent: loadHomePage, title: 'core.titles.home' },
      { path: 'account', loadComponent: loadAccountPage, title: 'core.titles.account' },
      { path: 'access-denied', loadComponent: loadAccessDeniedPage, title: 'core.titles.accessDenied' },
      { path: 'admin', loadChildren: loadAdminRoutes },
      {
        path: 'geo',
        canMatch: [moduleEnabled('geo')],
        loadChildren: () => import('@coremis/geo-web').then((m) => m.GEO_ROUTES),
      },
      {
        path: 'registry',
        canMatch: [moduleEnabled('registry')],
        loadChildren: () => import('@coremis/registry-web').then((m) => m.REGISTRY_ROUTES),
      },
      { path: '**', loadComponent: loadNotFoundPage, title: 'core.titles.notFound' },
    ],
  },
];
