import { computed, signal } from '@angular/core';

/**
 * Rows chosen for a bulk action, by id. The choice outlives a page change (a person can gather rows
 * from several pages) and is dropped when the filter changes, since the rows may no longer match.
 */
export class RowSelection<T> {
  private filter: string | undefined;
  private readonly chosen = signal<ReadonlyMap<string, T>>(new Map());
  readonly count = computed(() => this.chosen().size);
  readonly rows = computed(() => [...this.chosen().values()]);
  readonly ids = computed(() => [...this.chosen().keys()]);

  constructor(private readonly idOf: (row: T) => string) {}

  isSelected(row: T): boolean {
    return this.chosen().has(this.idOf(row));
  }

  toggle(row: T, selected = !this.isSelected(row)): void {
    this.chosen.update((chosen) => {
      const next = new Map(chosen);
      if (selected) next.set(this.idOf(row), row);
      else next.delete(this.idOf(row));
      return next;
    });
  }

  /** Whether every row of the page is chosen (the header check box), or only some. */
  pageState(page: readonly T[]): 'all' | 'some' | 'none' {
    const count = page.filter((row) => this.isSelected(row)).length;
    return count === 0 ? 'none' : count === page.length ? 'all' : 'some';
  }

  /** The header check box: chooses the whole page, or drops it when it is all chosen. */
  togglePage(page: readonly T[]): void {
    const select = this.pageState(page) !== 'all';
    this.chosen.update((chosen) => {
      const next = new Map(chosen);
      for (const row of page) {
        if (select) next.set(this.idOf(row), row);
        else next.delete(this.idOf(row));
      }
      return next;
    });
  }

  /**
   * Tells the selection which filter the list now shows (any stable text, such as its JSON): the
   * choice is dropped when that differs from the filter it was made under, kept when it is the same.
   */
  keepFor(filter: string): void {
    if (this.filter !== undefined && this.filter !== filter) this.clear();
    this.filter = filter;
  }

  clear(): void {
    if (this.chosen().size) this.chosen.set(new Map());
  }
}
