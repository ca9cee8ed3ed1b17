import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { RouterLink } from '@angular/router';
import { AuthService, DateTimePipe, EmptyStateComponent, ErrorBannerComponent, LanguageService, LoadingIndicatorComponent, Notifier } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import type { TargetingRoundRow } from '../data/workflow.queries';
import { WorkflowService } from '../data/workflow.service';

/**
 * The Rounds tab of a programme: its targeting rounds, the funnel of the chosen one (per stage and per area), the
 * way to each stage's work queue, and starting, moving on or cancelling a round.
 */
@Component({
  selector: 'cm-targeting-rounds-tab',
  host: { class: 'tab' },
  imports: [MatButton, MatIcon, MatSelect, MatOption, MatFormField, MatLabel, RouterLink, TranslatePipe, DateTimePipe, EmptyStateComponent, ErrorBannerComponent, LoadingIndicatorComponent],
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
      this.notifier.notify(round.status === 'COMPLETED' ? 'targeting.rounds.completed' : 'targeting.rounds.advanced', { number: round.number });
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
