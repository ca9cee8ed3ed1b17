import { Routes } from '@angular/router';
import { hasPermission } from '@coremis/core-web';

/** Mounted by the application under `/payment` when the API reports the `payment` module as enabled. */
export const PAYMENT_ROUTES: Routes = [
  {
    path: '',
    canActivateChild: [hasPermission('payment.view')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./cycles/cycle-list.page').then((m) => m.CycleListPage),
        title: 'payment.titles.list',
      },
      {
        path: 'providers',
        canActivate: [hasPermission('payment.providers.manage')],
        loadComponent: () => import('./providers/provider-accounts.page').then((m) => m.ProviderAccountsPage),
        title: 'paymentProviders.title',
      },
    ],
  },
];
