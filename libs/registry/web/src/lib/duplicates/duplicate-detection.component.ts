import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { AuthService, ErrorBannerComponent, NoticeBannerComponent, NoticeKind, Notifier, toUserError } from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { Subscription } from 'rxjs';
import { Job } from './duplicate.queries';
import { DuplicateService } from './duplicate.service';

interface Detection {
  readonly job: Job | null;
  readonly error?: unknown;
  readonly cancelling?: boolean;
}

interface Outcome {
  readonly kind: NoticeKind;
  readonly text: string;
}

/** The registry-wide duplicate detection: started from the review page, followed until it ends. */
@Component({
  selector: 'cm-duplicate-detection',
  imports: [MatButton, MatProgressBar, TranslatePipe, ErrorBannerComponent, NoticeBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './duplicate-detection.component.html',
  styleUrl: './duplicate-review.page.scss',
})
export class DuplicateDetectionComponent {
  /** The detection ended and found pairs: the list is read again. */
  readonly found = output<void>();

  private readonly api = inject(DuplicateService);
  private readonly auth = inject(AuthService);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly canCancel = computed(() => this.auth.can('core.jobs.cancel'));
  protected readonly detection = signal<Detection | null>(null);
  protected readonly outcome = signal<Outcome | null>(null);
  readonly running = computed(() => {
    const detection = this.detection();
    const status = detection?.job?.status;
    return !!detection && !detection.error && (status === undefined || status === 'QUEUED' || status === 'RUNNING');
  });
  protected readonly detectionPercent = computed(() => Math.round((this.detection()?.job?.progress ?? 0) * 100));
  private subscription: Subscription | null = null;

  async run(): Promise<void> {
    if (this.running()) return;
    this.outcome.set(null);
    this.detection.set({ job: null });
    try {
      const job = await this.api.runDetection();
      this.detection.set({ job });
      this.follow(job.id);
    } catch (error) {
      if (this.notifier.approvalPendingHandled(error)) this.detection.set(null);
      else this.detection.set({ job: null, error });
    }
  }

  protected async cancelDetection(): Promise<void> {
    const job = this.detection()?.job;
    if (!job || this.detection()?.cancelling) return;
    this.detection.update((d) => (d ? { ...d, cancelling: true } : d));
    try {
      await this.api.cancelDetection(job.id);
    } catch (error) {
      if (toUserError(error).code !== 'CONFLICT') this.detection.update((d) => (d ? { ...d, cancelling: false, error } : d));
    }
  }

  protected dismissDetection(): void {
    this.subscription?.unsubscribe();
    this.detection.set(null);
  }

  private follow(jobId: string): void {
    this.subscription?.unsubscribe();
    this.subscription = this.api
      .watchJob(jobId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (job) => {
          this.detection.update((d) => ({ ...d, job }));
          if (job.status === 'COMPLETED') {
            const count = Number(job.result?.['candidates'] ?? 0);
            this.detection.set(null);
            this.outcome.set({ kind: 'success', text: this.translate.instant('registry.duplicates.detection.done', { count }) });
            this.found.emit();
          } else if (job.status === 'CANCELLED') {
            this.detection.set(null);
            this.outcome.set({ kind: 'info', text: this.translate.instant('registry.duplicates.detection.cancelled') });
          } else if (job.status === 'FAILED') {
            this.detection.set(null);
            this.outcome.set({ kind: 'warning', text: this.translate.instant('registry.duplicates.detection.failed', { reason: job.errorMessage ?? '' }) });
          }
        },
        error: (error: unknown) => this.detection.update((d) => ({ job: d?.job ?? null, error })),
      });
  }
}
