import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  AreaPickerComponent,
  areaFilter,
  AuthService,
  ChoiceFilterComponent,
  ColumnChoice,
  DataTableComponent,
  dataList,
  EmptyStateComponent,
  ErrorBannerComponent,
  ListUrlState,
  LoadingIndicatorComponent,
  Notifier,
} from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { StageOutcomeRow, StageOutcomeStatus } from '../data/workflow.queries';
import { STAGE_PAGE_SIZE, WorkflowService } from '../data/workflow.service';

const STATUSES: readonly StageOutcomeStatus[] = ['PENDING', 'PASSED', 'FAILED'];
const COLUMNS = new ColumnChoice(
  [
    { key: 'code', label: 'targeting.stage.code', fixed: true },
    { key: 'head', label: 'targeting.stage.head' },
    { key: 'members', label: 'targeting.stage.members', compact: true },
    { key: 'area', label: 'targeting.stage.area' },
    { key: 'score', label: 'targeting.stage.score' },
    { key: 'status', label: 'targeting.stage.status', compact: true },
    { key: 'decision', label: 'targeting.stage.decision', fixed: true },
  ],
  'targeting.stage',
);

/**
 * One stage of a targeting round as a work queue: its households in the user's areas (filter by outcome and area).
 * At a community validation the round waits on, a validator approves or rejects each household (a reason for a
 * rejection), downloads the chosen village's printed list, or uploads the ticked list as CSV.
 */
@Component({
  selector: 'cm-targeting-stage-queue-page',
  imports: [
    MatTableModule,
    MatButton,
    MatIcon,
    MatFormField,
    MatLabel,
    MatInput,
    RouterLink,
    TranslatePipe,
    AreaPickerComponent,
    ChoiceFilterComponent,
    DataTableComponent,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './stage-queue.page.html',
  styleUrl: './workflow.scss',
})
export class StageQueuePage {
  private readonly service = inject(WorkflowService);
  private readonly auth = inject(AuthService);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);

  /** Route parameters. */
  readonly roundId = input.required<string>();
  readonly stage = input.required<string>();
  protected readonly stageIndex = computed(() => Number(this.stage()) || 0);

  protected readonly statuses = STATUSES;
  protected readonly round = resource({ params: () => ({ id: this.roundId() }), loader: ({ params }) => this.service.round(params.id) });
  protected readonly funnel = resource({ params: () => ({ id: this.roundId() }), loader: ({ params }) => this.service.funnel(params.id, null) });
  protected readonly stageInfo = computed(() => this.funnel.value()?.stages[this.stageIndex()] ?? null);
  /** Decisions are open at the community validation the running round waits on. */
  protected readonly validating = computed(() => {
    const r = this.round.value();
    return !!r && r.status === 'RUNNING' && r.currentStage === this.stageIndex() && this.stageInfo()?.kind === 'COMMUNITY_VALIDATION' && this.auth.can('targeting.validate');
  });
  protected readonly reasons = signal<Record<string, string | undefined>>({});
  protected readonly error = signal<unknown>(null);
  protected readonly busy = signal(false);

  protected readonly list = new ListUrlState(['status', 'area'] as const);
  protected readonly area = areaFilter(this.list, 'area');
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: STAGE_PAGE_SIZE,
    params: () => ({ roundId: this.roundId(), stage: this.stageIndex(), status: this.list.value('status') as StageOutcomeStatus | null, areaId: this.list.value('area') }),
    load: ({ roundId, stage, status, areaId }, after) => this.service.outcomes(roundId, stage, { status, areaId }, after),
    rowTestId: (row: StageOutcomeRow) => `outcome-row-${row.code}`,
  });
  protected readonly statusLabel = (status: string) => this.translate.instant(`targeting.stage.statuses.${status}`);

  protected reasonLabel(row: StageOutcomeRow): string {
    if (!row.reason) return '';
    const text = this.translate.instant(`targeting.stage.reasons.${row.reason}`);
    return row.note ? `${text}: ${row.note}` : text;
  }

  protected reasonOf(row: StageOutcomeRow): string {
    return this.reasons()[row.householdId] ?? row.note ?? '';
  }

  protected setReason(householdId: string, value: string): void {
    this.reasons.update((r) => ({ ...r, [householdId]: value }));
  }

  protected async decide(row: StageOutcomeRow, approved: boolean): Promise<void> {
    const reason = this.reasons()[row.householdId]?.trim() || null;
    await this.run(async () => {
      const result = await this.service.decide(this.roundId(), [{ householdId: row.householdId, approved, reason }]);
      this.notifier.notify(approved ? 'targeting.stage.approved' : 'targeting.stage.rejected', { code: row.code, pending: result.pending });
    });
  }

  /** Approves every household shown (the current page). */
  protected async approveShown(): Promise<void> {
    const rows = this.table.rows().filter((r) => r.status === 'PENDING');
    if (!rows.length) return;
    await this.run(async () => {
      const result = await this.service.decide(this.roundId(), rows.map((r) => ({ householdId: r.householdId, approved: true })));
      this.notifier.notify('targeting.stage.approvedMany', { count: result.approved, pending: result.pending });
    });
  }

  protected async download(): Promise<void> {
    const area = this.area.area();
    if (!area) return;
    await this.run(() => this.service.downloadList(this.roundId(), area.id, area.code), false);
  }

  protected async upload(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    await this.run(async () => {
      const result = await this.service.uploadCsv(this.roundId(), await file.text());
      this.notifier.notify('targeting.stage.uploaded', { approved: result.approved, rejected: result.rejected, pending: result.pending });
    });
  }

  private async run(action: () => Promise<void>, reload = true): Promise<void> {
    this.error.set(null);
    this.busy.set(true);
    try {
      await action();
      if (reload) {
        this.reasons.set({});
        this.table.reload();
        this.funnel.reload();
      }
    } catch (error) {
      this.error.set(error);
    } finally {
      this.busy.set(false);
    }
  }
}
