import { Routes } from '@angular/router';
import {
  AccessDeniedPage,
  AccountPage,
  ChangePasswordPage,
  HomePage,
  loadAdminRoutes,
  LoginPage,
  NotFoundPage,
  passwordChangeRequired,
  ShellLayoutComponent,
  signedIn,
  signedOut,
  webModuleRoutes,
} from '@coremis/core-web';
import { WEB_MODULES } from './web-modules';

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
      ...webModuleRoutes(WEB_MODULES),
      { path: '**', component: NotFoundPage, title: 'core.titles.notFound' },
    ],
  },
];
