import { InjectionToken, Provider } from '@angular/core';
import { mergeDeep } from '@ngx-translate/core';

export const SUPPORTED_LANGUAGES = ['en', 'fr', 'pt'] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: SupportedLanguage = 'en';

export interface TranslationDictionary {
  readonly [key: string]: string | TranslationDictionary;
}

/** One feature's strings in every supported language. */
export type TranslationBundle = Readonly<Record<SupportedLanguage, TranslationDictionary>>;

/** Same keys as T, with any string as value: lets the compiler check that FR and PT cover exactly the EN keys. */
type SameKeys<T> = { readonly [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

/**
 * Declares a feature's translations. English is the reference; the compiler rejects a French or
 * Portuguese dictionary with a missing or extra key.
 */
export function defineTranslations<T extends TranslationDictionary>(bundle: {
  en: T;
  fr: NoInfer<SameKeys<T>>;
  pt: NoInfer<SameKeys<T>>;
}): TranslationBundle {
  return bundle as TranslationBundle;
}

/** A bundle, or a function importing one, which keeps a lazy-loaded feature library out of the main bundle. */
export type TranslationSource = TranslationBundle | (() => Promise<TranslationBundle>);

export const TRANSLATION_SOURCES = new InjectionToken<readonly TranslationSource[]>('TRANSLATION_SOURCES');

/** Contributes translations; the translation loader merges every contribution at startup. */
export function provideTranslations(...sources: TranslationSource[]): Provider[] {
  return sources.map((source) => ({ provide: TRANSLATION_SOURCES, useValue: source, multi: true }));
}

export function mergeTranslations(bundles: readonly TranslationBundle[], lang: SupportedLanguage): TranslationDictionary {
  return bundles.reduce<TranslationDictionary>((merged, bundle) => mergeDeep(merged, bundle[lang]), {});
}

export function isSupportedLanguage(value: unknown): value is SupportedLanguage {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}
