import { defineWebModule } from '@coremis/core-web/app';

/** The grm module's web side, under `/grm`. */
export const grmWebDefinition = defineWebModule({
  key: 'grm',
  routes: () => import('./lib/grm.routes').then((m) => m.GRM_ROUTES),
  translations: [() => import('./lib/grm.translations').then((m) => m.GRM_TRANSLATIONS)],
});
