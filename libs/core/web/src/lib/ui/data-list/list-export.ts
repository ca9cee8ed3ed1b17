import { computed, signal } from '@angular/core';
import { Observable, Subscription } from 'rxjs';

export type ExportFormat = 'CSV' | 'XLSX';

/** Where a server export job is: rows written so far, and the download once it is ready. */
export interface ExportProgress {
  readonly done: number;
  readonly total: number | null;
  /** Set once the file is ready. */
  readonly url: string | null;
}

/**
 * The server side of a list's export: starts a job for the list's current filter and reports its
 * progress until the file can be downloaded. A list without such an endpoint has no exporter, and
 * its page shows no export button.
 */
export interface ListExporter<F> {
  readonly formats: readonly ExportFormat[];
  start(filter: F, format: ExportFormat): Observable<ExportProgress>;
  /** Fetches the ready file (a protected route needs the access token); without it the URL is a plain link. */
  download?(url: string): Promise<void>;
}

/** One export at a time of a list, with its progress, for the export button. */
export class ListExport<F> {
  private readonly progress = signal<ExportProgress | null>(null);
  readonly error = signal<unknown>(null);
  readonly running = computed(() => !!this.progress() && !this.progress()?.url);
  readonly url = computed(() => this.progress()?.url ?? null);
  /** 0–100, or null while the total is not known. */
  readonly percent = computed(() => {
    const progress = this.progress();
    if (!progress?.total) return null;
    return Math.min(100, Math.round((progress.done / progress.total) * 100));
  });
  private subscription: Subscription | null = null;

  constructor(private readonly exporter: ListExporter<F>) {}

  get formats(): readonly ExportFormat[] {
    return this.exporter.formats;
  }

  /** Whether the download goes through `download()` rather than a link. */
  get fetchesFile(): boolean {
    return !!this.exporter.download;
  }

  /** Saves the ready file; the export is done with once the browser has it. */
  async download(): Promise<void> {
    const url = this.url();
    if (!url || !this.exporter.download) return;
    try {
      await this.exporter.download(url);
      this.progress.set(null);
    } catch (error) {
      this.error.set(error);
    }
  }

  start(filter: F, format: ExportFormat): void {
    this.cancel();
    this.error.set(null);
    this.progress.set({ done: 0, total: null, url: null });
    this.subscription = this.exporter.start(filter, format).subscribe({
      next: (progress) => this.progress.set(progress),
      error: (error: unknown) => {
        this.progress.set(null);
        this.error.set(error);
      },
    });
  }

  cancel(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.progress.set(null);
  }
}
