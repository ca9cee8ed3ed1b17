import { defineWebModule, PAGE_TAB_HOSTS } from '@coremis/core-web/app';

/** The grm module's web side, under `/grm`, its public form under `/public/grm`, a Grievances and a Data changes tab on households, a Grievances tab on people. */
export const grmWebDefinition = defineWebModule({
  key: 'grm',
  routes: () => import('./lib/grm.routes').then((m) => m.GRM_ROUTES),
  publicRoutes: () => import('./lib/grm.routes').then((m) => m.GRM_PUBLIC_ROUTES),
  translations: [() => import('./lib/grm.translations').then((m) => m.GRM_TRANSLATIONS), () => import('./lib/grm-changes.translations').then((m) => m.GRM_CHANGES_TRANSLATIONS), () => import('./lib/grm-bulk.translations').then((m) => m.GRM_BULK_TRANSLATIONS)],
  approvalDetails: () => import('./lib/approval-details').then((m) => m.GRM_APPROVAL_DETAILS),
  pageTabs: [
    {
      page: PAGE_TAB_HOSTS.registryHousehold,
      key: 'grievances',
      labelKey: 'grm.tabs.grievances',
      permission: 'grm.view',
      component: () => import('./lib/tickets/ticket-list.page').then((m) => m.HouseholdTicketsTab),
    },
    {
      page: PAGE_TAB_HOSTS.registryHousehold,
      key: 'changes',
      labelKey: 'grm.tabs.changes',
      permission: 'grm.changes.view',
      component: () => import('./lib/changes/data-change-list.page').then((m) => m.HouseholdChangesTab),
    },
    {
      page: PAGE_TAB_HOSTS.registryIndividual,
      key: 'grievances',
      labelKey: 'grm.tabs.grievances',
      permission: 'grm.view',
      component: () => import('./lib/tickets/ticket-list.page').then((m) => m.IndividualTicketsTab),
    },
  ],
});
