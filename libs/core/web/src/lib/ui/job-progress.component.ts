import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';

/** What a page knows of a background job it follows (the `job(id)` query's fields). */
export interface JobProgressState {
  readonly status: string;
  readonly progress: number;
  readonly errorMessage?: string | null;
}

/**
 * A background job a page follows: a progress bar with its label while it is queued or running, the failure with the
 * job's message when it failed, nothing once it completed. Labels come translated from the page (they name the work).
 */
@Component({
  selector: 'cm-job-progress',
  imports: [MatIcon, MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (job(); as j) {
      @if (j.status === 'QUEUED' || j.status === 'RUNNING') {
        <div class="progress" role="status" [attr.data-testid]="testId() + '-progress'">
          <span>{{ label() }}</span>
          <mat-progress-bar mode="determinate" [value]="j.progress * 100" />
        </div>
      } @else if (j.status === 'FAILED') {
        <p class="failed" role="alert" [attr.data-testid]="testId() + '-failed'">
          <mat-icon aria-hidden="true">error</mat-icon>
          <span>{{ failedLabel() }} {{ j.errorMessage }}</span>
        </p>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .progress {
      display: flex;
      flex-direction: column;
      gap: 6px;
      max-width: 560px;
      margin: 8px 0 16px;
    }
    .failed {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 8px 12px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class JobProgressComponent {
  readonly job = input<JobProgressState | null | undefined>(null);
  /** Shown above the bar, with the percentage if the page wants it. */
  readonly label = input.required<string>();
  readonly failedLabel = input.required<string>();
  /** Prefix of the test ids: `<testId>-progress`, `<testId>-failed`. */
  readonly testId = input('job');
}
