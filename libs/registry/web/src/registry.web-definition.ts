import { defineWebModule } from '@coremis/core-web/app';

/** The registry's web side: households, individuals, import, duplicates and extra fields under `/registry`. */
export const registryWebDefinition = defineWebModule({
  key: 'registry',
  routes: () => import('./lib/registry.routes').then((m) => m.REGISTRY_ROUTES),
  translations: [
    () => import('./lib/registry.translations').then((m) => m.REGISTRY_TRANSLATIONS),
    () => import('./lib/registry-import.translations').then((m) => m.REGISTRY_IMPORT_TRANSLATIONS),
  ],
});
