import { ChangeDetectionStrategy, Component, computed, input, OnDestroy } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBar } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorBannerComponent } from '../error-banner.component';
import { ExportFormat, ListExport, ListExporter } from './list-export';

/** Exports the list's current filter through the server (CSV or XLSX), with progress and download. */
@Component({
  selector: 'cm-export-button',
  imports: [MatButton, MatIcon, MatMenuModule, MatProgressBar, TranslatePipe, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let job = exportJob();
    @if (job.url(); as url) {
      <span class="cdk-visually-hidden" role="status">{{ 'core.list.exportReady' | translate }}</span>
      @if (job.fetchesFile) {
        <button mat-flat-button type="button" (click)="job.download()" [attr.data-testid]="testId() + '-download'">
          <mat-icon>download</mat-icon>
          {{ 'core.list.download' | translate }}
        </button>
      } @else {
        <a mat-stroked-button [href]="url" download [attr.data-testid]="testId() + '-download'">
          <mat-icon>download</mat-icon>
          {{ 'core.list.download' | translate }}
        </a>
      }
    } @else if (job.running()) {
      <span class="progress" role="status">
        {{ 'core.list.exporting' | translate: { percent: job.percent() ?? 0 } }}
        <mat-progress-bar [mode]="job.percent() === null ? 'indeterminate' : 'determinate'" [value]="job.percent() ?? 0" />
      </span>
    } @else {
      <button mat-stroked-button type="button" [matMenuTriggerFor]="formats" [attr.data-testid]="testId()">
        <mat-icon>file_download</mat-icon>
        {{ 'core.list.export' | translate }}
      </button>
      <mat-menu #formats="matMenu">
        @for (format of job.formats; track format) {
          <button mat-menu-item type="button" (click)="start(format)" [attr.data-testid]="testId() + '-' + format">
            {{ 'core.list.exportAs' | translate: { format } }}
          </button>
        }
      </mat-menu>
    }
    @if (job.error(); as error) {
      <cm-error-banner [error]="error" titleKey="core.list.exportFailed" [dismissible]="true" (dismiss)="job.error.set(null)" />
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-direction: column;
      gap: 4px;
    }
    .progress {
      display: flex;
      flex-direction: column;
      min-width: 160px;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class ExportButtonComponent<F> implements OnDestroy {
  readonly exporter = input.required<ListExporter<F>>();
  /** The list's current filter. */
  readonly filter = input.required<F>();
  readonly testId = input('export');

  protected readonly exportJob = computed(() => new ListExport(this.exporter()));

  protected start(format: ExportFormat): void {
    this.exportJob().start(this.filter(), format);
  }

  ngOnDestroy(): void {
    this.exportJob().cancel();
  }
}
