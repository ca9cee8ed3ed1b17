import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { MatTableModule } from '@angular/material/table';
import { AuthorizedFilesService, FileTransferError } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { ImportRowError, RegistryImportReport } from './registry-import.queries';

/** Describes a row error's field: its label and the column of the file it was read from. */
export type FieldDescriber = (error: ImportRowError) => { label: string; column: string | null } | null;

/** The per-row problems of an import (the first ones), with the full report to download as CSV. */
@Component({
  selector: 'cm-import-errors',
  imports: [MatTableModule, MatButton, MatIcon, MatProgressSpinner, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="errors-header">
      <p class="count">
        @if (more()) {
          {{ 'registry.import.errors.firstOf' | translate: { shown: report().errors.length, count: report().errorCount } }}
        } @else {
          {{ 'registry.import.errors.count' | translate: { count: report().errorCount } }}
        }
      </p>
      <button mat-stroked-button type="button" [disabled]="downloading()" (click)="download()" [attr.data-testid]="testId() + '-download'">
        @if (downloading()) {
          <mat-progress-spinner mode="indeterminate" diameter="18" />
        } @else {
          <mat-icon>download</mat-icon>
        }
        {{ 'registry.import.errors.download' | translate }}
      </button>
    </div>
    @if (downloadError(); as failure) {
      <p class="download-error" role="alert">{{ failure.serverMessage ?? (failure.messageKey | translate) }}</p>
    }
    <div class="table-wrapper">
      <table mat-table [dataSource]="report().errors" [attr.data-testid]="testId()">
        <ng-container matColumnDef="file">
          <th mat-header-cell *matHeaderCellDef>{{ 'registry.import.errors.file' | translate }}</th>
          <td mat-cell *matCellDef="let error">{{ 'registry.import.files.' + error.file | translate }}</td>
        </ng-container>
        <ng-container matColumnDef="line">
          <th mat-header-cell *matHeaderCellDef class="numeric">{{ 'registry.import.errors.line' | translate }}</th>
          <td mat-cell *matCellDef="let error" class="numeric" data-testid="import-error-line">{{ error.line }}</td>
        </ng-container>
        <ng-container matColumnDef="household">
          <th mat-header-cell *matHeaderCellDef>{{ 'registry.import.errors.household' | translate }}</th>
          <td mat-cell *matCellDef="let error">
            @if (error.householdKey) {
              <code>{{ error.householdKey }}</code>
            } @else {
              —
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="field">
          <th mat-header-cell *matHeaderCellDef>{{ 'registry.import.errors.field' | translate }}</th>
          <td mat-cell *matCellDef="let error" data-testid="import-error-field">
            @if (describe()(error); as field) {
              {{ field.label }}
              @if (field.column) {
                <span class="column">{{ 'registry.import.errors.column' | translate: { column: field.column } }}</span>
              }
            } @else {
              —
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="message">
          <th mat-header-cell *matHeaderCellDef>{{ 'registry.import.errors.message' | translate }}</th>
          <td mat-cell *matCellDef="let error" data-testid="import-error-message">{{ error.message }}</td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns" data-testid="import-error-row"></tr>
      </table>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .errors-header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px 16px;
      margin-bottom: 8px;
    }
    .count {
      margin: 0;
      font: var(--mat-sys-title-small);
    }
    .download-error {
      color: var(--mat-sys-error);
      margin: 0 0 8px;
    }
    .table-wrapper {
      overflow: auto;
      max-height: 420px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
    }
    table {
      width: 100%;
    }
    .numeric {
      text-align: right;
      width: 1%;
      white-space: nowrap;
    }
    .column {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    code {
      font-family: 'Roboto Mono', ui-monospace, monospace;
    }
    mat-progress-spinner {
      display: inline-block;
      margin-right: 8px;
    }
  `,
})
export class ImportErrorsComponent {
  private readonly files = inject(AuthorizedFilesService);

  readonly report = input.required<RegistryImportReport>();
  readonly describe = input.required<FieldDescriber>();
  readonly testId = input('import-errors');

  protected readonly columns = ['file', 'line', 'household', 'field', 'message'];
  protected readonly more = computed(() => this.report().errorCount > this.report().errors.length);
  protected readonly downloading = signal(false);
  protected readonly downloadError = signal<FileTransferError | null>(null);

  protected async download(): Promise<void> {
    this.downloading.set(true);
    this.downloadError.set(null);
    try {
      await this.files.save(this.report().errorReportUrl, `import-errors-${this.report().jobId}.csv`);
    } catch (error) {
      this.downloadError.set(error instanceof FileTransferError ? error : new FileTransferError(0, null, 'core.errors.unknown'));
    } finally {
      this.downloading.set(false);
    }
  }
}
