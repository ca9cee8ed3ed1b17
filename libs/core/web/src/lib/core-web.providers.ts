import { EnvironmentProviders, inject, makeEnvironmentProviders, provideAppInitializer } from '@angular/core';
import { TitleStrategy } from '@angular/router';
import { provideTranslateLoader, provideTranslateService } from '@ngx-translate/core';
import { GRAPHQL_URI } from './graphql/graphql-client';
import { CORE_TRANSLATIONS } from './i18n/core.translations';
import { IDENTITY_TRANSLATIONS } from './i18n/identity.translations';
import { LanguageService } from './i18n/language.service';
import { MergedTranslationLoader } from './i18n/merged-translation.loader';
import { TranslatedTitleStrategy } from './i18n/translated-title.strategy';
import { DEFAULT_LANGUAGE, provideTranslations, TranslationSource } from './i18n/translation-bundle';
import { provideLanguageDates } from './ui/dates/language-date-adapter';

export interface CoreWebOptions {
  /** Translations of the feature libraries the application includes. */
  readonly translations?: readonly TranslationSource[];
  readonly graphqlUri?: string;
}

/** Everything the shell needs: GraphQL endpoint (the client loads with the signed-in routes), translations, language, dates and page titles. */
export function provideCoreWeb(options: CoreWebOptions = {}): EnvironmentProviders {
  return makeEnvironmentProviders([
    ...(options.graphqlUri ? [{ provide: GRAPHQL_URI, useValue: options.graphqlUri }] : []),
    provideTranslateService({
      loader: provideTranslateLoader(MergedTranslationLoader),
      fallbackLang: DEFAULT_LANGUAGE,
    }),
    provideTranslations(
      CORE_TRANSLATIONS,
      IDENTITY_TRANSLATIONS,
      // the administration screens are lazy-loaded; so are their strings
      () => import('./admin/admin.translations').then((m) => m.ADMIN_TRANSLATIONS),
      () => import('./admin/admin-labels.translations').then((m) => m.ADMIN_LABEL_TRANSLATIONS),
      ...(options.translations ?? []),
    ),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    // date pickers read and show days in the interface language, whatever the browser's locale
    provideLanguageDates(),
    provideAppInitializer(() => inject(LanguageService).init()),
  ]);
}
