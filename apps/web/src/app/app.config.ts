import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideCoreWeb, provideWebModules } from '@coremis/core-web/app';
import { appRoutes } from './app.routes';
import { WEB_MODULES } from './web-modules';

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    provideCoreWeb(),
    provideWebModules(WEB_MODULES),
  ],
};
