import { Inject, Injectable } from '@nestjs/common';
import { I18N_LOADER_OPTIONS, I18nLoader, type I18nTranslation } from 'nestjs-i18n';
import type { CoreMisModuleDefinition, Language } from '../modules/module-definition';
import { LANGUAGES } from '../modules/module-definition';

export interface TranslationsLoaderOptions {
  modules: readonly CoreMisModuleDefinition[];
}

/** Feeds nestjs-i18n with the dictionaries that each enabled module ships in its definition. */
@Injectable()
export class ModuleTranslationsLoader extends I18nLoader {
  constructor(@Inject(I18N_LOADER_OPTIONS) private readonly options: TranslationsLoaderOptions) {
    super();
  }

  async languages(): Promise<string[]> {
    return [...LANGUAGES];
  }

  async load(): Promise<I18nTranslation> {
    return mergeTranslations(this.options.modules);
  }
}

export function mergeTranslations(modules: readonly CoreMisModuleDefinition[]): I18nTranslation {
  const result: Record<string, Record<string, unknown>> = {};
  for (const lang of LANGUAGES as Language[]) {
    result[lang] = {};
    for (const definition of modules) result[lang][definition.key] = definition.translations[lang];
  }
  return result as I18nTranslation;
}
