import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { EmptyStateComponent, ErrorBannerComponent, LoadingIndicatorComponent } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { TicketService } from '../data/ticket.service';

/** The tickets of the caller's areas: search, then page through them by cursor. */
@Component({
  selector: 'cm-grm-ticket-list-page',
  imports: [MatTableModule, MatButton, MatFormField, MatLabel, MatSuffix, MatInput, MatIcon, TranslatePipe, EmptyStateComponent, ErrorBannerComponent, LoadingIndicatorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './ticket-list.page.html',
  styleUrl: './ticket-list.page.scss',
})
export class TicketListPage {
  private readonly service = inject(TicketService);

  protected readonly columns = ['code', 'name'];
  protected readonly search = signal('');
  /** Cursors of the pages before the current one; the last entry is the current page's. */
  private readonly cursors = signal<(string | null)[]>([null]);
  protected readonly page = resource({
    params: () => ({ search: this.search(), after: this.cursors().at(-1) ?? null }),
    loader: ({ params }) => this.service.list({ search: params.search || undefined }, params.after),
  });
  protected readonly current = computed(() => (this.page.hasValue() ? this.page.value() : null));
  protected readonly hasPrevious = computed(() => this.cursors().length > 1);

  protected applySearch(text: string): void {
    this.search.set(text.trim());
    this.cursors.set([null]);
  }

  protected next(endCursor: string | null): void {
    if (endCursor) this.cursors.update((cursors) => [...cursors, endCursor]);
  }

  protected previous(): void {
    this.cursors.update((cursors) => (cursors.length > 1 ? cursors.slice(0, -1) : cursors));
  }
}
