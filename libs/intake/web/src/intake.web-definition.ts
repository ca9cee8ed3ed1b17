import { defineWebModule } from '@coremis/core-web/app';

/** The intake module's web side, under `/intake`. */
export const intakeWebDefinition = defineWebModule({
  key: 'intake',
  routes: () => import('./lib/intake.routes').then((m) => m.INTAKE_ROUTES),
  translations: [() => import('./lib/intake.translations').then((m) => m.INTAKE_TRANSLATIONS)],
});
