import { computed, signal } from '@angular/core';

/**
 * Where a list is in its pages. The API's Relay connections page forward only, with an `after`
 * cursor: the `after` cursors of the pages passed so far are kept (and written in the URL) to go
 * back, so page 3 of a shared link shows page 3, and its "previous" button still works.
 */
export class CursorPaging {
  /** The `after` cursor of each page after the first, in order. */
  private readonly stack = signal<readonly string[]>([]);
  /** 0 on the first page. */
  readonly index = computed(() => this.stack().length);
  /** The `after` cursor of the current page; null on the first. */
  readonly after = computed(() => this.stack().at(-1) ?? null);
  /** What the URL holds: the cursors of the pages passed. */
  readonly cursors = this.stack.asReadonly();

  next(endCursor: string | null | undefined): void {
    if (endCursor) this.stack.update((stack) => [...stack, endCursor]);
  }

  previous(): void {
    this.stack.update((stack) => stack.slice(0, -1));
  }

  reset(): void {
    if (this.stack().length) this.stack.set([]);
  }

  /** Back to a page read from the URL. Empty values are dropped. */
  restore(cursors: readonly string[]): void {
    const clean = cursors.filter((cursor) => cursor.trim() !== '');
    const current = this.stack();
    if (clean.length !== current.length || clean.some((cursor, i) => cursor !== current[i])) this.stack.set(clean);
  }
}

/** First and last row numbers of the page shown: "51–100". */
export function pageRange(index: number, pageSize: number, shown: number): { from: number; to: number } {
  return { from: shown ? index * pageSize + 1 : 0, to: index * pageSize + shown };
}
