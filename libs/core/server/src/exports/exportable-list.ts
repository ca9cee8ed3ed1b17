import { Injectable, type Type } from '@nestjs/common';
import type { Language } from '../modules/module-definition';

/** A value of one cell: dates are written as dates in XLSX and as ISO 8601 text in CSV. */
export type ExportCell = string | number | boolean | Date | null | undefined;

export interface ExportColumn<R> {
  key: string;
  /** Translation key of the column header, written in the language of the user who asked for the export. */
  header: string;
  /** `lang`: the language of the user who asked for the export (for names kept in several languages). */
  value: (row: R, lang: Language) => ExportCell;
}

/**
 * Columns whose headers are translation keys under one prefix: `exportColumns('core.exports.columns',
 * { username: (u) => u.username })` → `{ key: 'username', header: 'core.exports.columns.username', … }`.
 */
export function exportColumns<R>(headerPrefix: string, values: Record<string, ExportColumn<R>['value']>): ExportColumn<R>[] {
  return Object.entries(values).map(([key, value]) => ({ key, header: `${headerPrefix}.${key}`, value }));
}

/** One batch of the list, in the list's own keyset order. */
export interface ExportPage<R> {
  rows: R[];
  /** Where the next batch starts (the list's cursor); null or `hasNextPage: false` at the end. */
  endCursor: string | null;
  hasNextPage: boolean;
  /** Rows in the whole export, read once (from the first batch) for the progress. */
  totalCount?: number | Promise<number>;
}

/** An export page from a list's Relay connection; its lazy `totalCount` is read only when asked for. */
export function exportPageOf<R>(connection: { edges: { node: R }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number | Promise<number> }): ExportPage<R> {
  return {
    rows: connection.edges.map((e) => e.node),
    endCursor: connection.pageInfo.endCursor,
    hasNextPage: connection.pageInfo.hasNextPage,
    get totalCount() {
      return connection.totalCount;
    },
  };
}

/**
 * A list a module lets its users export. `fetch` must run the SAME scoped query as the list page
 * (usually the list service's own `list(args)`): it is called inside the job, as the user who started
 * it, so permissions and area scope are applied by the data layer exactly as on screen.
 */
export interface ExportableList<F extends object = object, R = unknown> {
  /** Unique name, `<module>.<list>` (e.g. `registry.households`); also the base of the file name. */
  name: string;
  /** Needed to start the export and to download its file. */
  permission: string;
  /** class-validator class of the list's filter: the filter sent by the client is validated against it. */
  filterType: Type<F>;
  columns: readonly ExportColumn<R>[];
  fetch(filter: F, page: { first: number; after: string | null }): Promise<ExportPage<R>>;
}

/** Where modules register their exportable lists (in `onModuleInit` of a provider of theirs). */
@Injectable()
export class ExportRegistry {
  private readonly lists = new Map<string, ExportableList>();

  register<F extends object, R>(list: ExportableList<F, R>): void {
    // a module's API and worker halves may both be loaded in one process (jobs run in the API): the same list, registered again
    this.lists.set(list.name, list as unknown as ExportableList);
  }

  get(name: string): ExportableList | undefined {
    return this.lists.get(name);
  }

  names(): string[] {
    return [...this.lists.keys()].sort();
  }
}
