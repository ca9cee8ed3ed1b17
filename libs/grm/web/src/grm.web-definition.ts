import { defineWebModule, PAGE_TAB_HOSTS } from '@coremis/core-web/app';

/** The grm module's web side, under `/grm`, its public form under `/public/grm`, and a Grievances tab on households. */
export const grmWebDefinition = defineWebModule({
  key: 'grm',
  routes: () => import('./lib/grm.routes').then((m) => m.GRM_ROUTES),
  publicRoutes: () => import('./lib/grm.routes').then((m) => m.GRM_PUBLIC_ROUTES),
  translations: [() => import('./lib/grm.translations').then((m) => m.GRM_TRANSLATIONS)],
  pageTabs: [
    {
      page: PAGE_TAB_HOSTS.registryHousehold,
      key: 'grievances',
      labelKey: 'grm.tabs.grievances',
      permission: 'grm.view',
      component: () => import('./lib/tickets/ticket-list.page').then((m) => m.HouseholdTicketsTab),
    },
  ],
});
