import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { DataChangeDialogComponent, type DataChangeDialogData } from '../changes/data-change-dialog.component';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { MatIcon } from '@angular/material/icon';
import { AuthService, DateTimePipe, ErrorBannerComponent, FileSizePipe, LanguageService, LoadingIndicatorComponent, Notifier } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import type { TicketAttachment, TicketStatus } from '../data/ticket.queries';
import { TicketService } from '../data/ticket.service';

/** The declared transition table (the server refuses any other move). */
const TRANSITIONS: Record<string, TicketStatus[]> = {
  RECEIVED: ['OPEN', 'CLOSED'],
  OPEN: ['IN_PROGRESS', 'ON_HOLD', 'RESOLVED'],
  IN_PROGRESS: ['ON_HOLD', 'RESOLVED'],
  ON_HOLD: ['IN_PROGRESS'],
  RESOLVED: ['CLOSED', 'REOPENED'],
  CLOSED: ['REOPENED'],
  REOPENED: ['IN_PROGRESS', 'ON_HOLD', 'RESOLVED'],
} as Record<string, TicketStatus[]>;

/** One ticket: its facts, timeline, comments, assignment, transitions and resolution. Texts are shown as text. */
@Component({
  selector: 'cm-grm-ticket-detail-page',
  imports: [DateTimePipe, FileSizePipe, FormsModule, MatButton, MatCheckbox, MatFormField, MatIcon, MatLabel, MatInput, RouterLink, TranslatePipe, ErrorBannerComponent, LoadingIndicatorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './ticket-detail.page.html',
  styleUrl: './ticket-detail.page.scss',
})
export class TicketDetailPage {
  private readonly service = inject(TicketService);
  private readonly auth = inject(AuthService);
  protected readonly lang = inject(LanguageService).current;
  readonly id = input.required<string>();

  protected readonly ticket = resource({ params: () => ({ id: this.id() }), loader: ({ params }) => this.service.get(params.id) });
  protected readonly current = computed(() => (this.ticket.hasValue() ? this.ticket.value() : null));
  protected readonly nextStatuses = computed(() => TRANSITIONS[this.current()?.status ?? ''] ?? []);
  protected readonly error = signal<unknown>(null);
  protected readonly busy = signal(false);
  protected comment = '';
  protected internal = true;
  protected note = '';
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  protected readonly canRequestChange = computed(() => this.auth.can('grm.changes.request'));
  protected readonly canManage = computed(() => this.auth.can('grm.manage'));
  private readonly notifier = inject(Notifier);

  /** A photo or a scan chosen in the file picker; the server says what it refuses (type, size, how many). */
  protected attach(picker: HTMLInputElement): Promise<void> {
    const file = picker.files?.[0];
    picker.value = '';
    if (!file) return Promise.resolve();
    return this.run(async () => {
      await this.service.attach(this.current()!.id, file);
      this.notifier.notify('grm.attachments.added', { name: file.name });
    });
  }

  protected async download(attachment: TicketAttachment): Promise<void> {
    this.error.set(null);
    await this.service.download(attachment.id, attachment.name).catch((error: unknown) => this.error.set(error));
  }

  /** A grievance asking for a correction: the request is linked to the ticket. */
  protected requestChange(ticketId: string, householdId: string): void {
    this.dialog
      .open<DataChangeDialogComponent, DataChangeDialogData>(DataChangeDialogComponent, { data: { householdId, ticketId }, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((created) => {
        if (created) void this.router.navigate(['/grm/changes', created.id]);
      });
  }

  protected async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
      this.ticket.reload();
    } catch (error) {
      this.error.set(error);
    } finally {
      this.busy.set(false);
    }
  }

  protected move(status: TicketStatus): Promise<void> {
    const t = this.current()!;
    return this.run(async () => {
      await this.service.transition(t.id, t.version, status, this.note.trim() || undefined);
      this.note = '';
    });
  }

  protected assignToMe(): Promise<void> {
    const me = this.auth.user()?.id ?? null;
    return this.run(() => this.service.assign(this.current()!.id, me));
  }

  protected addComment(): Promise<void> {
    const body = this.comment.trim();
    if (!body) return Promise.resolve();
    return this.run(async () => {
      await this.service.comment(this.current()!.id, body, this.internal);
      this.comment = '';
    });
  }
}
