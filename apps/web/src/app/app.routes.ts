import { Routes } from '@angular/router';
import { HomePage, moduleEnabled, NotFoundPage, ShellLayoutComponent } from '@coremis/core-web';

export const appRoutes: Routes = [
  {
    path: '',
    component: ShellLayoutComponent,
    children: [
      { path: '', pathMatch: 'full', component: HomePage, title: 'core.titles.home' },
      {
        path: 'geo',
        canMatch: [moduleEnabled('geo')],
        loadChildren: () => import('@coremis/geo-web').then((m) => m.GEO_ROUTES),
      },
      { path: '**', component: NotFoundPage, title: 'core.titles.notFound' },
    ],
  },
];
