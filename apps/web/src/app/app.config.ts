import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideApprovalDetails, provideCoreWeb } from '@coremis/core-web/app';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    provideCoreWeb({
      // Imported, not bundled: each feature library stays out of the main bundle.
      translations: [
        () => import('@coremis/geo-web').then((m) => m.GEO_TRANSLATIONS),
        () => import('@coremis/registry-web').then((m) => m.REGISTRY_TRANSLATIONS),
        () => import('@coremis/registry-web').then((m) => m.REGISTRY_IMPORT_TRANSLATIONS),
      ],
    }),
    // names of the areas and levels geography approval requests refer to
    provideApprovalDetails(() => import('@coremis/geo-web').then((m) => m.GEO_APPROVAL_DETAILS)),
  ],
};
