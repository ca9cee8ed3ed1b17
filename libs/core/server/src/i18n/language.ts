import type { Language } from '../modules/module-definition';
import { LANGUAGES } from '../modules/module-definition';

/** The language of a request: the `x-lang` header, then Accept-Language, then English. */
export function languageFromHeaders(headers: Record<string, string | string[] | undefined> | undefined): Language {
  const explicit = first(headers?.['x-lang']);
  if (explicit && isLanguage(explicit.toLowerCase())) return explicit.toLowerCase() as Language;
  const accept = first(headers?.['accept-language']) ?? '';
  for (const part of accept.split(',')) {
    const code = part.split(';')[0].trim().slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return 'en';
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Picks the name in the given language, falling back to English. */
export function localized(names: { en: string; fr?: string | null; pt?: string | null }, lang: Language): string {
  return (lang === 'en' ? names.en : names[lang]) || names.en;
}
