import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import {
  areaFilter,
  AreaPickerComponent,
  ColumnChoice,
  DataTableComponent,
  EmptyStateComponent,
  FilterChip,
  FilterChipsComponent,
  LanguageService,
  latestValue,
  ListUrlState,
  SearchFieldComponent,
} from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { IndividualFilter, IndividualRow, Sex, SEXES } from '../data/registry.queries';
import { REGISTRY_PAGE_SIZE, RegistryService } from '../data/registry.service';
import { CodePipe } from '../ui/registry-pipes';
import { codeLabel, householdLink, individualLink } from '../ui/registry-format';

const COLUMNS = new ColumnChoice(
  [
    { key: 'name', label: 'registry.fields.name', fixed: true },
    { key: 'sex', label: 'registry.fields.sex' },
    { key: 'age', label: 'registry.fields.age', compact: true },
    { key: 'household', label: 'registry.fields.household', compact: true },
    { key: 'documents', label: 'registry.fields.documents' },
  ],
  'registry.individuals',
);

/** The people in the user's areas: search by name, document or phone; filter by sex and area. */
@Component({
  selector: 'cm-individual-list-page',
  imports: [
    RouterLink,
    MatTableModule,
    MatFormFieldModule,
    MatSelectModule,
    MatButton,
    TranslatePipe,
    EmptyStateComponent,
    AreaPickerComponent,
    DataTableComponent,
    FilterChipsComponent,
    SearchFieldComponent,
    CodePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './individual-list.page.html',
  styleUrl: './individual-list.page.scss',
})
export class IndividualListPage {
  private readonly registry = inject(RegistryService);
  private readonly router = inject(Router);
  private readonly translate = inject(TranslateService);
  protected readonly lang = inject(LanguageService).current;

  protected readonly sexes = SEXES;
  protected readonly pageSize = REGISTRY_PAGE_SIZE;
  protected readonly householdLink = householdLink;
  protected readonly personLink = individualLink;
  protected readonly columns = COLUMNS;
  protected readonly rowTestId = (person: IndividualRow) => `individual-row-${person.id}`;
  protected readonly rowLabel = (person: IndividualRow) => `${person.familyName}, ${person.givenName}`;

  /** Search, area and sex, in the URL: `?q=…&area=…&sex=…&after=…`. */
  protected readonly list = new ListUrlState(['q', 'area', 'sex'] as const);
  protected readonly area = areaFilter(this.list, 'area');

  protected readonly filter = computed<IndividualFilter>(() => {
    const { q, area, sex } = this.list.values();
    const known = (SEXES as readonly (string | null)[]).includes(sex) ? (sex as Sex) : null;
    return { ...(q ? { search: q } : {}), ...(area ? { areaId: area } : {}), ...(known ? { sex: known } : {}) };
  });
  protected readonly filtered = computed(() => Object.keys(this.filter()).length > 0);
  protected readonly chips = computed<FilterChip[]>(() => {
    const filter = this.filter();
    this.lang();
    return [
      ...(filter.search ? [{ key: 'q', label: 'registry.individuals.search', value: filter.search }] : []),
      ...(filter.areaId ? [{ key: 'area', label: 'registry.fields.area', value: this.area.area()?.name ?? '…' }] : []),
      ...(filter.sex ? [{ key: 'sex', label: 'registry.fields.sex', value: codeLabel(this.translate, 'sex', filter.sex) }] : []),
    ];
  });

  protected readonly page = resource({
    params: () => ({ filter: this.filter(), after: this.list.paging.after(), lang: this.lang() }),
    loader: ({ params }) => this.registry.individuals(params.filter, params.after),
  });
  protected readonly pageData = latestValue(this.page);

  protected open(person: IndividualRow): void {
    void this.router.navigate(individualLink(person.id));
  }
}
