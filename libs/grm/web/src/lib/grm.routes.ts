import { Routes } from '@angular/router';
import { hasPermission } from '@coremis/core-web';

/** Mounted by the application under `/grm` when the API reports the `grm` module as enabled. */
export const GRM_ROUTES: Routes = [
  {
    path: '',
    canActivateChild: [hasPermission('grm.view')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./tickets/ticket-list.page').then((m) => m.TicketListPage),
        title: 'grm.titles.list',
      },
    ],
  },
];
