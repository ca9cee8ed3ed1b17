import { effect, inject, signal, Signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl } from '@angular/forms';
import { LanguageService } from '../../i18n/language.service';
import { ListUrlState, ListValues } from '../data-list/list-url-state';
import { AreaValue, areaChosen, isArea } from './area-picker.component';
import { AreaSearchService } from './area-search.service';
import { AreaOption } from './area.queries';

export interface AreaFilter {
  /** For `<cm-area-picker [control]>`. */
  readonly control: FormControl<AreaValue>;
  /** The area filtered on, once its name is known (for the filter chip). */
  readonly area: Signal<AreaOption | null>;
}

/**
 * An area filter of a list, kept in the list's URL state under `key` (the area's id): choosing an
 * area filters, and an area id arriving by the URL (a reload, a shared link, a saved search) shows
 * its name in the picker, in the interface language. Create it in a field initialiser.
 */
export function areaFilter<K extends string>(list: ListUrlState<K>, key: K): AreaFilter {
  const areas = inject(AreaSearchService);
  const language = inject(LanguageService);
  const control = new FormControl<AreaValue>(null, areaChosen);
  const area = signal<AreaOption | null>(null);
  /** The language the area's name is in. */
  let shownIn = language.current();

  control.valueChanges.pipe(takeUntilDestroyed()).subscribe((value) => {
    if (value !== null && !isArea(value)) return; // still typing
    area.set(isArea(value) ? value : null);
    list.set({ [key]: isArea(value) ? value.id : null } as Partial<ListValues<K>>);
  });

  effect(() => {
    const id = list.value(key);
    const lang = language.current();
    untracked(() => {
      const current = control.value;
      if (!id) {
        if (current !== null) control.setValue(null, { emitEvent: false });
        area.set(null);
        return;
      }
      if (isArea(current) && current.id === id && area()?.id === id && lang === shownIn) return;
      areas
        .area(id)
        .then((found) => {
          if (!found || list.value(key) !== id) return;
          control.setValue(found, { emitEvent: false });
          area.set(found);
          shownIn = lang;
        })
        // the filter still applies; only the area's name is missing
        .catch(() => undefined);
    });
  });
  return { control, area: area.asReadonly() };
}
