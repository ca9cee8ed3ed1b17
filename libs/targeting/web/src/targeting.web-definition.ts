import { defineWebModule, PAGE_TAB_HOSTS } from '@coremis/core-web/app';

/** The targeting module's web side, under `/targeting`, and the Workflow and Rounds tabs of a programme. */
export const targetingWebDefinition = defineWebModule({
  key: 'targeting',
  routes: () => import('./lib/targeting.routes').then((m) => m.TARGETING_ROUTES),
  translations: [
    () => import('./lib/targeting.translations').then((m) => m.TARGETING_TRANSLATIONS),
    () => import('./lib/targeting-workflow.translations').then((m) => m.TARGETING_WORKFLOW_TRANSLATIONS),
  ],
  pageTabs: [
    {
      page: PAGE_TAB_HOSTS.programsProgram,
      key: 'workflow',
      labelKey: 'targeting.tabs.workflow',
      order: 10,
      permission: 'targeting.view',
      component: () => import('./lib/workflow/workflow-tab.component').then((m) => m.WorkflowTabComponent),
    },
    {
      page: PAGE_TAB_HOSTS.programsProgram,
      key: 'rounds',
      labelKey: 'targeting.tabs.rounds',
      order: 20,
      permission: 'targeting.view',
      component: () => import('./lib/workflow/rounds-tab.component').then((m) => m.RoundsTabComponent),
    },
  ],
});
