import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { ColumnChoice, DataTableComponent, dataList, DateTimePipe, DayPipe, EmptyStateComponent, LanguageService, ListUrlState, SearchFieldComponent } from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { GRM_PAGE_SIZE, TicketService } from '../data/ticket.service';
import type { Ticket, TicketStatus } from '../data/ticket.queries';

export const TICKET_STATUSES: TicketStatus[] = ['RECEIVED', 'OPEN', 'IN_PROGRESS', 'ON_HOLD', 'RESOLVED', 'CLOSED', 'REOPENED'] as TicketStatus[];

const COLUMNS = new ColumnChoice(
  [
    { key: 'reference', label: 'grm.fields.reference', fixed: true },
    { key: 'receivedAt', label: 'grm.fields.receivedAt' },
    { key: 'category', label: 'grm.fields.category' },
    { key: 'status', label: 'grm.fields.status', compact: true },
    { key: 'priority', label: 'grm.fields.priority', compact: true },
    { key: 'dueAt', label: 'grm.fields.dueAt' },
  ],
  'grm.tickets',
);

/**
 * The tickets of the caller's areas (sensitive ones only with the permission) on the web kit: search and status in the
 * URL, one cursor pager, column choice. Also the Grievances tab of a household or person page.
 */
@Component({
  selector: 'cm-grm-ticket-list-page',
  imports: [MatTableModule, MatButton, MatFormField, MatLabel, MatIcon, MatSelect, MatOption, RouterLink, TranslatePipe, DataTableComponent, DateTimePipe, DayPipe, EmptyStateComponent, SearchFieldComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './ticket-list.page.html',
  styleUrl: './ticket-list.page.scss',
})
export class TicketListPage {
  private readonly service = inject(TicketService);
  private readonly router = inject(Router);
  private readonly translate = inject(TranslateService);
  protected readonly lang = inject(LanguageService).current;
  /** Set when the list is a tab of a household or person page. */
  readonly householdId = input<string | undefined>();
  readonly individualId = input<string | undefined>();
  readonly recordId = input<string | undefined>();
  readonly recordKind = input<'household' | 'individual' | undefined>();

  protected readonly statuses = TICKET_STATUSES;
  protected readonly embedded = computed(() => !!(this.householdId() || this.individualId() || this.recordId()));

  /** `?ticketQ=…&ticketStatus=…&after=…`: named apart from the filters of the page a tab sits in. */
  protected readonly list = new ListUrlState(['ticketQ', 'ticketStatus'] as const);
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: GRM_PAGE_SIZE,
    params: () => ({
      search: this.list.value('ticketQ'),
      status: this.statusFilter(),
      household: this.householdId() ?? (this.recordKind() === 'household' ? this.recordId() : undefined),
      individual: this.individualId() ?? (this.recordKind() === 'individual' ? this.recordId() : undefined),
    }),
    load: (params, after) =>
      this.service.list({ search: params.search || undefined, status: params.status, householdId: params.household, individualId: params.individual }, after),
    rowTestId: (row: Ticket) => `grm-row-${row.reference}`,
    rowLabel: (row) => this.translate.instant('grm.list.open', { reference: row.reference }),
  });

  /** Only a known status from the URL reaches the API. */
  protected readonly statusFilter = computed(() => {
    const value = this.list.value('ticketStatus') as TicketStatus | null;
    return value && this.statuses.includes(value) ? value : undefined;
  });

  protected open(ticket: Ticket): void {
    void this.router.navigate(['/grm', ticket.id]);
  }
}

/** The Grievances tab of a household page. */
@Component({
  selector: 'cm-grm-household-tickets',
  imports: [TicketListPage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<cm-grm-ticket-list-page [householdId]="recordId()" />`,
})
export class HouseholdTicketsTab {
  readonly recordId = input.required<string>();
}

/** The Grievances tab of a person's page: the tickets linked to the person. */
@Component({
  selector: 'cm-grm-individual-tickets',
  imports: [TicketListPage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<cm-grm-ticket-list-page [individualId]="recordId()" />`,
})
export class IndividualTicketsTab {
  readonly recordId = input.required<string>();
}
