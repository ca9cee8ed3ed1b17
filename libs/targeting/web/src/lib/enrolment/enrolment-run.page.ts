import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, resource, signal } from '@angular/core';
import { FormControl } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { AreaPickerComponent, type AreaValue, ErrorBannerComponent, isArea, NoticeBannerComponent, Notifier } from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { EnrolmentOutcome, EnrolmentProposalRow, EnrolmentRunRow, EnrolmentTieBreaker } from '../data/enrolment.queries';
import { EnrolmentService } from '../data/enrolment.service';
import { FormulaService } from '../data/formula.service';
import { WorkflowService } from '../data/workflow.service';

const POLL_MS = 700;

interface QuotaRow {
  areaId: string;
  label: string;
  places: number;
}

/**
 * Enrolment round of a programme: score the households with a formula (a job, with its progress), then compute a
 * run (threshold, criterion, tie-breakers, quotas per area) and look at its funnel, budget use, quotas and ranked
 * list before applying it (under the approval rule) or cancelling it.
 */
@Component({
  selector: 'cm-targeting-enrolment-run-page',
  imports: [MatButton, MatFormField, MatLabel, MatInput, MatSelect, MatOption, MatProgressBar, TranslatePipe, ErrorBannerComponent, NoticeBannerComponent, AreaPickerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './enrolment-run.page.html',
  styleUrl: './enrolment-run.page.scss',
})
export class EnrolmentRunPage {
  private readonly service = inject(EnrolmentService);
  private readonly formulaService = inject(FormulaService);
  private readonly workflows = inject(WorkflowService);
  private readonly translate = inject(TranslateService);
  private readonly notifier = inject(Notifier);
  private polling: ReturnType<typeof setTimeout> | null = null;

  protected readonly tieBreakerChoices: EnrolmentTieBreaker[] = ['MORE_CHILDREN_UNDER_FIVE', 'OLDER_HEAD', 'EARLIER_REGISTRATION', 'LARGER_HOUSEHOLD'];
  protected readonly outcomes: EnrolmentOutcome[] = ['ENROLLED', 'WAITLISTED', 'INELIGIBLE'];
  protected readonly programs = resource({ loader: () => this.formulaService.programs() });
  protected readonly programId = signal<string | null>(null);
  protected readonly formulas = resource({ params: () => this.programId() ?? undefined, loader: ({ params }) => this.service.formulas(params) });
  protected readonly scoreFormulas = computed(() => (this.formulas.value() ?? []).filter((f) => f.kind === 'SCORE'));
  protected readonly criteriaFormulas = computed(() => (this.formulas.value() ?? []).filter((f) => f.kind === 'CRITERIA'));
  protected readonly runs = resource({ params: () => this.programId() ?? undefined, loader: ({ params }) => this.service.runs(params) });

  /** Completed targeting rounds: a run may take only the households that passed every stage of one. */
  protected readonly rounds = resource({
    params: () => this.programId() ?? undefined,
    loader: async ({ params }) => (await this.workflows.rounds(params)).filter((r) => r.status === 'COMPLETED'),
  });
  protected readonly roundId = signal<string | null>(null);
  protected readonly formulaId = signal<string | null>(null);
  protected readonly criteriaId = signal<string | null>(null);
  protected readonly maxScore = signal<string>('');
  protected readonly tieBreakers = signal<EnrolmentTieBreaker[]>(['MORE_CHILDREN_UNDER_FIVE']);
  protected readonly quotas = signal<QuotaRow[]>([]);
  protected readonly quotaArea = new FormControl<AreaValue>(null);
  protected readonly quotaPlaces = signal<string>('');

  protected readonly scoring = signal<{ progress: number; status: string; scored?: number; errors?: number } | null>(null);
  protected readonly run = signal<EnrolmentRunRow | null>(null);
  /** The computing run's job progress (0-1) while it is COMPUTING. */
  protected readonly computing = signal<number | null>(null);
  private following: ReturnType<typeof setTimeout> | null = null;
  protected readonly outcome = signal<EnrolmentOutcome | null>(null);
  protected readonly proposals = signal<{ total: number; rows: readonly EnrolmentProposalRow[] } | null>(null);
  protected readonly error = signal<unknown>(null);
  protected readonly busy = signal(false);

  protected readonly funnel = computed(() => {
    const r = this.run();
    if (!r) return [];
    const steps = [
      { key: 'registered', value: r.registered },
      { key: 'assessed', value: r.assessed },
      { key: 'eligible', value: r.eligible },
      { key: 'enrolled', value: r.enrolled },
    ];
    const top = Math.max(1, r.registered);
    return steps.map((s) => ({ ...s, width: (s.value / top) * 100 }));
  });
  protected readonly budgetShare = computed(() => {
    const r = this.run();
    return r?.budget ? Math.min(100, (r.budgetUsed / r.budget) * 100) : null;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      if (this.polling) clearTimeout(this.polling);
      if (this.following) clearTimeout(this.following);
    });
  }

  protected programName(p: { code: string; name: { en: string; fr?: string | null; pt?: string | null } }): string {
    const lang = this.translate.getCurrentLang() as 'en' | 'fr' | 'pt';
    return `${p.code} · ${p.name[lang] ?? p.name.en}`;
  }

  protected chooseProgram(id: string): void {
    this.programId.set(id);
    this.formulaId.set(null);
    this.roundId.set(null);
    this.criteriaId.set(null);
    this.quotas.set([]);
    this.run.set(null);
    this.proposals.set(null);
    this.scoring.set(null);
  }

  protected addQuota(): void {
    const area = this.quotaArea.value;
    const places = Number(this.quotaPlaces());
    if (!isArea(area) || !Number.isInteger(places) || places < 0) return;
    this.quotas.update((list) => [...list.filter((q) => q.areaId !== area.id), { areaId: area.id, label: `${area.code} · ${area.name}`, places }]);
    this.quotaArea.setValue(null);
    this.quotaPlaces.set('');
  }

  protected removeQuota(areaId: string): void {
    this.quotas.update((list) => list.filter((q) => q.areaId !== areaId));
  }

  /** Starts the scoring job and follows its progress until it ends. */
  protected async score(): Promise<void> {
    const formulaId = this.formulaId();
    if (!formulaId) return;
    this.error.set(null);
    try {
      const jobId = await this.service.score(formulaId);
      this.scoring.set({ progress: 0, status: 'QUEUED' });
      const follow = async () => {
        const job = await this.service.job(jobId);
        if (!job) return;
        const result = (job.result ?? {}) as { scored?: number; errors?: number };
        this.scoring.set({ progress: job.progress, status: job.status, scored: result.scored, errors: result.errors });
        if (job.status === 'QUEUED' || job.status === 'RUNNING') this.polling = setTimeout(() => void follow(), POLL_MS);
      };
      await follow();
    } catch (error) {
      this.error.set(error);
    }
  }

  protected async start(): Promise<void> {
    const programId = this.programId();
    const formulaId = this.formulaId();
    const roundId = this.roundId();
    if (!programId || (!formulaId && !roundId)) return;
    this.error.set(null);
    this.busy.set(true);
    try {
      const max = this.maxScore().trim();
      const run = await this.service.start({
        programId,
        formulaId,
        roundId,
        criteriaFormulaId: this.criteriaId(),
        maxScore: max === '' ? null : Number(max),
        tieBreakers: this.tieBreakers(),
        quotas: this.quotas().map(({ areaId, places }) => ({ areaId, places })),
      });
      await this.show(run);
      this.runs.reload();
    } catch (error) {
      this.error.set(error);
    } finally {
      this.busy.set(false);
    }
  }

  protected async show(run: EnrolmentRunRow): Promise<void> {
    if (this.following) clearTimeout(this.following);
    this.run.set(run);
    this.outcome.set(null);
    this.proposals.set(null);
    if (run.status === 'COMPUTING') {
      this.computing.set(0);
      await this.follow(run);
      return;
    }
    this.computing.set(null);
    if (run.status !== 'FAILED') await this.loadProposals();
  }

  /** Follows a computing run's job, then shows the run as its job left it (proposed, or failed with the reason). */
  private async follow(run: EnrolmentRunRow): Promise<void> {
    try {
      const job = run.jobId ? await this.service.job(run.jobId) : null;
      if (this.run()?.id !== run.id) return;
      if (job && (job.status === 'QUEUED' || job.status === 'RUNNING')) {
        this.computing.set(job.progress);
        this.following = setTimeout(() => void this.follow(run), POLL_MS);
        return;
      }
      const done = await this.service.run(run.id);
      if (done && this.run()?.id === run.id) {
        this.runs.reload();
        await this.show(done);
      }
    } catch (error) {
      this.error.set(error);
    }
  }

  protected async filter(outcome: EnrolmentOutcome | null): Promise<void> {
    this.outcome.set(outcome);
    await this.loadProposals();
  }

  private async loadProposals(): Promise<void> {
    const run = this.run();
    if (!run) return;
    try {
      this.proposals.set(await this.service.proposals(run.id, this.outcome(), 0));
    } catch (error) {
      this.error.set(error);
    }
  }

  protected async apply(): Promise<void> {
    const run = this.run();
    if (!run) return;
    this.error.set(null);
    try {
      await this.service.apply(run.id);
      this.notifier.notify('targeting.enrolment.applied');
      this.refresh(run.id);
    } catch (error) {
      if (!this.notifier.approvalPendingHandled(error)) this.error.set(error);
    }
  }

  protected async cancel(): Promise<void> {
    const run = this.run();
    if (!run) return;
    try {
      await this.service.cancel(run.id);
      this.refresh(run.id);
    } catch (error) {
      this.error.set(error);
    }
  }

  private refresh(runId: string): void {
    const programId = this.programId();
    if (!programId) return;
    void this.service.runs(programId).then((runs) => {
      const updated = runs.find((r) => r.id === runId);
      if (updated) this.run.set(updated);
      this.runs.reload();
    });
  }

  protected quotaLabel(areaId: string): string {
    return this.quotas().find((q) => q.areaId === areaId)?.label ?? areaId.slice(0, 8);
  }

  protected byArea(run: EnrolmentRunRow): { areaId: string; places: number; eligible: number; enrolled: number }[] {
    return (run.byArea ?? []) as unknown as { areaId: string; places: number; eligible: number; enrolled: number }[];
  }
}
