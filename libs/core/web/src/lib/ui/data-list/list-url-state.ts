import { computed, DestroyRef, inject, signal } from '@angular/core';
import { ActivatedRoute, Params, ParamMap, Router } from '@angular/router';
import { CursorPaging } from './cursor-paging';

/** The URL parameter holding the `after` cursors of the pages passed (repeated, in order). */
export const PAGE_PARAM = 'after';

export type ListValues<K extends string> = { readonly [key in K]: string | null };

/** The filter values a URL holds, trimmed; an empty or missing one is null. */
export function readListParams<K extends string>(params: ParamMap, keys: readonly K[]): ListValues<K> {
  const values = {} as { [key in K]: string | null };
  for (const key of keys) values[key] = params.get(key)?.trim() || null;
  return values;
}

/** The query parameters of a list state: null removes a parameter (merged into the current URL). */
export function listQueryParams<K extends string>(values: Partial<ListValues<K>>, cursors: readonly string[]): Params {
  const params: Record<string, string | string[] | null> = {};
  for (const [key, value] of Object.entries(values) as [K, string | null | undefined][]) {
    params[key] = typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  }
  params[PAGE_PARAM] = cursors.length ? [...cursors] : null;
  return params;
}

/**
 * The state of a list page (its filters, sort and page) kept in the URL's query parameters, so a
 * reload, the back button or a shared link shows the same page. The URL is the only source: the
 * setters navigate, and the signals follow the URL. Changing a filter goes back to the first page.
 * Create it in a page's field initialiser (it injects the router and the route).
 */
export class ListUrlState<K extends string> {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly state = signal<ListValues<K>>(readListParams(this.route.snapshot.queryParamMap, this.keys));
  readonly paging = new CursorPaging();
  readonly values = this.state.asReadonly();
  /** The filters that hold a value, for the filter chips. */
  readonly active = computed(() => this.keys.filter((key) => this.state()[key] !== null));

  constructor(private readonly keys: readonly K[]) {
    this.paging.restore(this.route.snapshot.queryParamMap.getAll(PAGE_PARAM));
    const subscription = this.route.queryParamMap.subscribe((params) => {
      const next = readListParams(params, this.keys);
      const current = this.state();
      if (this.keys.some((key) => next[key] !== current[key])) this.state.set(next);
      this.paging.restore(params.getAll(PAGE_PARAM));
    });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  value(key: K): string | null {
    return this.state()[key];
  }

  /** Changes some filters (null clears one) and goes back to the first page. */
  set(patch: Partial<ListValues<K>>): void {
    const current = this.state();
    const changed = (Object.keys(patch) as K[]).some((key) => (patch[key]?.trim() || null) !== current[key]);
    if (changed || this.paging.index() > 0) this.navigate(patch, [], true);
  }

  /** Clears one filter by its name (a filter chip's key); an unknown name is ignored. */
  remove(key: string): void {
    if ((this.keys as readonly string[]).includes(key)) this.set({ [key]: null } as Partial<ListValues<K>>);
  }

  clear(): void {
    this.set(Object.fromEntries(this.keys.map((key) => [key, null])) as Partial<ListValues<K>>);
  }

  /** The next page, after the last row shown; a new history entry, so "back" returns to this page. */
  next(endCursor: string | null | undefined): void {
    if (endCursor) this.navigate({}, [...this.paging.cursors(), endCursor], false);
  }

  previous(): void {
    if (this.paging.index() > 0) this.navigate({}, this.paging.cursors().slice(0, -1), false);
  }

  private navigate(values: Partial<ListValues<K>>, cursors: readonly string[], replaceUrl: boolean): void {
    // the signals change at once (the page does not wait for the navigation); the URL follows
    const cleaned = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, (value as string | null | undefined)?.trim() || null]));
    this.state.update((state) => ({ ...state, ...cleaned }));
    this.paging.restore(cursors);
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: listQueryParams(values, cursors),
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }
}
