import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { RouterLink } from '@angular/router';
import { AuthService, DateTimePipe, EmptyStateComponent, ErrorBannerComponent, LanguageService, LoadingIndicatorComponent, NoticeBannerComponent, Notifier } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import type { TargetingRoundRow } from '../data/workflow.queries';
import { WorkflowService } from '../data/workflow.service';

const POLL_MS = 1000;

/**
 * The Rounds tab of a programme: its targeting rounds, the funnel of the chosen one (per stage and per area), the
 * way to each stage's work queue, and starting, moving on or cancelling a round.
 */
@Component({
  selector: 'cm-targeting-rounds-tab',
  host: { class: 'tab' },
  imports: [MatButton, MatIcon, MatProgressBar, MatSelect, MatOption, MatFormField, MatLabel, RouterLink, TranslatePipe, DateTimePipe, EmptyStateComponent, ErrorBannerComponent, NoticeBannerComponent, LoadingIndicatorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rounds-tab.component.html',
  styleUrl: './workflow.scss',
})
export class RoundsTabComponent {
  private readonly service = inject(WorkflowService);
  private readonly notifier = inject(Notifier);

  /** The programme's id. */
  readonly recordId = input.required<string>();
  private readonly auth = inject(AuthService);
  protected readonly canManage = computed(() => this.auth.can('targeting.manage'));
  protected readonly rounds = resource({ params: () => ({ id: this.recordId() }), loader: ({ params }) => this.service.rounds(params.id) });
  protected readonly chosen = signal<string | null>(null);
  protected readonly lang = inject(LanguageService).current;
  protected readonly round = computed<TargetingRoundRow | null>(() => {
    const list = this.rounds.value() ?? [];
    return list.find((r) => r.id === this.chosen()) ?? (list.length ? list[0] : null);
  });
  protected readonly funnel = resource({ params: () => (this.round() ? { id: this.round()!.id } : undefined), loader: ({ params }) => this.service.funnel(params.id, null) });
  protected readonly running = computed(() => (this.rounds.value() ?? []).some((r) => r.status === 'RUNNING'));
  protected readonly error = signal<unknown>(null);
  protected readonly busy = signal(false);
  /** Progress (0-1) of the chosen round's evaluation job while it is queued or running. */
  protected readonly evaluating = signal<number | null>(null);
  private following: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.following && clearTimeout(this.following));
    // a round whose stages are being evaluated (just started, or found so on opening the tab) is followed until its job ends
    effect(() => {
      const round = this.round();
      if (this.following) clearTimeout(this.following);
      this.following = null;
      if (round?.evaluating) {
        this.evaluating.set(round.evaluation?.progress ?? 0);
        this.following = setTimeout(() => void this.follow(round.id), POLL_MS);
      } else {
        this.evaluating.set(null);
      }
    });
  }

  private async follow(id: string): Promise<void> {
    try {
      const round = await this.service.round(id);
      if (!round || this.round()?.id !== id) return;
      if (round.evaluating) {
        this.evaluating.set(round.evaluation?.progress ?? 0);
        this.following = setTimeout(() => void this.follow(id), POLL_MS);
        return;
      }
      this.evaluating.set(null);
      this.rounds.reload();
      this.funnel.reload();
      if (round.status === 'COMPLETED') this.notifier.notify('targeting.rounds.completed', { number: round.number });
    } catch (error) {
      this.error.set(error);
    }
  }

  protected width(value: number, total: number): number {
    return total ? (value / total) * 100 : 0;
  }

  protected async start(): Promise<void> {
    await this.act(async () => {
      const round = await this.service.start(this.recordId());
      this.chosen.set(round.id);
      this.notifier.notify('targeting.rounds.started', { number: round.number });
    });
  }

  protected async advance(id: string): Promise<void> {
    await this.act(async () => {
      const round = await this.service.advance(id);
      this.notifier.notify('targeting.rounds.advanced', { number: round.number });
    });
  }

  protected async cancel(id: string): Promise<void> {
    await this.act(() => this.service.cancel(id));
  }

  private async act(action: () => Promise<void>): Promise<void> {
    this.error.set(null);
    this.busy.set(true);
    try {
      await action();
      this.rounds.reload();
      this.funnel.reload();
    } catch (error) {
      this.error.set(error);
    } finally {
      this.busy.set(false);
    }
  }
}
