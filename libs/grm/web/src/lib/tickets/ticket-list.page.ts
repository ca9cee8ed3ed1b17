import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { EmptyStateComponent, ErrorBannerComponent, LoadingIndicatorComponent } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { TicketService } from '../data/ticket.service';
import type { TicketStatus } from '../data/ticket.queries';

export const TICKET_STATUSES: TicketStatus[] = ['RECEIVED', 'OPEN', 'IN_PROGRESS', 'ON_HOLD', 'RESOLVED', 'CLOSED', 'REOPENED'] as TicketStatus[];

/** The tickets of the caller's areas (sensitive ones only with the permission): filter, then page by cursor. */
@Component({
  selector: 'cm-grm-ticket-list-page',
  imports: [MatTableModule, MatButton, MatFormField, MatLabel, MatSuffix, MatInput, MatIcon, MatSelect, MatOption, RouterLink, DatePipe, TranslatePipe, EmptyStateComponent, ErrorBannerComponent, LoadingIndicatorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './ticket-list.page.html',
  styleUrl: './ticket-list.page.scss',
})
export class TicketListPage {
  private readonly service = inject(TicketService);
  /** Set when the list is a tab of a household or person page. */
  readonly householdId = input<string | undefined>();
  readonly individualId = input<string | undefined>();
  readonly recordId = input<string | undefined>();
  readonly recordKind = input<'household' | 'individual' | undefined>();

  protected readonly statuses = TICKET_STATUSES;
  protected readonly columns = ['reference', 'receivedAt', 'category', 'status', 'priority', 'dueAt'];
  protected readonly search = signal('');
  protected readonly status = signal<TicketStatus | ''>('');
  /** Cursors of the pages before the current one; the last entry is the current page's. */
  private readonly cursors = signal<(string | null)[]>([null]);
  protected readonly page = resource({
    params: () => ({ search: this.search(), status: this.status(), after: this.cursors().at(-1) ?? null, household: this.householdId() ?? (this.recordKind() === 'household' ? this.recordId() : undefined), individual: this.individualId() ?? (this.recordKind() === 'individual' ? this.recordId() : undefined) }),
    loader: ({ params }) =>
      this.service.list(
        { search: params.search || undefined, status: params.status || undefined, householdId: params.household, individualId: params.individual },
        params.after,
      ),
  });
  protected readonly current = computed(() => (this.page.hasValue() ? this.page.value() : null));
  protected readonly hasPrevious = computed(() => this.cursors().length > 1);
  protected readonly embedded = computed(() => !!(this.householdId() || this.individualId() || this.recordId()));

  protected applySearch(text: string): void {
    this.search.set(text.trim());
    this.cursors.set([null]);
  }

  protected applyStatus(status: TicketStatus | ''): void {
    this.status.set(status);
    this.cursors.set([null]);
  }

  protected next(endCursor: string | null): void {
    if (endCursor) this.cursors.update((cursors) => [...cursors, endCursor]);
  }

  protected previous(): void {
    this.cursors.update((cursors) => (cursors.length > 1 ? cursors.slice(0, -1) : cursors));
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
