import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  resource,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { approvalPending, ErrorBannerComponent, LanguageService, MY_REQUESTS_LINK, NoticeBannerComponent } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { AdminAreaImportReport, Job } from '../data/admin-area-import.queries';
import { AdminAreaImportService } from '../data/admin-area-import.service';
import { AdminAreaService } from '../data/admin-area.service';
import { GEO_BASE_PATH } from '../geo-paths';
import { ADMIN_AREA_CSV_COLUMNS, ADMIN_AREA_CSV_EXAMPLE } from './admin-area-csv';

type Phase = 'edit' | 'running' | 'done';

/** Imports administrative areas from a CSV file, all or nothing, as a background job on the server. */
@Component({
  selector: 'cm-geo-import-page',
  imports: [
    MatCardModule,
    MatFormFieldModule,
    MatInput,
    MatButton,
    MatIcon,
    MatProgressBar,
    MatTableModule,
    RouterLink,
    TranslatePipe,
    ErrorBannerComponent,
    NoticeBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './geo-import.page.html',
  styleUrl: './geo-import.page.scss',
})
export class GeoImportPage {
  private readonly importApi = inject(AdminAreaImportService);
  private readonly areasApi = inject(AdminAreaService);
  private readonly language = inject(LanguageService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly resultSection = viewChild.required<ElementRef<HTMLElement>>('result');

  protected readonly columns = ADMIN_AREA_CSV_COLUMNS;
  protected readonly example = ADMIN_AREA_CSV_EXAMPLE;
  protected readonly browserLink = GEO_BASE_PATH;
  protected readonly errorColumns = ['line', 'column', 'message'];

  protected readonly levels = resource({
    params: () => ({ lang: this.language.current() }),
    loader: () => this.areasApi.levels(),
  });
  protected readonly levelCodes = computed(() =>
    this.levels.hasValue() ? this.levels.value().map((level) => level.code) : [],
  );

  protected readonly csv = signal('');
  protected readonly fileName = signal<string | null>(null);
  protected readonly phase = signal<Phase>('edit');
  protected readonly job = signal<Job | null>(null);
  protected readonly report = signal<AdminAreaImportReport | null>(null);
  protected readonly error = signal<unknown>(null);
  /** The import was held for approval: it runs once a checker approves it. */
  protected readonly sentForApproval = signal(false);
  protected readonly myRequestsLink = MY_REQUESTS_LINK;

  protected readonly percent = computed(() => Math.round((this.job()?.progress ?? 0) * 100));
  protected readonly lineErrors = computed(() => this.report()?.errors ?? []);
  protected readonly succeeded = computed(
    () => this.phase() === 'done' && this.report()?.status === 'COMPLETED' && this.lineErrors().length === 0,
  );
  protected readonly imported = computed(() => this.succeeded() && !this.report()?.validateOnly);
  protected readonly checked = computed(() => this.succeeded() && !!this.report()?.validateOnly);
  /** More problems than the report lists. */
  protected readonly moreErrors = computed(() => (this.report()?.errorCount ?? 0) > this.lineErrors().length);
  /** The job ended without a report explaining it (crash, cancellation). */
  protected readonly failedJob = computed(() =>
    this.phase() === 'done' && !this.succeeded() && this.lineErrors().length === 0 ? this.job() : null,
  );

  protected async pickFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    this.csv.set(await file.text());
    this.fileName.set(file.name);
    input.value = ''; // picking the same file again must trigger a change
  }

  protected useExample(): void {
    this.csv.set(this.example);
    this.fileName.set(null);
  }

  protected clear(): void {
    this.csv.set('');
    this.fileName.set(null);
    this.reset();
  }

  protected reset(): void {
    this.phase.set('edit');
    this.job.set(null);
    this.report.set(null);
    this.error.set(null);
    this.sentForApproval.set(false);
  }

  /** Sends the data; with `validateOnly` the server only checks it and writes nothing. */
  protected async submit(validateOnly = false): Promise<void> {
    if (!this.csv().trim() || this.phase() === 'running') return;
    this.reset();
    this.phase.set('running');
    this.revealResult();
    try {
      const upload = await this.importApi.upload(this.csv(), this.fileName() ?? 'areas.csv');
      const job = await this.importApi.start({ uploadId: upload.id, validateOnly });
      this.job.set(job);
      this.follow(job.id);
    } catch (error) {
      if (approvalPending(error)) {
        this.phase.set('edit');
        this.sentForApproval.set(true);
        this.revealResult();
        return;
      }
      this.fail(error);
    }
  }

  private follow(jobId: string): void {
    this.importApi
      .watch(jobId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (job) => this.job.set(job),
        error: (error: unknown) => this.fail(error),
        complete: () => void this.showReport(jobId),
      });
  }

  private async showReport(jobId: string): Promise<void> {
    try {
      this.report.set(await this.importApi.report(jobId));
      this.phase.set('done');
      this.revealResult();
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.error.set(error);
    this.phase.set('edit');
    this.revealResult();
  }

  /** The page is long: bring the progress or the outcome into view once it is rendered. */
  private revealResult(): void {
    afterNextRender(() => this.resultSection().nativeElement.scrollIntoView({ behavior: 'smooth', block: 'start' }), {
      injector: this.injector,
    });
  }
}
