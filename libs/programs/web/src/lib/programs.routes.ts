import { Routes } from '@angular/router';
import { hasPermission } from '@coremis/core-web';

/** Mounted by the application under `/programs` when the API reports the `programs` module as enabled. */
export const PROGRAMS_ROUTES: Routes = [
  {
    path: '',
    canActivateChild: [hasPermission('programs.view')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./programs/program-list.page').then((m) => m.ProgramListPage),
        title: 'programs.titles.list',
      },
      {
        path: ':id',
        loadComponent: () => import('./programs/program-detail.page').then((m) => m.ProgramDetailPage),
        title: 'programs.titles.detail',
      },
    ],
  },
];
