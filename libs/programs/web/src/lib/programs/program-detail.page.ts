import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import {
  approvalPending,
  AuthService,
  ChoiceFilterComponent,
  ColumnChoice,
  ContributedTabComponent,
  contributedTabs,
  DataTableComponent,
  dataList,
  EmptyStateComponent,
  ErrorBannerComponent,
  ExportButtonComponent,
  LanguageService,
  latestValue,
  ListUrlState,
  LoadingIndicatorComponent,
  Notifier,
  openConfirmDialog,
  PAGE_TAB_HOSTS,
  SearchFieldComponent,
  ServerExports,
  formatDay,
  AreaPathPipe,
} from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { BeneficiaryRow, BeneficiaryStatus, Program } from '../data/program.queries';
import { PROGRAMS_PAGE_SIZE, ProgramService } from '../data/program.service';
import { programName } from '../ui/program-format';

const STATUSES: readonly BeneficiaryStatus[] = ['POTENTIAL', 'WAITLISTED', 'ACTIVE', 'SUSPENDED', 'INELIGIBLE', 'GRADUATED', 'EXITED'];
const COLUMNS = new ColumnChoice(
  [
    { key: 'who', label: 'programs.beneficiaries.who', fixed: true },
    { key: 'area', label: 'programs.beneficiaries.area' },
    { key: 'status', label: 'programs.beneficiaries.status', compact: true },
    { key: 'since', label: 'programs.beneficiaries.since' },
    { key: 'enrolled', label: 'programs.beneficiaries.enrolled' },
    { key: 'score', label: 'programs.beneficiaries.score', compact: true },
  ],
  'programs.beneficiaries',
);

/** One programme: what it is, its status actions, tabs other modules add, and its beneficiaries in the caller's areas (kit list, filters in the URL). */
@Component({
  selector: 'cm-programs-program-detail-page',
  imports: [
    AreaPathPipe,
    MatTableModule,
    MatTabsModule,
    ContributedTabComponent,
    MatButton,
    MatIcon,
    RouterLink,
    TranslatePipe,
    DataTableComponent,
    SearchFieldComponent,
    ChoiceFilterComponent,
    ExportButtonComponent,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './program-detail.page.html',
  styleUrl: './program-detail.page.scss',
})
export class ProgramDetailPage {
  private readonly service = inject(ProgramService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  protected readonly lang = inject(LanguageService).current;

  /** The route's `:id`. */
  readonly id = input.required<string>();
  protected readonly statuses = STATUSES;
  protected readonly canManage = computed(() => this.auth.can('programs.manage'));
  /** Tabs other modules add (Workflow and Rounds from `targeting`), while they are enabled. */
  protected readonly contributedTabs = contributedTabs(PAGE_TAB_HOSTS.programsProgram);

  protected readonly program = resource({ params: () => ({ id: this.id() }), loader: ({ params }) => this.service.program(params.id) });
  protected readonly data = latestValue(this.program);
  protected readonly missing = computed(() => this.program.hasValue() && this.program.value() === null);
  protected readonly failure = signal<unknown>(null);

  /** Search and status filter in the URL: `?q=…&status=…&after=…`. */
  protected readonly list = new ListUrlState(['q', 'status'] as const);
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: PROGRAMS_PAGE_SIZE,
    params: () => ({ id: this.id(), search: this.list.value('q'), status: this.list.value('status') as BeneficiaryStatus | null }),
    load: ({ id, search, status }, after) => this.service.beneficiaries(id, { search: search || undefined, statuses: status ? [status] : undefined }, after),
    rowTestId: (row: BeneficiaryRow) => `beneficiary-row-${row.household?.code ?? row.id}`,
    rowLabel: (row) => (row.household ? this.translate.instant('programs.beneficiaries.openHousehold', { code: row.household.code }) : null),
  });
  /** The beneficiaries as the server exports them: this programme, the same search and status. */
  protected readonly exporter = inject(ServerExports).exporter<{ programId: string; search: string | null; status: string | null }>('programs.beneficiaries', (f) => ({
    programId: f.programId,
    search: f.search || undefined,
    statuses: f.status ? [f.status] : undefined,
  }));
  protected readonly exportFilter = computed(() => ({ programId: this.id(), search: this.list.value('q'), status: this.list.value('status') }));
  protected readonly statusLabel = (status: string) => this.translate.instant(`programs.beneficiaryStatuses.${status}`);

  protected nameOf(program: Program): string {
    return programName(program, this.lang());
  }

  protected who(row: BeneficiaryRow): string {
    const person = row.individual ?? row.household?.head ?? null;
    return person ? `${person.givenName} ${person.familyName}` : '—';
  }

  protected openRow(row: BeneficiaryRow): void {
    if (row.household) void this.router.navigate(['/registry', 'households', row.household.id]);
  }

  protected day(value: string | null | undefined): string {
    return formatDay(value, this.lang()) || '—';
  }

  /** An amount in the interface language, with the programme's currency when it has a valid one. */
  protected money(amount: number, currency: string | null | undefined): string {
    try {
      if (currency) return new Intl.NumberFormat(this.lang(), { style: 'currency', currency }).format(amount);
    } catch {
      // not an ISO 4217 code: the number alone, then the code
    }
    return `${new Intl.NumberFormat(this.lang()).format(amount)}${currency ? ` ${currency}` : ''}`;
  }

  protected changeStatus(program: Program, action: 'activate' | 'close'): void {
    const name = this.nameOf(program);
    openConfirmDialog(this.dialog, {
      title: this.translate.instant(`programs.detail.${action}Title`, { name }),
      message: this.translate.instant(`programs.detail.${action}Message`, { name }),
      confirmLabel: this.translate.instant(`programs.detail.${action}`),
      destructive: action === 'close',
    }).subscribe(async (confirmed) => {
      if (!confirmed) return;
      this.failure.set(null);
      try {
        await (action === 'activate' ? this.service.activate(program) : this.service.close(program));
        this.notifier.notify(`programs.detail.${action}d`, { name });
        this.program.reload();
      } catch (error) {
        if (approvalPending(error)) this.notifier.notify('programs.detail.heldForApproval', { name });
        else this.failure.set(error);
      }
    });
  }

}
