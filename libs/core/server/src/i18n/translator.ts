import { Injectable } from '@nestjs/common';
import { I18nContext, I18nService } from 'nestjs-i18n';
import type { Language } from '../modules/module-definition';

/** Thin wrapper so that services translate without knowing about nestjs-i18n. */
@Injectable()
export class Translator {
  constructor(private readonly i18n: I18nService) {}

  translate(key: string, lang: Language, args: Record<string, unknown> = {}): string {
    return this.i18n.translate(key, { lang, args, defaultValue: key }) as string;
  }

  /** Language of the current request (resolved by nestjs-i18n from x-lang / Accept-Language). */
  currentLanguage(): Language {
    const lang = I18nContext.current()?.lang;
    return lang === 'fr' || lang === 'pt' ? lang : 'en';
  }
}
