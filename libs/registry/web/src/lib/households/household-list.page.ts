import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import {
  areaFilter,
  AreaPickerComponent,
  AuthService,
  ChoiceFilterComponent,
  ColumnChoice,
  dataList,
  DataTableComponent,
  EmptyStateComponent,
  ExportButtonComponent,
  ErrorBannerComponent,
  filterChips,
  FilterChipsComponent,
  LanguageService,
  ListUrlState,
  Notifier,
  oneOf,
  openConfirmDialog,
  SearchFieldComponent,
  ServerExports,
  AreaPathPipe,
  formatAreaPath,
} from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { HOUSEHOLD_STATUSES, HouseholdFilter, HouseholdRow, SavedSearch } from '../data/registry.queries';
import { REGISTRY_PAGE_SIZE, RegistryService } from '../data/registry.service';
import { CodePipe, DayPipe } from '../ui/registry-pipes';
import { codeLabel, householdLink, personName } from '../ui/registry-format';
import { openHouseholdDialog } from './household-dialog.component';
import { openSaveSearchDialog } from './save-search-dialog.component';

const COLUMNS = new ColumnChoice(
  [
    { key: 'code', label: 'registry.fields.code', fixed: true },
    { key: 'head', label: 'registry.households.head', compact: true },
    { key: 'area', label: 'registry.fields.area' },
    { key: 'members', label: 'registry.households.members', compact: true },
    { key: 'status', label: 'registry.fields.status' },
    { key: 'registered', label: 'registry.fields.registrationDate' },
  ],
  'registry.households',
);

/** The households in the user's areas: search, filters, saved searches, registration of a new household. */
@Component({
  selector: 'cm-household-list-page',
  imports: [
    AreaPathPipe,
    ExportButtonComponent,
    RouterLink,
    MatTableModule,
    MatFormFieldModule,
    MatSelectModule,
    MatButton,
    MatIcon,
    TranslatePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    AreaPickerComponent,
    ChoiceFilterComponent,
    DataTableComponent,
    FilterChipsComponent,
    SearchFieldComponent,
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
  private readonly translate = inject(TranslateService);
  private readonly notifier = inject(Notifier);
  protected readonly lang = inject(LanguageService).current;

  protected readonly canCreate = computed(() => this.auth.can('registry.create'));
  protected readonly statuses = HOUSEHOLD_STATUSES;
  protected readonly statusLabel = (status: string) => codeLabel(this.translate, 'householdStatus', status);
  protected readonly link = householdLink;
  protected readonly personName = personName;
  /** Search, area and status, in the URL: `?q=…&area=…&status=…&after=…`. */
  protected readonly list = new ListUrlState(['q', 'area', 'status'] as const);
  protected readonly area = areaFilter(this.list, 'area');

  protected readonly filter = computed<HouseholdFilter>(() => {
    const { q, area, status } = this.list.values();
    const known = oneOf(status, HOUSEHOLD_STATUSES);
    return { ...(q ? { search: q } : {}), ...(area ? { areaId: area } : {}), ...(known ? { status: known } : {}) };
  });
  /** The list as the server exports it: the same filter, through the same query. */
  protected readonly exporter = inject(ServerExports).exporter<HouseholdFilter>('registry.households', (filter) => ({ ...filter }));
  protected readonly filtered = computed(() => this.list.active().length > 0);
  protected readonly chips = filterChips(this.list, {
    q: ['registry.households.search'],
    area: ['registry.fields.area', () => formatAreaPath(this.area.area()) || '…'],
    status: ['registry.fields.status', (status) => codeLabel(this.translate, 'householdStatus', status)],
  });
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: REGISTRY_PAGE_SIZE,
    params: () => ({ filter: this.filter(), lang: this.lang() }),
    load: ({ filter }, after) => this.registry.households(filter, after),
    rowTestId: (household: HouseholdRow) => `household-row-${household.code}`,
    rowLabel: (household) => this.translate.instant('registry.households.open', { code: household.code }),
  });

  protected readonly savedSearches = resource({ loader: () => this.registry.savedSearches() });
  protected readonly savedList = computed(() => (this.savedSearches.hasValue() ? this.savedSearches.value() : []));
  /** The saved search the current filter is, if any. */
  protected readonly currentSaved = computed(() => {
    const key = filterKey(this.filter());
    return this.savedList().find((saved) => filterKey(saved.filter) === key) ?? null;
  });
  protected readonly actionError = signal<{ error: unknown; titleKey: string } | null>(null);
  protected readonly opening = signal(false);

  protected open(household: HouseholdRow): void {
    void this.router.navigate(householdLink(household.id));
  }

  protected applySavedId(id: string): void {
    const filter = this.savedList().find((search) => search.id === id)?.filter ?? {};
    this.list.set({ q: filter.search ?? null, area: filter.areaId ?? null, status: filter.status ?? null });
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
    const parts = this.chips().map((chip) => `${this.translate.instant(chip.label)}: ${chip.value}`);
    return parts.length ? parts.join(' · ') : this.translate.instant('registry.savedSearches.everything');
  }
}

/** The same filter written in any order gives the same key. */
function filterKey(filter: HouseholdFilter | null | undefined): string {
  return JSON.stringify([filter?.search ?? '', filter?.areaId ?? '', filter?.status ?? '']);
}
