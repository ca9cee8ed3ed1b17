import { computed } from '@angular/core';
import { ListUrlState } from './list-url-state';

export type SortDirection = 'ASC' | 'DESC';

export interface ListSortValue<K extends string> {
  readonly key: K;
  readonly direction: SortDirection;
}

/** `name` → ascending, `-name` → descending; anything that is not a sortable column → null. */
export function parseSort<K extends string>(value: string | null, keys: readonly K[]): ListSortValue<K> | null {
  if (!value) return null;
  const descending = value.startsWith('-');
  const key = (descending ? value.slice(1) : value) as K;
  return keys.includes(key) ? { key, direction: descending ? 'DESC' : 'ASC' } : null;
}

export function formatSort<K extends string>(sort: ListSortValue<K>): string {
  return sort.direction === 'DESC' ? `-${sort.key}` : sort.key;
}

/**
 * The server-side sort of a list, in the URL (`?sort=name`, `?sort=-name`), among the columns that
 * declare one. It is not a filter (no chip, not "filtered"); changing it goes back to the first page,
 * since a cursor belongs to the order that made it. Create it in a page's field initialiser.
 */
export class ListSort<K extends string> {
  private readonly state = new ListUrlState(['sort'] as const);
  readonly current = computed<ListSortValue<K>>(() => parseSort(this.state.value('sort'), this.keys) ?? this.fallback);

  constructor(
    readonly keys: readonly K[],
    private readonly fallback: ListSortValue<K>,
  ) {}

  /** A column's header clicked: sorts by it ascending, or turns its direction when it is already the sort. */
  toggle(key: K): void {
    const current = this.current();
    const next: ListSortValue<K> = current.key === key ? { key, direction: current.direction === 'ASC' ? 'DESC' : 'ASC' } : { key, direction: 'ASC' };
    const isDefault = next.key === this.fallback.key && next.direction === this.fallback.direction;
    this.state.set({ sort: isDefault ? null : formatSort(next) });
  }

  /** `ascending`, `descending` or `none`, for the header's `aria-sort`. */
  ariaSort(key: K): 'ascending' | 'descending' | 'none' {
    const current = this.current();
    if (current.key !== key) return 'none';
    return current.direction === 'ASC' ? 'ascending' : 'descending';
  }
}
