import { Routes } from '@angular/router';
import { hasPermission } from '@coremis/core-web';

/** Mounted by the application under `/grm` when the API reports the `grm` module as enabled. */
export const GRM_ROUTES: Routes = [
  {
    path: '',
    // each page names its own permission: a data-change reviewer or a bulk updater need not read grievances
    children: [
      {
        path: '',
        pathMatch: 'full',
        canActivate: [hasPermission('grm.view')],
        loadComponent: () => import('./tickets/ticket-list.page').then((m) => m.TicketListPage),
        title: 'grm.titles.list',
      },
      {
        path: 'categories',
        canActivate: [hasPermission('grm.categories.manage')],
        loadComponent: () => import('./categories/category-admin.page').then((m) => m.CategoryAdminPage),
        title: 'grm.titles.categories',
      },
      {
        path: 'changes',
        canActivate: [hasPermission('grm.changes.view')],
        loadComponent: () => import('./changes/data-change-list.page').then((m) => m.DataChangeListPage),
        title: 'grm.titles.changes',
      },
      {
        path: 'changes/:id',
        canActivate: [hasPermission('grm.changes.view')],
        loadComponent: () => import('./changes/data-change-detail.page').then((m) => m.DataChangeDetailPage),
        title: 'grm.titles.change',
      },
      {
        path: 'bulk-updates',
        canActivate: [hasPermission('grm.bulkUpdates.manage')],
        loadComponent: () => import('./bulk/bulk-update.page').then((m) => m.BulkUpdatePage),
        title: 'grm.titles.bulkUpdates',
      },
      {
        path: ':id',
        canActivate: [hasPermission('grm.view')],
        loadComponent: () => import('./tickets/ticket-detail.page').then((m) => m.TicketDetailPage),
        title: 'grm.titles.detail',
      },
    ],
  },
];

/** Mounted under `/public/grm` without signing in: the complaint form and the follow-up. */
export const GRM_PUBLIC_ROUTES: Routes = [
  { path: '', pathMatch: 'full', loadComponent: () => import('./public/public-complaint.page').then((m) => m.PublicComplaintPage), title: 'grm.public.title', data: { mode: 'submit' } },
  { path: 'follow', loadComponent: () => import('./public/public-complaint.page').then((m) => m.PublicComplaintPage), title: 'grm.public.title', data: { mode: 'follow' } },
];
