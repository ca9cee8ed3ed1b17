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
        path: 'cycles/:id',
        loadComponent: () => import('./cycles/cycle-detail.page').then((m) => m.CycleDetailPage),
        title: 'payroll.cycle.title',
      },
      {
        path: 'payrolls/:id',
        loadComponent: () => import('./payrolls/payroll.page').then((m) => m.PayrollPage),
        title: 'payroll.title',
      },
      {
        path: 'points',
        loadComponent: () => import('./points/payment-point-list.page').then((m) => m.PaymentPointListPage),
        title: 'paymentPoints.title',
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
