import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import {
  areaFilter,
  AreaPickerComponent,
  ChoiceFilterComponent,
  ColumnChoice,
  dataList,
  DataTableComponent,
  EmptyStateComponent,
  ExportButtonComponent,
  filterChips,
  FilterChipsComponent,
  LanguageService,
  ListUrlState,
  oneOf,
  SearchFieldComponent,
  ServerExports,
  formatAreaPath,
} from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { IndividualFilter, IndividualRow, SEXES } from '../data/registry.queries';
import { REGISTRY_PAGE_SIZE, RegistryService } from '../data/registry.service';
import { PersonDocumentsComponent } from '../ui/person-documents.component';
import { AgePipe, CodePipe } from '../ui/registry-pipes';
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
    ExportButtonComponent,
    RouterLink,
    MatTableModule,
    MatButton,
    TranslatePipe,
    EmptyStateComponent,
    AreaPickerComponent,
    ChoiceFilterComponent,
    DataTableComponent,
    FilterChipsComponent,
    SearchFieldComponent,
    AgePipe,
    PersonDocumentsComponent,
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
  protected readonly sexLabel = (sex: string) => codeLabel(this.translate, 'sex', sex);
  protected readonly householdLink = householdLink;
  protected readonly personLink = individualLink;

  /** Search, area and sex, in the URL: `?q=…&area=…&sex=…&after=…`. */
  protected readonly list = new ListUrlState(['q', 'area', 'sex'] as const);
  protected readonly area = areaFilter(this.list, 'area');
  protected readonly filter = computed<IndividualFilter>(() => {
    const { q, area, sex } = this.list.values();
    const known = oneOf(sex, SEXES);
    return { ...(q ? { search: q } : {}), ...(area ? { areaId: area } : {}), ...(known ? { sex: known } : {}) };
  });
  /** The list as the server exports it: the same filter, through the same query. */
  protected readonly exporter = inject(ServerExports).exporter<IndividualFilter>('registry.individuals', (filter) => ({ ...filter }));
  protected readonly chips = filterChips(this.list, {
    q: ['registry.individuals.search'],
    area: ['registry.fields.area', () => formatAreaPath(this.area.area()) || '…'],
    sex: ['registry.fields.sex', (sex) => codeLabel(this.translate, 'sex', sex)],
  });
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: REGISTRY_PAGE_SIZE,
    params: () => ({ filter: this.filter(), lang: this.lang() }),
    load: ({ filter }, after) => this.registry.individuals(filter, after),
    rowTestId: (person: IndividualRow) => `individual-row-${person.id}`,
    rowLabel: (person) => `${person.familyName}, ${person.givenName}`,
  });

  protected open(person: IndividualRow): void {
    void this.router.navigate(individualLink(person.id));
  }
}
