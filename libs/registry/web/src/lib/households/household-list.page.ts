import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  AuthService,
  EmptyStateComponent,
  ErrorBannerComponent,
  LanguageService,
  LoadingIndicatorComponent,
  Notifier,
  openConfirmDialog,
} from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { debounceTime, map } from 'rxjs';
import { HOUSEHOLD_STATUSES, HouseholdFilter, HouseholdRow, HouseholdStatus, SavedSearch } from '../data/registry.queries';
import { REGISTRY_PAGE_SIZE, RegistryService } from '../data/registry.service';
import { AreaAutocompleteComponent, areaChosen, AreaValue, isArea } from '../ui/area-autocomplete.component';
import { CursorPagerComponent, CursorPaging } from '../ui/cursor-pager.component';
import { latestValue } from '../ui/latest-value';
import { CodePipe, DayPipe } from '../ui/registry-pipes';
import { codeLabel, householdLink, personName } from '../ui/registry-format';
import { openHouseholdDialog } from './household-dialog.component';
import { openSaveSearchDialog } from './save-search-dialog.component';

const SEARCH_DEBOUNCE_MS = 300;
const ALL_COLUMNS = ['code', 'head', 'area', 'members', 'status', 'registered'];
const COMPACT_COLUMNS = ['code', 'head', 'members'];

/** The households in the user's areas: search, filters, saved searches, registration of a new household. */
@Component({
  selector: 'cm-household-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatTableModule,
    MatFormFieldModule,
    MatInput,
    MatSelectModule,
    MatButton,
    MatIconButton,
    MatIcon,
    MatProgressBar,
    TranslatePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
    AreaAutocompleteComponent,
    CursorPagerComponent,
    CodePipe,
    DayPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './household-list.page.html',
  styleUrl: './household-list.page.scss',
})
export class HouseholdListPage {
  private readonly registry = inject(RegistryService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly translate = inject(TranslateService);
  private readonly notifier = inject(Notifier);
  protected readonly lang = inject(LanguageService).current;

  protected readonly canCreate = computed(() => this.auth.can('registry.create'));
  protected readonly statuses = HOUSEHOLD_STATUSES;
  protected readonly pageSize = REGISTRY_PAGE_SIZE;
  protected readonly link = householdLink;
  protected readonly personName = personName;
  protected readonly columns = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 719.98px)')
      .pipe(map((state) => (state.matches ? COMPACT_COLUMNS : ALL_COLUMNS))),
    { initialValue: ALL_COLUMNS },
  );

  /** What the person types, and what is searched once they pause typing. */
  protected readonly searchText = signal('');
  private readonly search = signal('');
  protected readonly areaControl = new FormControl<AreaValue>(null, areaChosen);
  private readonly areaId = signal<string | null>(null);
  protected readonly status = signal<HouseholdStatus | null>(null);
  protected readonly paging = new CursorPaging();

  protected readonly filter = computed<HouseholdFilter>(() => {
    const [search, areaId, status] = [this.search(), this.areaId(), this.status()];
    return { ...(search ? { search } : {}), ...(areaId ? { areaId } : {}), ...(status ? { status } : {}) };
  });
  protected readonly filtered = computed(() => Object.keys(this.filter()).length > 0);

  protected readonly page = resource({
    params: () => ({ filter: this.filter(), after: this.paging.after(), lang: this.lang() }),
    loader: ({ params }) => this.registry.households(params.filter, params.after),
  });
  protected readonly pageData = latestValue(this.page);

  protected readonly savedSearches = resource({ loader: () => this.registry.savedSearches() });
  protected readonly savedList = computed(() => (this.savedSearches.hasValue() ? this.savedSearches.value() : []));
  /** The saved search the current filter is, if any. */
  protected readonly currentSaved = computed(() => {
    const key = filterKey(this.filter());
    return this.savedList().find((saved) => filterKey(saved.filter) === key) ?? null;
  });
  protected readonly actionError = signal<{ error: unknown; titleKey: string } | null>(null);
  protected readonly opening = signal(false);

  constructor() {
    const params = this.route.snapshot.queryParamMap;
    const search = params.get('q')?.trim() ?? '';
    this.searchText.set(search);
    this.search.set(search);
    const status = params.get('status');
    if (status && (HOUSEHOLD_STATUSES as readonly string[]).includes(status)) this.status.set(status as HouseholdStatus);
    const areaId = params.get('area');
    if (areaId) void this.restoreArea(areaId);

    toObservable(this.searchText)
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), takeUntilDestroyed())
      .subscribe((text) => {
        if (text.trim() === this.search()) return;
        this.search.set(text.trim());
        this.filterChanged();
      });
    this.areaControl.valueChanges.pipe(takeUntilDestroyed()).subscribe((value) => {
      const id = isArea(value) ? value.id : null;
      if (value !== null && !isArea(value)) return; // still typing
      if (id === this.areaId()) return;
      this.areaId.set(id);
      this.filterChanged();
    });
  }

  protected clearSearch(): void {
    this.searchText.set('');
  }

  protected setStatus(status: HouseholdStatus | null): void {
    this.status.set(status);
    this.filterChanged();
  }

  protected clearFilters(): void {
    this.searchText.set('');
    this.search.set('');
    this.status.set(null);
    this.areaId.set(null);
    this.areaControl.setValue(null, { emitEvent: false });
    this.filterChanged();
  }

  protected open(household: HouseholdRow): void {
    void this.router.navigate(householdLink(household.id));
  }

  protected nextPage(): void {
    this.paging.next(this.pageData()?.endCursor ?? null);
  }

  protected applySavedId(id: string): void {
    const saved = this.savedList().find((search) => search.id === id);
    if (saved) void this.applySaved(saved);
  }

  private async applySaved(saved: SavedSearch): Promise<void> {
    const filter = saved.filter ?? {};
    this.searchText.set(filter.search ?? '');
    this.search.set(filter.search ?? '');
    this.status.set(filter.status ?? null);
    this.areaId.set(filter.areaId ?? null);
    this.areaControl.setValue(null, { emitEvent: false });
    this.filterChanged();
    if (filter.areaId) await this.restoreArea(filter.areaId);
  }

  protected saveSearch(): void {
    openSaveSearchDialog(this.dialog, { filter: this.filter(), summary: this.summary(), existing: this.savedList() }).subscribe((saved) => {
      if (!saved) return;
      this.notifier.notify('registry.savedSearches.saved', { name: saved.name });
      this.savedSearches.reload();
    });
  }

  protected deleteSaved(saved: SavedSearch): void {
    openConfirmDialog(this.dialog, {
      title: this.translate.instant('registry.savedSearches.deleteTitle'),
      message: this.translate.instant('registry.savedSearches.deleteMessage', { name: saved.name }),
      confirmLabel: this.translate.instant('registry.savedSearches.delete'),
      destructive: true,
    }).subscribe(async (confirmed) => {
      if (!confirmed) return;
      this.actionError.set(null);
      try {
        await this.registry.deleteSavedSearch(saved.id);
        this.notifier.notify('registry.savedSearches.deleted', { name: saved.name });
        this.savedSearches.reload();
      } catch (error) {
        this.actionError.set({ error, titleKey: 'registry.savedSearches.deleteFailed' });
      }
    });
  }

  protected async register(): Promise<void> {
    if (this.opening()) return;
    this.opening.set(true);
    this.actionError.set(null);
    try {
      (await openHouseholdDialog(this.dialog, this.registry)).subscribe((result) => {
        if (!result) return;
        if ('sentForApproval' in result) {
          this.notifier.sentForApproval();
          return;
        }
        this.notifier.notify('registry.householdForm.created', { code: result.code });
        void this.router.navigate(householdLink(result.id));
      });
    } catch (error) {
      this.actionError.set({ error, titleKey: 'registry.households.openFormFailed' });
    } finally {
      this.opening.set(false);
    }
  }

  /** "Search: Traoré · Area: Lubari · Status: Active", for the save dialog. */
  private summary(): string {
    const parts: string[] = [];
    const filter = this.filter();
    if (filter.search) parts.push(`${this.translate.instant('registry.households.search')}: ${filter.search}`);
    const area = this.areaControl.value;
    if (isArea(area)) parts.push(`${this.translate.instant('registry.fields.area')}: ${area.name}`);
    if (filter.status) parts.push(`${this.translate.instant('registry.fields.status')}: ${codeLabel(this.translate, 'householdStatus', filter.status)}`);
    return parts.length ? parts.join(' · ') : this.translate.instant('registry.savedSearches.everything');
  }

  private async restoreArea(id: string): Promise<void> {
    this.areaId.set(id);
    try {
      const area = await this.registry.area(id);
      if (area && this.areaId() === id) this.areaControl.setValue(area, { emitEvent: false });
    } catch {
      // the filter still applies; only the area's name is missing
    }
  }

  private filterChanged(): void {
    this.paging.reset();
    const filter = this.filter();
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { q: filter.search ?? null, area: filter.areaId ?? null, status: filter.status ?? null },
      replaceUrl: true,
    });
  }
}

/** The same filter written in any order gives the same key. */
function filterKey(filter: HouseholdFilter | null | undefined): string {
  return JSON.stringify([filter?.search ?? '', filter?.areaId ?? '', filter?.status ?? '']);
}
