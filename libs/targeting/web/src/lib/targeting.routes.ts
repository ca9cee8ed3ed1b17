import { Routes } from '@angular/router';
import { hasPermission } from '@coremis/core-web';

/** Mounted by the application under `/targeting` when the API reports the `targeting` module as enabled. */
export const TARGETING_ROUTES: Routes = [
  {
    path: '',
    canActivateChild: [hasPermission('targeting.view')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./formulas/formula-editor.page').then((m) => m.FormulaEditorPage),
        title: 'targeting.titles.editor',
      },
      {
        path: 'rounds/:roundId/stages/:stage',
        loadComponent: () => import('./workflow/stage-queue.page').then((m) => m.StageQueuePage),
        title: 'targeting.titles.stage',
      },
      {
        path: 'enrolment',
        loadComponent: () => import('./enrolment/enrolment-run.page').then((m) => m.EnrolmentRunPage),
        title: 'targeting.titles.enrolment',
      },
    ],
  },
];
