import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { EmptyStateComponent, ErrorBannerComponent, LanguageService, LoadingIndicatorComponent } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { debounceTime, map } from 'rxjs';
import { IndividualFilter, IndividualRow, Sex, SEXES } from '../data/registry.queries';
import { REGISTRY_PAGE_SIZE, RegistryService } from '../data/registry.service';
import { AreaAutocompleteComponent, areaChosen, AreaValue, isArea } from '../ui/area-autocomplete.component';
import { CursorPagerComponent, CursorPaging } from '../ui/cursor-pager.component';
import { latestValue } from '../ui/latest-value';
import { CodePipe } from '../ui/registry-pipes';
import { householdLink, individualLink } from '../ui/registry-format';

const SEARCH_DEBOUNCE_MS = 300;
const ALL_COLUMNS = ['name', 'sex', 'age', 'household', 'documents'];
const COMPACT_COLUMNS = ['name', 'age', 'household'];

/** The people in the user's areas: search by name, document or phone; filter by sex and area. */
@Component({
  selector: 'cm-individual-list-page',
  imports: [
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
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './individual-list.page.html',
  styleUrl: './individual-list.page.scss',
})
export class IndividualListPage {
  private readonly registry = inject(RegistryService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly lang = inject(LanguageService).current;

  protected readonly sexes = SEXES;
  protected readonly pageSize = REGISTRY_PAGE_SIZE;
  protected readonly householdLink = householdLink;
  protected readonly personLink = individualLink;
  protected readonly columns = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 719.98px)')
      .pipe(map((state) => (state.matches ? COMPACT_COLUMNS : ALL_COLUMNS))),
    { initialValue: ALL_COLUMNS },
  );

  protected readonly searchText = signal('');
  private readonly search = signal('');
  protected readonly sex = signal<Sex | null>(null);
  protected readonly areaControl = new FormControl<AreaValue>(null, areaChosen);
  private readonly areaId = signal<string | null>(null);
  protected readonly paging = new CursorPaging();

  protected readonly filter = computed<IndividualFilter>(() => {
    const [search, areaId, sex] = [this.search(), this.areaId(), this.sex()];
    return { ...(search ? { search } : {}), ...(areaId ? { areaId } : {}), ...(sex ? { sex } : {}) };
  });
  protected readonly filtered = computed(() => Object.keys(this.filter()).length > 0);

  protected readonly page = resource({
    params: () => ({ filter: this.filter(), after: this.paging.after(), lang: this.lang() }),
    loader: ({ params }) => this.registry.individuals(params.filter, params.after),
  });
  protected readonly pageData = latestValue(this.page);

  constructor() {
    const params = this.route.snapshot.queryParamMap;
    const search = params.get('q')?.trim() ?? '';
    this.searchText.set(search);
    this.search.set(search);
    const sex = params.get('sex');
    if (sex && (SEXES as readonly string[]).includes(sex)) this.sex.set(sex as Sex);
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
      if (value !== null && !isArea(value)) return; // still typing
      const id = isArea(value) ? value.id : null;
      if (id === this.areaId()) return;
      this.areaId.set(id);
      this.filterChanged();
    });
  }

  protected clearSearch(): void {
    this.searchText.set('');
  }

  protected setSex(sex: Sex | null): void {
    this.sex.set(sex);
    this.filterChanged();
  }

  protected clearFilters(): void {
    this.searchText.set('');
    this.search.set('');
    this.sex.set(null);
    this.areaId.set(null);
    this.areaControl.setValue(null, { emitEvent: false });
    this.filterChanged();
  }

  protected open(person: IndividualRow): void {
    void this.router.navigate(individualLink(person.id));
  }

  protected nextPage(): void {
    this.paging.next(this.pageData()?.endCursor ?? null);
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
      queryParams: { q: filter.search ?? null, area: filter.areaId ?? null, sex: filter.sex ?? null },
      replaceUrl: true,
    });
  }
}
