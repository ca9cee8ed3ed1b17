import { Routes } from '@angular/router';
import { hasPermission } from '../auth/auth.guards';

/** Mounted by the application under ADMIN_BASE_PATH; each page checks its own permission. */
export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: '/' },
  {
    path: 'users',
    canActivate: [hasPermission('core.users.view')],
    loadComponent: () => import('./users/users.page').then((m) => m.UsersPage),
    title: 'core.admin.titles.users',
  },
  {
    path: 'roles',
    canActivate: [hasPermission('core.roles.manage')],
    loadComponent: () => import('./roles/roles.page').then((m) => m.RolesPage),
    title: 'core.admin.titles.roles',
  },
  {
    path: 'audit',
    canActivate: [hasPermission('core.audit.view')],
    loadComponent: () => import('./audit/audit.page').then((m) => m.AuditPage),
    title: 'core.admin.titles.audit',
  },
  {
    path: 'approvals',
    canActivate: [hasPermission(['core.approvals.view', 'core.approvals.decide'])],
    loadComponent: () => import('./approvals/approvals.page').then((m) => m.ApprovalsPage),
    title: 'core.admin.titles.approvals',
  },
  {
    path: 'approval-flows',
    canActivate: [hasPermission('core.approvals.configure')],
    loadComponent: () => import('./approval-flows/approval-flows.page').then((m) => m.ApprovalFlowsPage),
    title: 'core.admin.titles.approvalFlows',
  },
];
