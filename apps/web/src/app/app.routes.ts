import { Routes } from '@angular/router';
import {
  AccessDeniedPage,
  AccountPage,
  ChangePasswordPage,
  HomePage,
  loadAdminRoutes,
  LoginPage,
  moduleEnabled,
  NotFoundPage,
  passwordChangeRequired,
  ShellLayoutComponent,
  signedIn,
  signedOut,
} from '@coremis/core-web';

export const appRoutes: Routes = [
  { path: 'login', component: LoginPage, canActivate: [signedOut], title: 'core.titles.login' },
  { path: 'change-password', component: ChangePasswordPage, canActivate: [passwordChangeRequired], title: 'core.titles.changePassword' },
  {
    path: '',
    component: ShellLayoutComponent,
    canActivate: [signedIn],
    children: [
      { path: '', pathMatch: 'full', component: HomePage, title: 'core.titles.home' },
      { path: 'account', component: AccountPage, title: 'core.titles.account' },
      { path: 'access-denied', component: AccessDeniedPage, title: 'core.titles.accessDenied' },
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
      { path: '**', component: NotFoundPage, title: 'core.titles.notFound' },
    ],
  },
];
