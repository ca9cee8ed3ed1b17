import { Routes } from '@angular/router';
import { hasPermission } from '@coremis/core-web';

/** Mounted by the application under `/intake` when the API reports the `intake` module as enabled. */
export const INTAKE_ROUTES: Routes = [
  {
    path: '',
    canActivateChild: [hasPermission('intake.view')],
    children: [
      { path: '', pathMatch: 'full', loadComponent: () => import('./connectors/connector-list.page').then((m) => m.ConnectorListPage), title: 'intake.titles.list' },
      { path: 'queue', loadComponent: () => import('./queue/queue.page').then((m) => m.QueuePage), title: 'intake.titles.queue' },
      { path: ':id/mapping', canActivate: [hasPermission('intake.manage')], loadComponent: () => import('./mapping/mapping.page').then((m) => m.MappingPage), title: 'intake.titles.mapping' },
    ],
  },
];
