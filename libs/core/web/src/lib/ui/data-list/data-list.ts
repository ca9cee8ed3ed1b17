import { computed, resource, Signal } from '@angular/core';
import { ColumnChoice } from './column-choice';
import { latestValue } from './latest-value';
import { ListPage } from './list-page';
import { ListUrlState } from './list-url-state';
import { RowSelection } from './row-selection';

export interface DataListOptions<T, P> {
  readonly columns: ColumnChoice;
  /** The list's URL state: with it the table shows the cursor pager; without, all rows are one page. */
  readonly state?: ListUrlState<string>;
  readonly pageSize?: number;
  /** What the page depends on besides its cursor: the filter, the interface language… */
  readonly params: () => P;
  readonly load: (params: P, after: string | null) => Promise<ListPage<T>>;
  /** `data-testid` of a row. */
  readonly rowTestId?: (row: T) => string;
  /** What a screen reader says of a row that opens; null (or no function) when rows do not open. */
  readonly rowLabel?: (row: T) => string | null;
  /** Rows chosen for bulk actions. */
  readonly selection?: RowSelection<T>;
}

/** What `cm-data-table` reads of a list. */
export interface DataListView<T> {
  readonly data: Signal<ListPage<T> | null | undefined>;
  readonly rows: Signal<readonly T[]>;
  readonly loading: Signal<boolean>;
  readonly error: Signal<unknown>;
  readonly columns: ColumnChoice;
  readonly state: ListUrlState<string> | null;
  readonly pageSize: number;
  readonly rowTestId: (row: T) => string;
  readonly rowLabel: ((row: T) => string | null) | null;
  readonly selection: RowSelection<T> | null;
  reload(): void;
}

/**
 * A list page's data on the kit: the page of rows for the current filter and cursor, loaded again
 * when either changes (the previous rows stay on screen meanwhile), with what `cm-data-table` needs
 * to show it. Create it in a field initialiser.
 */
export class DataList<T, P = unknown> implements DataListView<T> {
  readonly page = resource({
    params: () => ({ params: this.options.params(), after: this.options.state?.paging.after() ?? null }),
    loader: ({ params }) => {
      // the chosen rows may no longer match another filter: dropped when it changes, kept over a page change
      this.options.selection?.keepFor(JSON.stringify(params.params));
      return this.options.load(params.params, params.after);
    },
  });
  readonly data: Signal<ListPage<T> | null | undefined> = latestValue(this.page);
  readonly rows = computed(() => this.data()?.rows ?? []);
  readonly loading = computed(() => this.page.isLoading());
  readonly error = computed<unknown>(() => (this.page.status() === 'error' ? (this.page.error() ?? null) : null));
  readonly columns: ColumnChoice;
  readonly state: ListUrlState<string> | null;
  readonly pageSize: number;
  readonly rowTestId: (row: T) => string;
  readonly rowLabel: ((row: T) => string | null) | null;
  readonly selection: RowSelection<T> | null;

  constructor(private readonly options: DataListOptions<T, P>) {
    this.columns = options.columns;
    this.state = options.state ?? null;
    this.pageSize = options.pageSize ?? 50;
    this.rowTestId = options.rowTestId ?? (() => '');
    this.rowLabel = options.rowLabel ?? null;
    this.selection = options.selection ?? null;
  }

  reload(): void {
    this.page.reload();
  }
}

export function dataList<T, P>(options: DataListOptions<T, P>): DataList<T, P> {
  return new DataList(options);
}
