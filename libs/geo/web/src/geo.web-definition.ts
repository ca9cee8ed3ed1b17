import { defineWebModule } from '@coremis/core-web/app';

/** The geography module's web side: area browser and CSV import under `/geo`. */
export const geoWebDefinition = defineWebModule({
  key: 'geo',
  routes: () => import('./lib/geo.routes').then((m) => m.GEO_ROUTES),
  translations: [() => import('./lib/geo.translations').then((m) => m.GEO_TRANSLATIONS)],
  // names of the areas and levels geography approval requests refer to
  approvalDetails: () => import('./lib/approval-details').then((m) => m.GEO_APPROVAL_DETAILS),
});
