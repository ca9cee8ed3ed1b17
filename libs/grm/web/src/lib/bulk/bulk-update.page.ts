import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ErrorBannerComponent, LanguageService, Notifier } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { displayValue, fieldLabelKey } from '../changes/data-change-format';
import type { BulkUpdate, BulkUpdateChange, BulkUpdateErrorPage, BulkUpdateField } from '../data/bulk-update.queries';
import { BULK_ERRORS_PAGE, BulkUpdateService } from '../data/bulk-update.service';
import type { ChangeRecordType } from '../data/generated/graphql';

const POLL_MS = 1000;

/**
 * Bulk updates from a CSV or XLSX file: upload, map the columns to fields, let the server check every row and
 * compute the diff, read the per-row report or the preview, then apply (held for approval when a flow is enabled).
 */
@Component({
  selector: 'cm-grm-bulk-update-page',
  imports: [FormsModule, MatButton, MatIcon, MatFormFieldModule, MatSelectModule, MatTableModule, MatProgressBar, TranslatePipe, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="page-header">
      <div>
        <h1>{{ 'grm.titles.bulkUpdates' | translate }}</h1>
        <p class="muted">{{ 'grm.bulk.intro' | translate }}</p>
      </div>
    </header>
    @if (error(); as failure) {
      <cm-error-banner [error]="failure" [dismissible]="true" (dismiss)="error.set(null)" />
    }
    <section class="card">
      <h2>{{ 'grm.bulk.steps.file' | translate }}</h2>
      <div class="row">
        <mat-form-field>
          <mat-label>{{ 'grm.bulk.recordType' | translate }}</mat-label>
          <mat-select [ngModel]="recordType()" (ngModelChange)="setRecordType($event)" data-testid="bulk-record-type">
            <mat-option value="HOUSEHOLD">{{ 'grm.changes.recordType.HOUSEHOLD' | translate }}</mat-option>
            <mat-option value="INDIVIDUAL">{{ 'grm.changes.recordType.INDIVIDUAL' | translate }}</mat-option>
          </mat-select>
        </mat-form-field>
        <input #picker type="file" hidden accept=".csv,.txt,.xlsx" (change)="choose(picker)" data-testid="bulk-file-input" />
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="picker.click()" data-testid="bulk-choose-file"><mat-icon>upload_file</mat-icon>{{ 'grm.bulk.chooseFile' | translate }}</button>
        @if (fileName(); as name) {
          <span data-testid="bulk-file-name">{{ name }}</span>
        }
      </div>
      @if (uploading()) {
        <mat-progress-bar mode="determinate" [value]="uploadPercent()" />
      }
    </section>

    @if (columns().length) {
      <section class="card" data-testid="bulk-mapping">
        <h2>{{ 'grm.bulk.steps.mapping' | translate }}</h2>
        <mat-form-field>
          <mat-label>{{ 'grm.bulk.idColumn' | translate }}</mat-label>
          <mat-select [(ngModel)]="idColumn" data-testid="bulk-id-column">
            @for (c of columns(); track c) {
              <mat-option [value]="c">{{ c }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <table class="mapping">
          <thead>
            <tr><th>{{ 'grm.bulk.column' | translate }}</th><th>{{ 'grm.bulk.field' | translate }}</th></tr>
          </thead>
          <tbody>
            @for (c of columns(); track c) {
              @if (c !== idColumn) {
                <tr>
                  <td>{{ c }}</td>
                  <td>
                    <mat-form-field subscriptSizing="dynamic">
                      <mat-label>{{ 'grm.bulk.field' | translate }}</mat-label>
                      <mat-select [(ngModel)]="mapping[c]" [attr.data-testid]="'bulk-map-' + c">
                        <mat-option [value]="''">{{ 'grm.bulk.ignore' | translate }}</mat-option>
                        @for (f of fields(); track f.key) {
                          <mat-option [value]="f.key">{{ label(f.key) | translate }}</mat-option>
                        }
                      </mat-select>
                    </mat-form-field>
                  </td>
                </tr>
              }
            }
          </tbody>
        </table>
        <button mat-flat-button type="button" [disabled]="busy()" (click)="check()" data-testid="bulk-check"><mat-icon>fact_check</mat-icon>{{ 'grm.bulk.check' | translate }}</button>
      </section>
    }

    @if (update(); as u) {
      <section class="card" data-testid="bulk-result">
        <h2>{{ 'grm.bulk.steps.result' | translate }}</h2>
        <p><span class="pill" [class.warn]="u.status !== 'READY' && u.status !== 'APPLIED'" data-testid="bulk-status">{{ 'grm.bulk.status.' + u.status | translate }}</span></p>
        @if (u.status === 'CHECKING' || u.status === 'APPLYING') {
          <mat-progress-bar mode="indeterminate" />
        }
        @if (u.failureMessage) {
          <p class="notice warn" role="alert">{{ u.failureMessage }}</p>
        }
        @if (u.status === 'INVALID' && errors(); as page) {
          <p class="notice warn" role="status" data-testid="bulk-error-count">{{ 'grm.bulk.invalid' | translate: { errors: page.totalCount, rows: u.rowCount } }}</p>
          <table mat-table [dataSource]="page.items" data-testid="bulk-errors">
            <ng-container matColumnDef="line">
              <th mat-header-cell *matHeaderCellDef>{{ 'grm.bulk.line' | translate }}</th>
              <td mat-cell *matCellDef="let e">{{ e.line }}</td>
            </ng-container>
            <ng-container matColumnDef="field">
              <th mat-header-cell *matHeaderCellDef>{{ 'grm.bulk.field' | translate }}</th>
              <td mat-cell *matCellDef="let e">{{ e.field ? (label(e.field) | translate) : '—' }}</td>
            </ng-container>
            <ng-container matColumnDef="message">
              <th mat-header-cell *matHeaderCellDef>{{ 'grm.bulk.problem' | translate }}</th>
              <td mat-cell *matCellDef="let e">{{ e.message }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="errorColumns"></tr>
            <tr mat-row *matRowDef="let row; columns: errorColumns"></tr>
          </table>
          @if (page.totalCount > errorOffset() + page.items.length || errorOffset() > 0) {
            <div class="row">
              <button mat-button type="button" [disabled]="errorOffset() === 0" (click)="errorPage(-1)">{{ 'grm.bulk.previous' | translate }}</button>
              <button mat-button type="button" [disabled]="page.totalCount <= errorOffset() + page.items.length" (click)="errorPage(1)">{{ 'grm.bulk.next' | translate }}</button>
            </div>
          }
        }
        @if (u.status === 'READY' || u.status === 'APPLYING' || u.status === 'APPLIED' || u.status === 'STALE') {
          <p data-testid="bulk-summary">{{ 'grm.bulk.summary' | translate: { records: u.recordCount, fields: u.fieldCount, rows: u.rowCount } }}</p>
          @if (u.status === 'STALE') {
            <p class="notice warn" role="status" data-testid="bulk-stale">{{ 'grm.bulk.stale' | translate: { count: u.staleCount } }}</p>
          }
          <table mat-table [dataSource]="sample()" data-testid="bulk-sample">
            <ng-container matColumnDef="line">
              <th mat-header-cell *matHeaderCellDef>{{ 'grm.bulk.line' | translate }}</th>
              <td mat-cell *matCellDef="let c">{{ c.line }}</td>
            </ng-container>
            <ng-container matColumnDef="field">
              <th mat-header-cell *matHeaderCellDef>{{ 'grm.bulk.field' | translate }}</th>
              <td mat-cell *matCellDef="let c">{{ label(c.field) | translate }}</td>
            </ng-container>
            <ng-container matColumnDef="old">
              <th mat-header-cell *matHeaderCellDef>{{ 'grm.bulk.oldValue' | translate }}</th>
              <td mat-cell *matCellDef="let c" class="old">{{ show(c.oldValue) ?? ('grm.changes.detail.empty' | translate) }}</td>
            </ng-container>
            <ng-container matColumnDef="new">
              <th mat-header-cell *matHeaderCellDef>{{ 'grm.bulk.newValue' | translate }}</th>
              <td mat-cell *matCellDef="let c" class="new">{{ show(c.newValue) ?? ('grm.changes.detail.empty' | translate) }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="sampleColumns"></tr>
            <tr mat-row *matRowDef="let row; columns: sampleColumns"></tr>
          </table>
          @if (u.status === 'READY') {
            <button mat-flat-button type="button" [disabled]="busy() || u.recordCount === 0" (click)="apply(u)" data-testid="bulk-apply"><mat-icon>done_all</mat-icon>{{ 'grm.bulk.apply' | translate }}</button>
          }
        }
      </section>
    }
  `,
  styles: `
    .row { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
    .mapping { border-collapse: collapse; margin-bottom: 12px; }
    .mapping th, .mapping td { text-align: start; padding: 4px 12px 4px 0; }
    .old { color: var(--mat-sys-on-surface-variant); text-decoration: line-through; }
  `,
})
export class BulkUpdatePage {
  private readonly service = inject(BulkUpdateService);
  private readonly notifier = inject(Notifier);
  private readonly lang = inject(LanguageService).current;

  protected readonly recordType = signal<ChangeRecordType>('HOUSEHOLD' as ChangeRecordType);
  protected readonly fields = signal<readonly BulkUpdateField[]>([]);
  protected readonly columns = signal<readonly string[]>([]);
  protected readonly fileName = signal<string | null>(null);
  protected readonly uploading = signal(false);
  protected readonly uploadPercent = signal(0);
  protected readonly busy = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly update = signal<BulkUpdate | null>(null);
  protected readonly errors = signal<BulkUpdateErrorPage | null>(null);
  protected readonly errorOffset = signal(0);
  protected readonly sample = signal<readonly BulkUpdateChange[]>([]);
  protected readonly errorColumns = ['line', 'field', 'message'];
  protected readonly sampleColumns = ['line', 'field', 'old', 'new'];
  protected idColumn = '';
  protected mapping: Record<string, string> = {};
  private uploadId: string | null = null;

  constructor() {
    void this.loadFields();
    // the server translates the row errors and the failure: another language reads them again
    effect(() => {
      this.lang();
      untracked(() => void this.refreshTranslated());
    });
  }

  private async refreshTranslated(): Promise<void> {
    const u = this.update();
    if (!u || this.busy()) return;
    try {
      if (u.status === 'INVALID') this.errors.set(await this.service.errors(u.id, this.errorOffset()));
      if (u.failureMessage) this.update.set((await this.service.get(u.id)) ?? u);
    } catch (error) {
      this.error.set(error);
    }
  }

  protected label(key: string): string {
    return fieldLabelKey(key);
  }

  protected show(value: unknown): string | null {
    return displayValue(value);
  }

  protected setRecordType(type: ChangeRecordType): void {
    this.recordType.set(type);
    void this.loadFields();
  }

  private async loadFields(): Promise<void> {
    try {
      this.fields.set(await this.service.fields(this.recordType()));
      this.autoMap();
    } catch (error) {
      this.error.set(error);
    }
  }

  /** A column named like a field (or its label) is mapped to it; the first column named like an id holds the ids. */
  private autoMap(): void {
    const keys = new Map(this.fields().map((f) => [f.key.toLowerCase(), f.key]));
    this.mapping = Object.fromEntries(this.columns().map((c) => [c, keys.get(c.toLowerCase()) ?? '']));
    this.idColumn = this.columns().find((c) => /^(id|record_?id|uuid)$/i.test(c)) ?? this.columns()[0] ?? '';
  }

  protected choose(picker: HTMLInputElement): void {
    const file = picker.files?.[0];
    picker.value = '';
    if (!file) return;
    this.error.set(null);
    this.update.set(null);
    this.fileName.set(file.name);
    this.uploading.set(true);
    this.uploadPercent.set(0);
    this.service.upload(file).subscribe({
      next: async (event) => {
        if (event.type === 'progress') this.uploadPercent.set(event.total ? Math.round((100 * event.loaded) / event.total) : 0);
        else {
          this.uploading.set(false);
          this.uploadId = event.body.id;
          try {
            this.columns.set(await this.service.columns(event.body.id));
            this.autoMap();
          } catch (error) {
            this.error.set(error);
          }
        }
      },
      error: (error: unknown) => {
        this.uploading.set(false);
        this.error.set(error);
      },
    });
  }

  protected async check(): Promise<void> {
    if (!this.uploadId || this.busy()) return;
    const columns = Object.entries(this.mapping)
      .filter(([column, field]) => field && column !== this.idColumn)
      .map(([column, field]) => ({ column, field }));
    await this.act(async () => {
      const update = await this.settle(await this.service.create({ uploadId: this.uploadId!, recordType: this.recordType(), idColumn: this.idColumn, columns }));
      await this.loadDetails(update);
    });
  }

  /** Shows the update while its job (check or apply) runs, until it is done. */
  private async settle(update: BulkUpdate): Promise<BulkUpdate> {
    this.update.set(update);
    while (update.status === 'CHECKING' || update.status === 'APPLYING') {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      update = (await this.service.get(update.id)) ?? update;
      this.update.set(update);
    }
    return update;
  }

  private async loadDetails(update: BulkUpdate): Promise<void> {
    this.errorOffset.set(0);
    this.errors.set(update.status === 'INVALID' ? await this.service.errors(update.id, 0) : null);
    this.sample.set(update.status === 'READY' || update.status === 'APPLIED' || update.status === 'STALE' ? await this.service.sample(update.id) : []);
  }

  protected async errorPage(step: number): Promise<void> {
    const u = this.update();
    if (!u) return;
    const offset = Math.max(0, this.errorOffset() + step * BULK_ERRORS_PAGE);
    await this.act(async () => {
      this.errors.set(await this.service.errors(u.id, offset));
      this.errorOffset.set(offset);
    });
  }

  protected async apply(u: BulkUpdate): Promise<void> {
    await this.act(async () => {
      try {
        const done = await this.settle(await this.service.apply(u.id));
        this.notifier.notify(done.status === 'APPLIED' ? 'grm.bulk.applied' : 'grm.bulk.staleNotice');
      } catch (error) {
        if (!this.notifier.approvalPendingHandled(error)) throw error;
      }
    });
  }

  private async act(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      this.error.set(error);
    } finally {
      this.busy.set(false);
    }
  }
}
