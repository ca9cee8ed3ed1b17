import { defineWebModule } from '@coremis/core-web/app';

/** The programs module's web side, under `/programs`. */
export const programsWebDefinition = defineWebModule({
  key: 'programs',
  routes: () => import('./lib/programs.routes').then((m) => m.PROGRAMS_ROUTES),
  translations: [() => import('./lib/programs.translations').then((m) => m.PROGRAMS_TRANSLATIONS)],
});
