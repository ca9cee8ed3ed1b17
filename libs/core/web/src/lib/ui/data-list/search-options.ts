import { computed, DestroyRef, inject, resource, ResourceRef, Signal } from '@angular/core';
import { LanguageService } from '../../i18n/language.service';
import { DebouncedText } from './debounced-text';

/** The options of an autocomplete that searches the server as the person types. */
export interface SearchOptions<T> {
  readonly text: DebouncedText;
  readonly options: ResourceRef<readonly T[] | undefined>;
  readonly list: Signal<readonly T[]>;
  /** What is searched now (empty: nothing). */
  readonly search: Signal<string>;
}

/**
 * Options searched on the server once the person pauses typing, again when the interface language
 * changes (names are translated). Create it in a field initialiser.
 */
export function searchOptions<T>(loader: (search: string) => Promise<readonly T[]>): SearchOptions<T> {
  const language = inject(LanguageService);
  const text = new DebouncedText();
  inject(DestroyRef).onDestroy(() => text.cancel());
  const options = resource({
    params: () => (text.settled() ? { search: text.settled(), lang: language.current() } : undefined),
    loader: ({ params }) => loader(params.search),
  });
  const list = computed(() => (options.hasValue() ? (options.value() ?? []) : []));
  return { text, options, list, search: text.settled };
}
