import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router } from '@angular/router';
import { MatTableModule } from '@angular/material/table';
import { ColumnChoice, DataTableComponent, dataList, EmptyStateComponent, formatDay, LanguageService, ListUrlState, SearchFieldComponent } from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { Program } from '../data/program.queries';
import { PROGRAMS_PAGE_SIZE, ProgramService } from '../data/program.service';
import { programName } from '../ui/program-format';

const COLUMNS = new ColumnChoice(
  [
    { key: 'code', label: 'programs.list.code', fixed: true },
    { key: 'name', label: 'programs.list.name' },
    { key: 'unit', label: 'programs.list.unit' },
    { key: 'period', label: 'programs.list.period' },
    { key: 'status', label: 'programs.list.status', compact: true },
  ],
  'programs.programs',
);

/** The programmes covering the caller's areas on the web kit: search and page in the URL, one cursor pager, column choice. */
@Component({
  selector: 'cm-programs-program-list-page',
  imports: [MatTableModule, TranslatePipe, DataTableComponent, SearchFieldComponent, EmptyStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './program-list.page.html',
  styleUrl: './program-list.page.scss',
})
export class ProgramListPage {
  private readonly service = inject(ProgramService);
  private readonly router = inject(Router);
  private readonly translate = inject(TranslateService);
  protected readonly lang = inject(LanguageService).current;

  /** The search, in the URL: `?q=…&after=…`. */
  protected readonly list = new ListUrlState(['q'] as const);
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: PROGRAMS_PAGE_SIZE,
    params: () => ({ search: this.list.value('q') }),
    load: ({ search }, after) => this.service.list({ search: search || undefined }, after),
    rowTestId: (row: Program) => `program-row-${row.code}`,
    rowLabel: (row) => this.translate.instant('programs.list.open', { code: row.code }),
  });

  protected open(program: Program): void {
    void this.router.navigate(['/programs', program.id]);
  }

  /** The programme's name in the interface language, else in English. */
  protected nameOf(program: Program): string {
    return programName(program, this.lang());
  }

  protected day(value: string | null | undefined): string {
    return formatDay(value, this.lang()) || '—';
  }
}
