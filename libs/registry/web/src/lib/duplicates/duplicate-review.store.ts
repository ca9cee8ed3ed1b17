import { computed, inject, Injectable, linkedSignal, resource, signal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { DateTimePipe, LanguageService, latestValue, ListPage, ListUrlState, Notifier, openConfirmDialog, toUserError } from '@coremis/core-web';
import { TranslateService } from '@ngx-translate/core';
import { comparisonRows, ComparisonRow, mergeBlockedByHead, takesPlace, ValueFormatter } from './duplicate-comparison';
import { DuplicateCandidate, DuplicateDecision, DuplicatePerson, DuplicateStatus } from './duplicate.queries';
import { DuplicateService } from './duplicate.service';
import { combinedCursor, END, splitCursor } from './duplicate-cursor';

/** The list filter: decided pairs are the merged ones and those found not to be duplicates. */
export type DuplicateFilter = 'PENDING' | 'POSTPONED' | 'DECIDED';
export const DUPLICATE_FILTERS: readonly DuplicateFilter[] = ['PENDING', 'POSTPONED', 'DECIDED'];
const STATUSES_OF: Record<DuplicateFilter, readonly DuplicateStatus[]> = {
  PENDING: ['PENDING'],
  POSTPONED: ['POSTPONED'],
  DECIDED: ['DUPLICATE', 'NOT_DUPLICATE'],
};
export const DUPLICATE_PAGE_SIZE = 25;
function sortByScore(list: readonly DuplicateCandidate[]): DuplicateCandidate[] {
  return [...list].sort((x, y) => y.score - x.score || x.id.localeCompare(y.id));
}

/** The first record, unless only the second can be kept (the first one's merge would be refused). */
function preferredSurvivor(candidate: DuplicateCandidate | null): 'a' | 'b' {
  const a = candidate?.individualA;
  const b = candidate?.individualB;
  if (a && b && mergeBlockedByHead(a, b) && !mergeBlockedByHead(b, a)) return 'b';
  return 'a';
}

export function personName(person: DuplicatePerson | null | undefined): string {
  return person ? `${person.givenName} ${person.familyName}`.trim() : '—';
}

export function fullName(person: DuplicatePerson | null | undefined): string {
  if (!person) return '—';
  return person.household ? `${personName(person)} (${person.household.code})` : personName(person);
}

/**
 * The state of the duplicate review, shared by its parts (pair list, comparison, decisions): the
 * list in the URL (`?status=DECIDED&after=…`), the pair chosen, the record kept, the decisions.
 */
@Injectable()
export class DuplicateReviewStore {
  private readonly api = inject(DuplicateService);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);
  private readonly notifier = inject(Notifier);
  readonly lang = inject(LanguageService).current;

  readonly list = new ListUrlState(['status'] as const);
  readonly filter = computed<DuplicateFilter>(() => {
    const status = this.list.value('status')?.toUpperCase();
    return DUPLICATE_FILTERS.includes(status as DuplicateFilter) ? (status as DuplicateFilter) : 'PENDING';
  });

  readonly page = resource({
    params: () => ({ filter: this.filter(), after: this.list.paging.after(), lang: this.lang() }),
    loader: async ({ params }): Promise<ListPage<DuplicateCandidate>> => {
      const statuses = STATUSES_OF[params.filter];
      const afters = splitCursor(statuses, params.after);
      const pages = await Promise.all(
        statuses.map((status) =>
          afters[status] === END
            ? { candidates: [], totalCount: 0, hasNextPage: false, endCursor: null }
            : this.api.page(status, DUPLICATE_PAGE_SIZE, afters[status] ?? null),
        ),
      );
      return {
        rows: sortByScore(pages.flatMap((page) => page.candidates)),
        totalCount: pages.reduce((sum, page) => sum + page.totalCount, 0),
        hasNextPage: pages.some((page) => page.hasNextPage),
        endCursor: combinedCursor(statuses, pages),
      };
    },
  });
  /** The pairs shown: the page, less those decided here since it loaded. */
  readonly pageData = latestValue(this.page);
  readonly candidates = linkedSignal<readonly DuplicateCandidate[]>(() => this.pageData()?.rows ?? []);
  private readonly decidedHere = linkedSignal({ source: this.pageData, computation: () => 0 });
  readonly totalCount = computed(() => Math.max(0, (this.pageData()?.totalCount ?? 0) - this.decidedHere()));

  readonly selectedId = linkedSignal<readonly DuplicateCandidate[], string | null>({
    source: this.candidates,
    // keep the pair chosen while it is still listed, otherwise the first one
    computation: (list, previous) => (previous && list.some((c) => c.id === previous.value) ? previous.value : (list[0]?.id ?? null)),
  });
  readonly selected = computed(() => this.candidates().find((c) => c.id === this.selectedId()) ?? null);
  /** Which record stays when the pair is merged. */
  readonly survivor = linkedSignal<DuplicateCandidate | null, 'a' | 'b'>({
    source: this.selected,
    computation: (pair, previous) => (previous && previous.source?.id === pair?.id ? previous.value : preferredSurvivor(pair)),
  });
  readonly deciding = signal<DuplicateDecision | null>(null);
  /** The detection's settings, for the subtitle and the colour of uncertain scores. */
  private readonly settings = resource({ loader: () => this.api.settings() });
  readonly threshold = computed(() => (this.settings.hasValue() ? this.settings.value().threshold : null));
  readonly reviewBelow = computed(() => (this.settings.hasValue() ? this.settings.value().reviewBelow : null));
  readonly actionError = signal<unknown>(null);

  readonly open = computed(() => {
    const status = this.selected()?.status;
    return status === 'PENDING' || status === 'POSTPONED';
  });
  readonly people = computed(() => {
    const pair = this.selected();
    return pair?.individualA && pair.individualB ? { a: pair.individualA, b: pair.individualB } : null;
  });
  readonly survivorPerson = computed(() => this.people()?.[this.survivor()] ?? null);
  readonly mergedPerson = computed(() => this.people()?.[this.survivor() === 'a' ? 'b' : 'a'] ?? null);
  readonly blockedByHead = computed(() => {
    const [survivor, merged] = [this.survivorPerson(), this.mergedPerson()];
    return !!survivor && !!merged && mergeBlockedByHead(survivor, merged);
  });
  /** Neither record can be kept: both head a household (one of them must change its head first). */
  readonly blockedBoth = computed(() => {
    const people = this.people();
    return !!people && mergeBlockedByHead(people.a, people.b) && mergeBlockedByHead(people.b, people.a);
  });
  readonly survivorTakesPlace = computed(() => {
    const [survivor, merged] = [this.survivorPerson(), this.mergedPerson()];
    return !!survivor && !!merged && takesPlace(survivor, merged);
  });
  readonly photoEffect = computed(() => {
    const [survivor, merged] = [this.survivorPerson(), this.mergedPerson()];
    return !!survivor && !!merged && !survivor.photoUrl && !!merged.photoUrl;
  });
  readonly rows = computed<ComparisonRow[]>(() => {
    const people = this.people();
    this.lang(); // the words follow the interface language
    return people ? comparisonRows(people.a, people.b, this.formatter) : [];
  });
  readonly differences = computed(() => this.rows().filter((row) => row.differs).length);

  private readonly formatter: ValueFormatter = {
    code: (vocabulary, value) => {
      if (!value) return '';
      const key = `registry.duplicates.values.${vocabulary}.${value}`;
      const text = this.translate.instant(key);
      return text === key ? value : text;
    },
    date: (value) => (value ? formatPlainDate(value, this.lang()) : ''),
    dateTime: (value) => (value ? new DateTimePipe().transform(value, this.lang(), 'date') : ''),
  };

  setFilter(filter: DuplicateFilter): void {
    this.list.set({ status: filter === 'PENDING' ? null : filter });
  }

  select(candidate: DuplicateCandidate | null): void {
    if (candidate?.id !== this.selectedId()) this.actionError.set(null);
    this.selectedId.set(candidate?.id ?? null);
  }

  /** The next (1) or previous (-1) pair of the list. */
  move(step: number): void {
    const list = this.candidates();
    if (!list.length) return;
    const index = list.findIndex((c) => c.id === this.selectedId());
    this.select(list[Math.max(0, Math.min(list.length - 1, index < 0 ? 0 : index + step))]);
  }

  merge(): void {
    const [pair, survivor, merged] = [this.selected(), this.survivorPerson(), this.mergedPerson()];
    if (!pair || !survivor || !merged || !this.open() || this.deciding() || this.blockedByHead()) return;
    openConfirmDialog(this.dialog, {
      title: this.translate.instant('registry.duplicates.mergeDialog.title'),
      message: this.translate.instant('registry.duplicates.mergeDialog.message', { survivor: fullName(survivor), merged: fullName(merged) }),
      confirmLabel: this.translate.instant('registry.duplicates.actions.merge'),
    }).subscribe((confirmed) => {
      if (confirmed) void this.decide('DUPLICATE');
    });
  }

  async decide(decision: DuplicateDecision): Promise<void> {
    const pair = this.selected();
    if (!pair || !this.open() || this.deciding()) return;
    if (decision === 'DUPLICATE' && this.blockedByHead()) return;
    this.deciding.set(decision);
    this.actionError.set(null);
    const survivorId = this.survivorPerson()?.id ?? null;
    try {
      const updated = await this.api.decide(pair, decision, survivorId);
      this.afterDecision(pair, updated);
    } catch (error) {
      if (!this.notifier.approvalPendingHandled(error)) {
        this.actionError.set(error);
        // someone else decided, or the records changed: show the pair as it is now
        const code = toUserError(error).code;
        if (code === 'CONFLICT' || code === 'NOT_FOUND') this.page.reload();
      }
    } finally {
      this.deciding.set(null);
    }
  }

  private afterDecision(before: DuplicateCandidate, updated: DuplicateCandidate): void {
    const names = { a: personName(before.individualA), b: personName(before.individualB) };
    this.notifier.notify(`registry.duplicates.done.${updated.status}`, { ...names, survivor: fullName(this.survivorPerson()) });
    const list = this.candidates();
    if (STATUSES_OF[this.filter()].includes(updated.status)) {
      this.candidates.set(list.map((c) => (c.id === before.id ? updated : c)));
      return;
    }
    const index = list.findIndex((c) => c.id === before.id);
    const rest = list.filter((c) => c.id !== before.id);
    this.candidates.set(rest);
    this.decidedHere.update((count) => count + 1);
    this.selectedId.set(rest[Math.min(index, rest.length - 1)]?.id ?? null);
    // a merge may have re-pointed or removed the merged record's other pairs; an emptied page
    // reads the pairs after it
    if (updated.status === 'DUPLICATE' || !rest.length) this.page.reload();
  }
}

/** A calendar date (YYYY-MM-DD) in the interface language, without a time zone shift. */
function formatPlainDate(value: string, lang: string): string {
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return value;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
}
