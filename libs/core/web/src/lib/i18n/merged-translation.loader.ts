import { inject, Injectable } from '@angular/core';
import { TranslateLoader, TranslationObject } from '@ngx-translate/core';
import { from, Observable } from 'rxjs';
import { isSupportedLanguage, mergeTranslations, TRANSLATION_SOURCES, TranslationBundle } from './translation-bundle';

/** Serves the TypeScript dictionaries contributed with `provideTranslations()`: no files to fetch. */
@Injectable()
export class MergedTranslationLoader implements TranslateLoader {
  private readonly sources = inject(TRANSLATION_SOURCES, { optional: true }) ?? [];
  private bundles: Promise<TranslationBundle[]> | null = null;

  getTranslation(lang: string): Observable<TranslationObject> {
    this.bundles ??= Promise.all(this.sources.map((source) => (typeof source === 'function' ? source() : source)));
    return from(this.bundles.then((bundles) => (isSupportedLanguage(lang) ? mergeTranslations(bundles, lang) : {})));
  }
}
