import { defineWebModule, PAGE_TAB_HOSTS } from '@coremis/core-web/app';

/** The programs module's web side, under `/programs`, and a Programmes tab on households. */
export const programsWebDefinition = defineWebModule({
  key: 'programs',
  routes: () => import('./lib/programs.routes').then((m) => m.PROGRAMS_ROUTES),
  translations: [() => import('./lib/programs.translations').then((m) => m.PROGRAMS_TRANSLATIONS)],
  pageTabs: [
    {
      page: PAGE_TAB_HOSTS.registryHousehold,
      key: 'programmes',
      labelKey: 'programs.tabs.programmes',
      order: 10,
      permission: 'programs.view',
      component: () => import('./lib/household/household-programmes-tab.component').then((m) => m.HouseholdProgrammesTabComponent),
    },
  ],
});
