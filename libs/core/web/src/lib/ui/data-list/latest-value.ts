import { linkedSignal, Resource, Signal } from '@angular/core';

/**
 * The value of a resource that stays on screen while the resource loads again (another page of a
 * list, the interface language switched): the page keeps its place, tabs and scroll instead of
 * flashing a spinner. `keep` says whether the previous value still belongs (e.g. the same record);
 * after an error, or once loaded, the resource's own value shows.
 */
export function latestValue<T>(resource: Resource<T>, keep: (previous: NonNullable<T>) => boolean = () => true): Signal<T | null> {
  return linkedSignal<{ value: T | undefined; failed: boolean }, T | null>({
    source: () => ({ value: resource.hasValue() ? resource.value() : undefined, failed: resource.status() === 'error' }),
    computation: (source, previous) => {
      if (source.value !== undefined) return source.value;
      if (source.failed) return null;
      const last = previous?.value;
      return last !== null && last !== undefined && keep(last) ? last : null;
    },
  });
}
