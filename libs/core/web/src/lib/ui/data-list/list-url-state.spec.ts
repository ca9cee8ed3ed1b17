import { DestroyRef, Injector, runInInjectionContext } from '@angular/core';
import { ActivatedRoute, convertToParamMap, NavigationExtras, Params, Router } from '@angular/router';
import { BehaviorSubject } from 'rxjs';
import { listQueryParams, ListUrlState, readListParams } from './list-url-state';

/** A router that applies query parameters as Angular does with `queryParamsHandling: 'merge'`. */
function fakeRouting(initial: Params) {
  let current: Params = { ...initial };
  const params = new BehaviorSubject(convertToParamMap(current));
  const navigations: { params: Params; replaceUrl: boolean }[] = [];
  const route = {
    queryParamMap: params.asObservable(),
    get snapshot() {
      return { queryParamMap: params.value };
    },
  };
  const router = {
    navigate: (_commands: unknown[], extras: NavigationExtras) => {
      const merged: Params = { ...current, ...extras.queryParams };
      for (const key of Object.keys(merged)) if (merged[key] === null) delete merged[key];
      current = merged;
      navigations.push({ params: merged, replaceUrl: !!extras.replaceUrl });
      params.next(convertToParamMap(merged));
      return Promise.resolve(true);
    },
  };
  const destroy: (() => void)[] = [];
  const injector = Injector.create({
    providers: [
      { provide: Router, useValue: router },
      { provide: ActivatedRoute, useValue: route },
      { provide: DestroyRef, useValue: { onDestroy: (fn: () => void) => destroy.push(fn) } },
    ],
  });
  return {
    create: <K extends string>(keys: readonly K[]) => runInInjectionContext(injector, () => new ListUrlState(keys)),
    navigations,
    /** The back button, or a link opened: the URL changes under the page. */
    visit: (next: Params) => {
      current = next;
      params.next(convertToParamMap(next));
    },
    url: () => current,
  };
}

describe('list state in the URL', () => {
  it('reads filters trimmed, and an empty one as none', () => {
    expect(readListParams(convertToParamMap({ q: ' Traoré ', status: '', other: 'x' }), ['q', 'status', 'area'])).toEqual({
      q: 'Traoré',
      status: null,
      area: null,
    });
  });

  it('writes null for a cleared filter and the page cursors as a repeated parameter', () => {
    expect(listQueryParams({ q: 'a', area: '  ' }, ['c1', 'c2'])).toEqual({ q: 'a', area: null, after: ['c1', 'c2'] });
    expect(listQueryParams({ q: null }, [])).toEqual({ q: null, after: null });
  });

  it('round-trips: a shared link opens on the same filter and page, and previous still works', () => {
    const first = fakeRouting({});
    const list = first.create(['q', 'status'] as const);
    list.set({ q: 'Traoré', status: 'ACTIVE' });
    list.next('c1');
    list.next('c2');
    expect(first.url()).toEqual({ q: 'Traoré', status: 'ACTIVE', after: ['c1', 'c2'] });

    const shared = fakeRouting(first.url());
    const opened = shared.create(['q', 'status'] as const);
    expect(opened.values()).toEqual({ q: 'Traoré', status: 'ACTIVE' });
    expect([opened.paging.index(), opened.paging.after()]).toEqual([2, 'c2']);
    opened.previous();
    expect(shared.url()).toEqual({ q: 'Traoré', status: 'ACTIVE', after: ['c1'] });
    expect(opened.paging.after()).toBe('c1');
  });

  it('goes back to the first page when a filter changes, replacing the history entry', () => {
    const routing = fakeRouting({ q: 'a', after: ['c1'] });
    const list = routing.create(['q'] as const);
    list.set({ q: 'b' });
    expect(routing.url()).toEqual({ q: 'b' });
    expect(list.paging.index()).toBe(0);
    expect(routing.navigations.at(-1)?.replaceUrl).toBe(true);
    list.next('c9');
    expect(routing.navigations.at(-1)?.replaceUrl).toBe(false); // "back" returns to page 1
  });

  it('does not navigate when nothing changes', () => {
    const routing = fakeRouting({ q: 'a' });
    const list = routing.create(['q'] as const);
    list.set({ q: ' a ' });
    expect(routing.navigations).toEqual([]);
  });

  it('follows the URL when it changes under the page (back button)', () => {
    const routing = fakeRouting({ q: 'a', after: ['c1'] });
    const list = routing.create(['q', 'area'] as const);
    routing.visit({ area: 'x' });
    expect(list.values()).toEqual({ q: null, area: 'x' });
    expect(list.paging.index()).toBe(0);
    expect(list.active()).toEqual(['area']);
  });

  it('clears every filter', () => {
    const routing = fakeRouting({ q: 'a', area: 'x', keep: 'me' });
    const list = routing.create(['q', 'area'] as const);
    list.clear();
    expect(routing.url()).toEqual({ keep: 'me' });
    expect(list.active()).toEqual([]);
  });
});
