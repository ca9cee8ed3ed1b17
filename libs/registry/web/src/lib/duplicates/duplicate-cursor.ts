import { DuplicateStatus } from './duplicate.queries';

/** In a combined cursor: this status has no page left. */
export const END = '';

/**
 * The `after` cursor of a list that reads several statuses at once (the decided pairs are two lists
 * on the server): the server cursor of each status, in one string for the URL.
 */
export function combinedCursor(statuses: readonly DuplicateStatus[], pages: readonly { hasNextPage: boolean; endCursor: string | null }[]): string | null {
  if (statuses.length === 1) return pages[0].hasNextPage ? pages[0].endCursor : null;
  if (!pages.some((page) => page.hasNextPage)) return null;
  return JSON.stringify(Object.fromEntries(statuses.map((status, i) => [status, pages[i].hasNextPage ? (pages[i].endCursor ?? END) : END])));
}

/** Each status's `after` cursor (null: its first page; END: nothing left) from a combined cursor. */
export function splitCursor(statuses: readonly DuplicateStatus[], after: string | null): Partial<Record<DuplicateStatus, string | null>> {
  if (!after) return Object.fromEntries(statuses.map((status) => [status, null]));
  if (statuses.length === 1) return { [statuses[0]]: after };
  try {
    const parsed: unknown = JSON.parse(after);
    if (parsed && typeof parsed === 'object') {
      return Object.fromEntries(statuses.map((status) => [status, typeof (parsed as Record<string, unknown>)[status] === 'string' ? (parsed as Record<string, string>)[status] : END]));
    }
  } catch {
    // a cursor edited by hand: the first page
  }
  return Object.fromEntries(statuses.map((status) => [status, null]));
}
