import { DOCUMENT, inject, Injectable, signal } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { DEFAULT_LANGUAGE, isSupportedLanguage, SupportedLanguage } from './translation-bundle';

const STORAGE_KEY = 'coremis.lang';

export interface LanguageOption {
  readonly code: SupportedLanguage;
  /** Always shown in its own language so people can find theirs. */
  readonly nativeName: string;
}

export const LANGUAGE_OPTIONS: readonly LanguageOption[] = [
  { code: 'en', nativeName: 'English' },
  { code: 'fr', nativeName: 'Français' },
  { code: 'pt', nativeName: 'Português' },
];

/** The interface language: remembered in localStorage, first guessed from the browser. */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  private readonly currentLanguage = signal<SupportedLanguage>(this.initialLanguage());

  readonly current = this.currentLanguage.asReadonly();
  readonly options = LANGUAGE_OPTIONS;

  /** Loads the dictionaries of the initial language; run once at startup. */
  init(): Promise<void> {
    return this.use(this.currentLanguage());
  }

  async use(lang: SupportedLanguage): Promise<void> {
    await firstValueFrom(this.translate.use(lang));
    this.currentLanguage.set(lang);
    this.document.documentElement.lang = lang;
    this.storage()?.setItem(STORAGE_KEY, lang);
  }

  private initialLanguage(): SupportedLanguage {
    const stored = this.storage()?.getItem(STORAGE_KEY);
    if (isSupportedLanguage(stored)) return stored;
    const navigator = this.document.defaultView?.navigator;
    const preferred = navigator?.languages?.length ? navigator.languages : [navigator?.language ?? ''];
    for (const tag of preferred) {
      const base = tag.toLowerCase().split('-')[0];
      if (isSupportedLanguage(base)) return base;
    }
    return DEFAULT_LANGUAGE;
  }

  private storage(): Storage | null {
    try {
      return this.document.defaultView?.localStorage ?? null;
    } catch {
      return null; // storage can be disabled by browser privacy settings
    }
  }
}
