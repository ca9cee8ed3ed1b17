import { ChangeDetectionStrategy, Component, computed, effect, inject, input, resource, signal, untracked } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { AuthService, ErrorBannerComponent, LoadingIndicatorComponent, Notifier } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { EnrolmentService } from '../data/enrolment.service';
import type { StageKind } from '../data/workflow.queries';
import { WorkflowService } from '../data/workflow.service';

const KINDS: readonly StageKind[] = ['INTAKE', 'PMT', 'CATEGORICAL', 'COMMUNITY_VALIDATION', 'RANKING'];

interface StageDraft {
  kind: StageKind;
  name: string;
  formulaId: string | null;
  maxScore: string;
  places: string;
}

/**
 * The Workflow tab of a programme: its ordered stages, edited here and saved as a new version (rounds already
 * running keep theirs). The server checks the whole (formula kinds, intake first, ranking after a PMT stage).
 */
@Component({
  selector: 'cm-targeting-workflow-tab',
  host: { class: 'tab' },
  imports: [MatButton, MatIconButton, MatFormField, MatLabel, MatInput, MatSelect, MatOption, MatIcon, TranslatePipe, ErrorBannerComponent, LoadingIndicatorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './workflow-tab.component.html',
  styleUrl: './workflow.scss',
})
export class WorkflowTabComponent {
  private readonly service = inject(WorkflowService);
  private readonly enrolment = inject(EnrolmentService);
  private readonly notifier = inject(Notifier);

  /** The programme's id. */
  readonly recordId = input.required<string>();
  protected readonly kinds = KINDS;
  private readonly auth = inject(AuthService);
  protected readonly canManage = computed(() => this.auth.can('targeting.manage'));
  protected readonly versions = resource({ params: () => ({ id: this.recordId() }), loader: ({ params }) => this.service.versions(params.id) });
  protected readonly formulas = resource({ params: () => ({ id: this.recordId() }), loader: ({ params }) => this.enrolment.formulas(params.id) });
  protected readonly latest = computed(() => this.versions.value()?.[0] ?? null);
  protected readonly stages = signal<StageDraft[]>([]);
  protected readonly error = signal<unknown>(null);
  protected readonly busy = signal(false);

  constructor() {
    // the editor starts from the latest saved version
    effect(() => {
      const latest = this.latest();
      untracked(() =>
        this.stages.set(
          (latest?.stages ?? []).map((s) => ({ kind: s.kind, name: s.name, formulaId: s.formulaId ?? null, maxScore: s.maxScore?.toString() ?? '', places: s.places?.toString() ?? '' })),
        ),
      );
    });
  }

  protected formulasFor(kind: StageKind) {
    const wanted = kind === 'PMT' ? 'SCORE' : 'CRITERIA';
    return (this.formulas.value() ?? []).filter((f) => f.kind === wanted);
  }

  protected needsFormula(kind: StageKind): boolean {
    return kind === 'PMT' || kind === 'CATEGORICAL' || kind === 'INTAKE';
  }

  protected add(): void {
    this.stages.update((list) => [...list, { kind: 'PMT', name: '', formulaId: null, maxScore: '', places: '' }]);
  }

  protected patch(index: number, change: Partial<StageDraft>): void {
    this.stages.update((list) => list.map((s, i) => (i === index ? { ...s, ...change, ...(change.kind && change.kind !== s.kind ? { formulaId: null } : {}) } : s)));
  }

  protected remove(index: number): void {
    this.stages.update((list) => list.filter((_, i) => i !== index));
  }

  protected move(index: number, by: -1 | 1): void {
    this.stages.update((list) => {
      const next = [...list];
      const target = index + by;
      if (target < 0 || target >= next.length) return list;
      [next[index], next[target]] = [next[target], next[index]];
      return next;
    });
  }

  protected async save(): Promise<void> {
    this.error.set(null);
    this.busy.set(true);
    try {
      const number = await this.service.save(
        this.recordId(),
        this.stages().map((s) => ({
          kind: s.kind,
          name: s.name,
          formulaId: this.needsFormula(s.kind) ? s.formulaId : null,
          maxScore: s.kind === 'PMT' && s.maxScore.trim() !== '' ? Number(s.maxScore) : null,
          places: s.kind === 'RANKING' && s.places.trim() !== '' ? Number(s.places) : null,
        })),
      );
      this.notifier.notify('targeting.workflow.saved', { number });
      this.versions.reload();
    } catch (error) {
      this.error.set(error);
    } finally {
      this.busy.set(false);
    }
  }
}
