import { bootstrapApplication } from '@angular/platform-browser';
import { prefetchSignInPage } from '@coremis/core-web/app';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';

prefetchSignInPage();
bootstrapApplication(AppComponent, appConfig).catch((error: unknown) => console.error(error));
