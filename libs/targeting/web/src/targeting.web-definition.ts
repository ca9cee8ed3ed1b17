import { defineWebModule } from '@coremis/core-web/app';

/** The targeting module's web side, under `/targeting`. */
export const targetingWebDefinition = defineWebModule({
  key: 'targeting',
  routes: () => import('./lib/targeting.routes').then((m) => m.TARGETING_ROUTES),
  translations: [() => import('./lib/targeting.translations').then((m) => m.TARGETING_TRANSLATIONS)],
});
