import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatTooltip } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import {
  AuthService,
  DateTimePipe,
  EmptyStateComponent,
  ErrorBannerComponent,
  LanguageService,
  LoadingIndicatorComponent,
  NoticeBannerComponent,
  NoticeKind,
  Notifier,
  openConfirmDialog,
  toUserError,
} from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { Subscription } from 'rxjs';
import { ProtectedImageComponent } from '../files/protected-image.component';
import { comparisonRows, ComparisonRow, mergeBlockedByHead, mergeEffect, takesPlace, ValueFormatter } from './duplicate-comparison';
import { DuplicateCandidate, DuplicateDecision, DuplicatePerson, DuplicateStatus, Job } from './duplicate.queries';
import { DuplicateService } from './duplicate.service';

/** The list filter: decided pairs are the merged ones and those found not to be duplicates. */
export type DuplicateFilter = 'PENDING' | 'POSTPONED' | 'DECIDED';
const FILTERS: readonly DuplicateFilter[] = ['PENDING', 'POSTPONED', 'DECIDED'];
const STATUSES_OF: Record<DuplicateFilter, readonly DuplicateStatus[]> = {
  PENDING: ['PENDING'],
  POSTPONED: ['POSTPONED'],
  DECIDED: ['DUPLICATE', 'NOT_DUPLICATE'],
};
const PAGE_SIZE = 25;
const INDIVIDUALS_PATH = '/registry/individuals';

interface Cursor {
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

interface Detection {
  readonly job: Job | null;
  readonly error?: unknown;
  readonly cancelling?: boolean;
}

interface Outcome {
  readonly kind: NoticeKind;
  readonly text: string;
}

/**
 * Pairs of records that may be the same person, highest score first, compared side by side. The
 * reviewer merges them (choosing the record that stays), marks them as different people, or
 * postpones; a registry-wide detection can be started from here. Keyboard: J/K or the arrows move
 * in the list, 1/2 choose the record kept, M merges, N marks as different, L postpones.
 */
@Component({
  selector: 'cm-duplicate-review-page',
  imports: [
    MatButton,
    MatButtonToggleModule,
    MatIcon,
    MatProgressBar,
    MatRadioModule,
    MatTooltip,
    RouterLink,
    TranslatePipe,
    DateTimePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
    NoticeBannerComponent,
    ProtectedImageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKeydown($event)' },
  templateUrl: './duplicate-review.page.html',
  styleUrl: './duplicate-review.page.scss',
})
export class DuplicateReviewPage {
  /** Query parameter: `POSTPONED` or `DECIDED` opens that list. */
  readonly status = input<string>();

  private readonly api = inject(DuplicateService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly listbox = viewChild<ElementRef<HTMLElement>>('listbox');
  protected readonly lang = inject(LanguageService).current;

  protected readonly filters = FILTERS;
  protected readonly individualsPath = INDIVIDUALS_PATH;
  protected readonly canCancel = computed(() => this.auth.can('core.jobs.cancel'));

  protected readonly filter = signal<DuplicateFilter>('PENDING');
  protected readonly candidates = signal<DuplicateCandidate[]>([]);
  private readonly cursors = signal<Partial<Record<DuplicateStatus, Cursor>>>({});
  protected readonly totalCount = computed(() => Object.values(this.cursors()).reduce((sum, c) => sum + (c?.totalCount ?? 0), 0));
  protected readonly hasMore = computed(() => Object.values(this.cursors()).some((c) => c?.hasNextPage));
  protected readonly loading = signal(false);
  protected readonly loadingMore = signal(false);
  protected readonly loadError = signal<unknown>(null);
  private loadRequest = 0;

  protected readonly threshold = signal<number | null>(null);
  protected readonly reviewBelow = signal<number | null>(null);

  protected readonly selectedId = signal<string | null>(null);
  protected readonly selected = computed(() => this.candidates().find((c) => c.id === this.selectedId()) ?? null);
  /** Which record stays when the pair is merged. */
  protected readonly survivor = signal<'a' | 'b'>('a');
  protected readonly deciding = signal<DuplicateDecision | null>(null);
  protected readonly actionError = signal<unknown>(null);
  protected readonly outcome = signal<Outcome | null>(null);

  protected readonly detection = signal<Detection | null>(null);
  protected readonly detectionRunning = computed(() => {
    const status = this.detection()?.job?.status;
    return !!this.detection() && !this.detection()?.error && (status === undefined || status === 'QUEUED' || status === 'RUNNING');
  });
  protected readonly detectionPercent = computed(() => Math.round((this.detection()?.job?.progress ?? 0) * 100));
  private detectionSubscription: Subscription | null = null;

  protected readonly open = computed(() => {
    const status = this.selected()?.status;
    return status === 'PENDING' || status === 'POSTPONED';
  });
  protected readonly people = computed(() => {
    const pair = this.selected();
    return pair?.individualA && pair.individualB ? { a: pair.individualA, b: pair.individualB } : null;
  });
  protected readonly rows = computed<ComparisonRow[]>(() => {
    const people = this.people();
    this.lang(); // the words follow the interface language
    return people ? comparisonRows(people.a, people.b, this.formatter) : [];
  });
  protected readonly differences = computed(() => this.rows().filter((row) => row.differs).length);
  protected readonly survivorPerson = computed(() => {
    const people = this.people();
    return people ? people[this.survivor()] : null;
  });
  protected readonly mergedPerson = computed(() => {
    const people = this.people();
    return people ? people[this.survivor() === 'a' ? 'b' : 'a'] : null;
  });
  protected readonly blockedByHead = computed(() => {
    const survivor = this.survivorPerson();
    const merged = this.mergedPerson();
    return !!survivor && !!merged && mergeBlockedByHead(survivor, merged);
  });
  /** Neither record can be kept: both head a household (one of them must change its head first). */
  protected readonly blockedBoth = computed(() => {
    const people = this.people();
    return !!people && mergeBlockedByHead(people.a, people.b) && mergeBlockedByHead(people.b, people.a);
  });
  protected readonly survivorTakesPlace = computed(() => {
    const survivor = this.survivorPerson();
    const merged = this.mergedPerson();
    return !!survivor && !!merged && takesPlace(survivor, merged);
  });
  protected readonly photoEffect = computed(() => {
    const survivor = this.survivorPerson();
    const merged = this.mergedPerson();
    return !!survivor && !!merged && !survivor.photoUrl && !!merged.photoUrl;
  });

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

  constructor() {
    // the first list follows the address (?status=DECIDED), later changes are the page's own
    effect(() => {
      const requested = this.status()?.toUpperCase();
      untracked(() => this.filter.set(FILTERS.includes(requested as DuplicateFilter) ? (requested as DuplicateFilter) : 'PENDING'));
    });
    effect(() => {
      this.filter();
      this.lang();
      untracked(() => void this.load());
    });
    void this.loadSettings();
    this.destroyRef.onDestroy(() => this.detectionSubscription?.unsubscribe());
  }

  // ---- List --------------------------------------------------------------------------------------

  protected setFilter(filter: DuplicateFilter): void {
    if (filter === this.filter()) return;
    this.outcome.set(null);
    void this.router.navigate([], { queryParams: { status: filter === 'PENDING' ? null : filter }, replaceUrl: true });
    this.filter.set(filter);
  }

  protected async load(): Promise<void> {
    const request = ++this.loadRequest;
    const statuses = STATUSES_OF[this.filter()];
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const pages = await Promise.all(statuses.map((status) => this.api.page(status, PAGE_SIZE)));
      if (request !== this.loadRequest) return;
      const cursors: Partial<Record<DuplicateStatus, Cursor>> = {};
      statuses.forEach((status, i) => (cursors[status] = { endCursor: pages[i].endCursor, hasNextPage: pages[i].hasNextPage, totalCount: pages[i].totalCount }));
      this.cursors.set(cursors);
      const list = sortByScore(pages.flatMap((page) => page.candidates));
      this.candidates.set(list);
      if (!list.some((c) => c.id === this.selectedId())) this.select(list[0] ?? null, false);
    } catch (error) {
      if (request === this.loadRequest) this.loadError.set(error);
    } finally {
      if (request === this.loadRequest) this.loading.set(false);
    }
  }

  protected async loadMore(): Promise<void> {
    if (this.loadingMore()) return;
    const request = this.loadRequest;
    const more = Object.entries(this.cursors()).filter(([, cursor]) => cursor?.hasNextPage) as [DuplicateStatus, Cursor][];
    this.loadingMore.set(true);
    try {
      const pages = await Promise.all(more.map(([status, cursor]) => this.api.page(status, PAGE_SIZE, cursor.endCursor)));
      if (request !== this.loadRequest) return;
      this.cursors.update((cursors) => {
        const next = { ...cursors };
        more.forEach(([status], i) => (next[status] = { endCursor: pages[i].endCursor, hasNextPage: pages[i].hasNextPage, totalCount: pages[i].totalCount }));
        return next;
      });
      const known = new Set(this.candidates().map((c) => c.id));
      this.candidates.update((list) => sortByScore([...list, ...pages.flatMap((p) => p.candidates).filter((c) => !known.has(c.id))]));
    } catch (error) {
      this.loadError.set(error);
    } finally {
      this.loadingMore.set(false);
    }
  }

  protected select(candidate: DuplicateCandidate | null, focus = true): void {
    if (candidate?.id !== this.selectedId()) {
      this.survivor.set(preferredSurvivor(candidate));
      this.actionError.set(null);
    }
    this.selectedId.set(candidate?.id ?? null);
    if (candidate && focus) this.revealSelected();
  }

  protected move(step: number): void {
    const list = this.candidates();
    if (!list.length) return;
    const index = list.findIndex((c) => c.id === this.selectedId());
    const next = Math.max(0, Math.min(list.length - 1, (index < 0 ? 0 : index + step)));
    this.select(list[next]);
  }

  private revealSelected(): void {
    afterNextRender(
      () => {
        const id = this.selectedId();
        const item = id ? this.listbox()?.nativeElement.querySelector<HTMLElement>(`#pair-${id}`) : null;
        item?.scrollIntoView({ block: 'nearest' });
      },
      { injector: this.injector },
    );
  }

  private async loadSettings(): Promise<void> {
    try {
      const settings = await this.api.settings();
      this.threshold.set(settings.threshold);
      this.reviewBelow.set(settings.reviewBelow);
    } catch {
      // the threshold is only a hint in the subtitle
    }
  }

  // ---- Decisions ---------------------------------------------------------------------------------

  protected merge(): void {
    const pair = this.selected();
    const survivor = this.survivorPerson();
    const merged = this.mergedPerson();
    if (!pair || !survivor || !merged || !this.open() || this.deciding() || this.blockedByHead()) return;
    openConfirmDialog(this.dialog, {
      title: this.translate.instant('registry.duplicates.mergeDialog.title'),
      message: this.translate.instant('registry.duplicates.mergeDialog.message', { survivor: fullName(survivor), merged: fullName(merged) }),
      confirmLabel: this.translate.instant('registry.duplicates.actions.merge'),
    }).subscribe((confirmed) => {
      if (confirmed) void this.decide('DUPLICATE');
    });
  }

  protected async decide(decision: DuplicateDecision): Promise<void> {
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
        if (toUserError(error).code === 'CONFLICT' || toUserError(error).code === 'NOT_FOUND') void this.load();
      }
    } finally {
      this.deciding.set(null);
    }
  }

  private afterDecision(before: DuplicateCandidate, updated: DuplicateCandidate): void {
    const names = { a: personName(before.individualA), b: personName(before.individualB) };
    const key = `registry.duplicates.done.${updated.status}`;
    this.notifier.notify(key, { ...names, survivor: fullName(this.survivorPerson()) });
    const stays = STATUSES_OF[this.filter()].includes(updated.status);
    const list = this.candidates();
    const index = list.findIndex((c) => c.id === before.id);
    if (stays) {
      this.candidates.set(list.map((c) => (c.id === before.id ? updated : c)));
      return;
    }
    const rest = list.filter((c) => c.id !== before.id);
    this.candidates.set(rest);
    this.cursors.update((cursors) => {
      const cursor = cursors[before.status];
      return cursor ? { ...cursors, [before.status]: { ...cursor, totalCount: Math.max(0, cursor.totalCount - 1) } } : cursors;
    });
    // a merge may have re-pointed or removed the merged record's other pairs
    if (updated.status === 'DUPLICATE') void this.load();
    this.select(rest[Math.min(index, rest.length - 1)] ?? null);
    if (!rest.length && this.hasMore()) void this.loadMore();
  }

  // ---- Detection ---------------------------------------------------------------------------------

  protected async runDetection(): Promise<void> {
    if (this.detectionRunning()) return;
    this.outcome.set(null);
    this.detection.set({ job: null });
    try {
      const job = await this.api.runDetection();
      this.detection.set({ job });
      this.follow(job.id);
    } catch (error) {
      if (this.notifier.approvalPendingHandled(error)) this.detection.set(null);
      else this.detection.set({ job: null, error });
    }
  }

  protected async cancelDetection(): Promise<void> {
    const job = this.detection()?.job;
    if (!job || this.detection()?.cancelling) return;
    this.detection.update((d) => (d ? { ...d, cancelling: true } : d));
    try {
      await this.api.cancelDetection(job.id);
    } catch (error) {
      if (toUserError(error).code !== 'CONFLICT') this.detection.update((d) => (d ? { ...d, cancelling: false, error } : d));
    }
  }

  protected dismissDetection(): void {
    this.detectionSubscription?.unsubscribe();
    this.detection.set(null);
  }

  private follow(jobId: string): void {
    this.detectionSubscription?.unsubscribe();
    this.detectionSubscription = this.api
      .watchJob(jobId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (job) => {
          this.detection.update((d) => ({ ...d, job }));
          if (job.status === 'COMPLETED') {
            const found = Number(job.result?.['candidates'] ?? 0);
            this.detection.set(null);
            this.outcome.set({ kind: 'success', text: this.translate.instant('registry.duplicates.detection.done', { count: found }) });
            void this.load();
          } else if (job.status === 'CANCELLED') {
            this.detection.set(null);
            this.outcome.set({ kind: 'info', text: this.translate.instant('registry.duplicates.detection.cancelled') });
          } else if (job.status === 'FAILED') {
            this.detection.set(null);
            this.outcome.set({ kind: 'warning', text: this.translate.instant('registry.duplicates.detection.failed', { reason: job.errorMessage ?? '' }) });
          }
        },
        error: (error: unknown) => this.detection.update((d) => ({ job: d?.job ?? null, error })),
      });
  }

  // ---- Display -----------------------------------------------------------------------------------

  protected percent(score: number): number {
    return Math.round(score * 100);
  }

  protected scoreClass(score: number): string {
    const reviewBelow = this.reviewBelow();
    if (reviewBelow !== null && score < reviewBelow) return 'uncertain';
    return score >= 0.9 ? 'high' : score >= 0.75 ? 'medium' : 'low';
  }

  protected personName(person: DuplicatePerson | null): string {
    return personName(person);
  }

  protected fullName(person: DuplicatePerson | null): string {
    return fullName(person);
  }

  protected effectOf(row: ComparisonRow, side: 'a' | 'b'): 'filled' | 'combined' | 'moved' | null {
    if (!this.open() || side !== this.survivor()) return null;
    if (row.rule === 'takePlace' && !this.survivorTakesPlace()) return null;
    return mergeEffect(row, side);
  }

  protected otherValue(row: ComparisonRow, side: 'a' | 'b'): string {
    return side === 'a' ? row.b : row.a;
  }

  protected fieldLabel(row: ComparisonRow): string {
    return row.extra ? row.field : this.translate.instant(`registry.duplicates.fields.${row.field}`);
  }

  protected statusKey(status: DuplicateStatus): string {
    return `registry.duplicates.status.${status}`;
  }

  // ---- Keyboard ----------------------------------------------------------------------------------

  protected onListKeydown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown') this.move(1);
    else if (event.key === 'ArrowUp') this.move(-1);
    else if (event.key === 'Home') this.select(this.candidates()[0] ?? null);
    else if (event.key === 'End') this.select(this.candidates()[this.candidates().length - 1] ?? null);
    else return;
    event.preventDefault();
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || this.dialog.openDialogs.length) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable="true"], mat-select, [role="menu"]')) return;
    switch (event.key.toLowerCase()) {
      case 'j':
        this.move(1);
        break;
      case 'k':
        this.move(-1);
        break;
      case '1':
        if (this.open()) this.survivor.set('a');
        break;
      case '2':
        if (this.open()) this.survivor.set('b');
        break;
      case 'm':
        this.merge();
        break;
      case 'n':
        void this.decide('NOT_DUPLICATE');
        break;
      case 'l':
        void this.decide('POSTPONED');
        break;
      default:
        return;
    }
    event.preventDefault();
  }
}

/** The first record, unless only the second can be kept (the first one's merge would be refused). */
function preferredSurvivor(candidate: DuplicateCandidate | null): 'a' | 'b' {
  const a = candidate?.individualA;
  const b = candidate?.individualB;
  if (a && b && mergeBlockedByHead(a, b) && !mergeBlockedByHead(b, a)) return 'b';
  return 'a';
}

function sortByScore(list: DuplicateCandidate[]): DuplicateCandidate[] {
  return [...list].sort((x, y) => y.score - x.score || x.id.localeCompare(y.id));
}

function personName(person: DuplicatePerson | null | undefined): string {
  return person ? `${person.givenName} ${person.familyName}`.trim() : '—';
}

function fullName(person: DuplicatePerson | null | undefined): string {
  if (!person) return '—';
  return person.household ? `${personName(person)} (${person.household.code})` : personName(person);
}

/** A calendar date (YYYY-MM-DD) in the interface language, without a time zone shift. */
function formatPlainDate(value: string, lang: string): string {
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return value;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
}
