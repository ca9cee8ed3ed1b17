import { inject, Injectable } from '@angular/core';
import { CanActivateFn } from '@angular/router';
import { TranslateLoader, TranslateService, TranslationObject } from '@ngx-translate/core';
import { from, Observable } from 'rxjs';
import { isSupportedLanguage, mergeTranslations, TRANSLATION_SOURCES, TranslationBundle } from './translation-bundle';

/**
 * The translations contributed with `provideTranslations()`. Bundles given as objects are there from
 * the start (the shell's and the sign-in page's strings); bundles given as imports belong to lazy
 * features and are fetched only when the signed-in application opens (`allTranslationsLoaded`), so
 * the sign-in page does not wait for every feature's strings.
 */
@Injectable({ providedIn: 'root' })
export class TranslationSources {
  private readonly sources = inject(TRANSLATION_SOURCES, { optional: true }) ?? [];
  private readonly eager = this.sources.filter((source): source is TranslationBundle => typeof source !== 'function');
  private imported: readonly TranslationBundle[] = [];
  private importing: Promise<void> | null = null;

  /** One language's strings: the eager bundles, and the imported ones once they are (being) loaded. */
  async dictionary(lang: string): Promise<TranslationObject> {
    if (this.importing) await this.importing.catch(() => undefined);
    return isSupportedLanguage(lang) ? mergeTranslations([...this.eager, ...this.imported], lang) : {};
  }

  /** Imports the lazy bundles once and adds them to the languages already loaded. */
  importAll(translate: TranslateService): Promise<void> {
    this.importing ??= Promise.all(this.sources.map((source) => (typeof source === 'function' ? source() : null)))
      .then((bundles) => {
        this.imported = bundles.filter((bundle): bundle is TranslationBundle => bundle !== null);
        for (const lang of translate.getLangs()) {
          if (isSupportedLanguage(lang)) translate.setTranslation(lang, mergeTranslations(this.imported, lang), true);
        }
      })
      .catch((error: unknown) => {
        this.importing = null; // a failed download (network) is tried again on the next navigation
        throw error;
      });
    return this.importing;
  }
}

/** Serves the TypeScript dictionaries contributed with `provideTranslations()`: no files to fetch. */
@Injectable()
export class MergedTranslationLoader implements TranslateLoader {
  private readonly sources = inject(TranslationSources);

  getTranslation(lang: string): Observable<TranslationObject> {
    return from(this.sources.dictionary(lang));
  }
}

/** Route guard of the signed-in application: every feature's strings are there before its pages show. */
export const allTranslationsLoaded: CanActivateFn = async () => {
  await inject(TranslationSources).importAll(inject(TranslateService));
  return true;
};
