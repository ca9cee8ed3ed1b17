import { signal } from '@angular/core';

/** A column of a list table. `label` is a translation key. */
export interface ListColumn {
  readonly key: string;
  readonly label: string;
  /** Always shown: cannot be hidden (the name of the record, its actions). */
  readonly fixed?: boolean;
  /** Still shown on a small screen. */
  readonly compact?: boolean;
  /** Hidden until the person asks for it. */
  readonly optional?: boolean;
}

const STORAGE_PREFIX = 'cm.columns.';

/**
 * Which columns of a list the person shows: remembered on this browser per list (a preference, not
 * a part of what a shared link means). On a small screen only the `compact` columns show.
 */
export class ColumnChoice {
  private readonly hiddenKeys = signal<ReadonlySet<string>>(new Set());
  readonly hidden = this.hiddenKeys.asReadonly();

  constructor(
    readonly columns: readonly ListColumn[],
    private readonly listId: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = browserStorage(),
  ) {
    this.hiddenKeys.set(this.load());
  }

  /** The columns that can be hidden or shown, for the column menu. */
  get choosable(): readonly ListColumn[] {
    return this.columns.filter((column) => !column.fixed);
  }

  isShown(key: string): boolean {
    return !this.hiddenKeys().has(key);
  }

  visible(compact: boolean): string[] {
    const hidden = this.hiddenKeys();
    return this.columns.filter((column) => column.fixed || ((!compact || column.compact) && !hidden.has(column.key))).map((column) => column.key);
  }

  toggle(key: string): void {
    const column = this.columns.find((c) => c.key === key);
    if (!column || column.fixed) return;
    const hidden = new Set(this.hiddenKeys());
    if (hidden.has(key)) hidden.delete(key);
    else hidden.add(key);
    this.hiddenKeys.set(hidden);
    this.save(hidden);
  }

  reset(): void {
    const hidden = defaults(this.columns);
    this.hiddenKeys.set(hidden);
    this.save(hidden);
  }

  private load(): ReadonlySet<string> {
    try {
      const saved = this.storage?.getItem(STORAGE_PREFIX + this.listId);
      if (saved) {
        const parsed: unknown = JSON.parse(saved);
        if (Array.isArray(parsed)) {
          const known = new Set(this.choosable.map((column) => column.key));
          return new Set(parsed.filter((key): key is string => typeof key === 'string' && known.has(key)));
        }
      }
    } catch {
      // an unreadable preference is the default one
    }
    return defaults(this.columns);
  }

  private save(hidden: ReadonlySet<string>): void {
    try {
      this.storage?.setItem(STORAGE_PREFIX + this.listId, JSON.stringify([...hidden]));
    } catch {
      // private browsing or a full storage: the choice lasts until the page closes
    }
  }
}

function defaults(columns: readonly ListColumn[]): ReadonlySet<string> {
  return new Set(columns.filter((column) => column.optional && !column.fixed).map((column) => column.key));
}

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
