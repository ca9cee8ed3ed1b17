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
      {
        path: 'goods',
        loadComponent: () => import('./goods/goods-catalogue.page').then((m) => m.GoodsCataloguePage),
        title: 'paymentGoods.catalogue.title',
      },
      {
        path: 'goods/stock',
        loadComponent: () => import('./goods/goods-stock.page').then((m) => m.GoodsStockPage),
        title: 'paymentGoods.stock.title',
      },
      {
        path: 'goods/entitlements',
        loadComponent: () => import('./goods/goods-entitlements.page').then((m) => m.GoodsEntitlementsPage),
        title: 'paymentGoods.entitlements.title',
      },
    ],
  },
];
