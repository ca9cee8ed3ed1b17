import { inject, Injectable } from '@angular/core';
import { TranslateLoader, TranslationObject } from '@ngx-translate/core';
import { Observable, of } from 'rxjs';
import { isSupportedLanguage, mergeTranslations, TRANSLATION_BUNDLES } from './translation-bundle';

/** Serves the TypeScript dictionaries contributed with `provideTranslations()`: no files to fetch. */
@Injectable()
export class MergedTranslationLoader implements TranslateLoader {
  private readonly bundles = inject(TRANSLATION_BUNDLES, { optional: true }) ?? [];

  getTranslation(lang: string): Observable<TranslationObject> {
    return of(isSupportedLanguage(lang) ? mergeTranslations(this.bundles, lang) : {});
  }
}
