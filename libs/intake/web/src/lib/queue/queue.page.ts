import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { AuthService, ColumnChoice, DataTableComponent, dataList, DateTimePipe, EmptyStateComponent, ErrorBannerComponent, LanguageService, ListUrlState, Notifier } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import type { IntakeCleaningRuleKind, IntakeSubmission, IntakeSubmissionDetail, IntakeSubmissionStatus, RulePreview } from '../data/intake.queries';
import { INTAKE_PAGE_SIZE, IntakeService } from '../data/intake.service';

export const HOUSEHOLD_FIELDS = ['areaCode', 'address', 'registrationDate'] as const;
export const MEMBER_FIELDS = ['givenName', 'familyName', 'sex', 'relationship', 'birthDate', 'phone', 'documentType', 'documentNumber'] as const;

interface Staged {
  household: Record<string, unknown>;
  members: Record<string, unknown>[];
}

interface Issue {
  field: string;
  code: string;
}

const COLUMNS = new ColumnChoice(
  [
    { key: 'submitted', label: 'intake.queue.submitted', fixed: true },
    { key: 'source', label: 'intake.queue.source', compact: true },
    { key: 'head', label: 'intake.queue.head', fixed: true },
    { key: 'area', label: 'intake.targets.household.areaCode' },
    { key: 'members', label: 'intake.queue.members', compact: true },
    { key: 'issues', label: 'intake.queue.issues' },
    { key: 'status', label: 'intake.queue.status', compact: true },
  ],
  'intake.queue',
);

const STATUSES = ['REVIEW', 'VALID', 'ACCEPTED', 'REJECTED'] as IntakeSubmissionStatus[];

/** The cleaning queue: submissions of the caller's areas, corrected field by field, accepted or rejected; bulk rules previewed then applied. */
@Component({
  selector: 'cm-intake-queue-page',
  imports: [MatTableModule, MatButton, MatButtonToggleModule, MatFormFieldModule, MatInput, MatSelectModule, MatIcon, RouterLink, TranslatePipe, DataTableComponent, DateTimePipe, EmptyStateComponent, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './queue.page.html',
  styleUrl: './queue.page.scss',
})
export class QueuePage {
  private readonly service = inject(IntakeService);
  private readonly notifier = inject(Notifier);
  private readonly auth = inject(AuthService);
  protected readonly lang = inject(LanguageService).current;

  protected readonly householdFields = HOUSEHOLD_FIELDS;
  protected readonly memberFields = MEMBER_FIELDS;
  protected readonly statuses = STATUSES;
  /** The status shown and the page cursor, in the URL: `?status=VALID&after=…`. */
  protected readonly list = new ListUrlState(['status'] as const);
  protected readonly status = computed(() => STATUSES.find((s) => s === this.list.value('status')) ?? STATUSES[0]);
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: INTAKE_PAGE_SIZE,
    params: () => ({ status: this.status() }),
    load: ({ status }, after) => this.service.submissions({ statuses: [status] }, after),
    rowTestId: (row: IntakeSubmission) => `queue-row-${row.uuid}`,
    rowLabel: (row: IntakeSubmission) => this.head(row),
  });
  protected readonly canReview = computed(() => this.auth.can('intake.review'));

  protected readonly selected = signal<IntakeSubmissionDetail | null>(null);
  protected readonly edits = signal<Record<string, string>>({});
  protected readonly rejectReason = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<unknown>(null);

  protected readonly ruleKind = signal<IntakeCleaningRuleKind>('MAP_RELATIONSHIP' as IntakeCleaningRuleKind);
  protected readonly ruleValue = signal('Chef de ménage');
  protected readonly ruleCode = signal('HEAD');
  protected readonly ruleCountry = signal('');
  protected readonly rulePreview = signal<RulePreview | null>(null);
  protected readonly ruleError = signal<unknown>(null);

  protected staged(row: IntakeSubmission | IntakeSubmissionDetail): Staged {
    return row.data as unknown as Staged;
  }

  protected issues(row: IntakeSubmission | IntakeSubmissionDetail): Issue[] {
    return row.issues as unknown as Issue[];
  }

  /** The registered people member `j` may be (the registry's duplicate model), best first. */
  protected matchesOf(row: IntakeSubmissionDetail, j: number): IntakeSubmissionDetail['likelyDuplicates'] {
    return row.likelyDuplicates.filter((d) => d.member === j);
  }

  protected percent(score: number): string {
    return (Math.floor(score * 1000) / 10).toString();
  }

  protected signed(weight: number): string {
    return `${weight > 0 ? '+' : weight < 0 ? '−' : ''}${Math.abs(weight).toFixed(1)}`;
  }

  protected head(row: IntakeSubmission): string {
    const members = this.staged(row).members ?? [];
    const head = members.find((m) => m['relationship'] === 'HEAD') ?? members[0];
    return head ? `${head['givenName'] ?? ''} ${head['familyName'] ?? ''}`.trim() || '—' : '—';
  }

  protected setStatus(status: IntakeSubmissionStatus): void {
    this.list.set({ status });
    this.selected.set(null);
  }

  protected async open(row: IntakeSubmission): Promise<void> {
    this.error.set(null);
    this.edits.set({});
    this.rejectReason.set('');
    this.selected.set(await this.service.submission(row.id));
  }

  protected value(field: string): string {
    const edited = this.edits()[field];
    if (edited !== undefined) return edited;
    const sub = this.selected();
    if (!sub) return '';
    let node: unknown = sub.data;
    for (const part of field.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    return node === null || node === undefined ? '' : String(node);
  }

  protected issueOf(field: string): Issue | undefined {
    const sub = this.selected();
    return sub ? this.issues(sub).find((i) => i.field === field) : undefined;
  }

  protected edit(field: string, value: string): void {
    this.edits.update((e) => ({ ...e, [field]: value }));
  }

  private async refresh(sub: { id: string }): Promise<void> {
    this.selected.set(await this.service.submission(sub.id));
    this.table.reload();
  }

  protected async saveCorrections(): Promise<void> {
    const sub = this.selected();
    if (!sub) return;
    const corrections = Object.entries(this.edits()).map(([field, value]) => ({ field, value: value.trim() === '' ? null : value }));
    if (!corrections.length) return;
    await this.run(async () => {
      await this.service.correct(sub.id, sub.version, corrections);
      this.edits.set({});
      await this.refresh(sub);
      this.notifier.notify('intake.queue.corrected');
    });
  }

  protected async accept(): Promise<void> {
    const sub = this.selected();
    if (!sub) return;
    await this.run(async () => {
      await this.service.accept(sub.id, sub.version);
      await this.refresh(sub);
      this.notifier.notify('intake.queue.accepted');
    });
  }

  protected async reject(): Promise<void> {
    const sub = this.selected();
    if (!sub || !this.rejectReason().trim()) return;
    await this.run(async () => {
      await this.service.reject(sub.id, sub.version, this.rejectReason().trim());
      await this.refresh(sub);
      this.notifier.notify('intake.queue.rejected');
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      if (!this.notifier.approvalPendingHandled(error)) this.error.set(error);
    } finally {
      this.busy.set(false);
    }
  }

  private ruleInput() {
    const kind = this.ruleKind();
    return {
      kind,
      value: kind === 'MAP_RELATIONSHIP' ? this.ruleValue() : null,
      code: kind === 'MAP_RELATIONSHIP' ? this.ruleCode() : null,
      country: kind === 'PHONE_E164' ? this.ruleCountry() : null,
    };
  }

  protected async previewRule(): Promise<void> {
    this.ruleError.set(null);
    try {
      this.rulePreview.set(await this.service.previewRule(this.ruleInput()));
    } catch (error) {
      this.ruleError.set(error);
    }
  }

  protected async applyRule(): Promise<void> {
    this.ruleError.set(null);
    try {
      const result = await this.service.applyRule(this.ruleInput());
      this.rulePreview.set(null);
      this.notifier.notify('intake.rules.applied', result);
      this.table.reload();
    } catch (error) {
      if (!this.notifier.approvalPendingHandled(error)) this.ruleError.set(error);
    }
  }
}
