import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { APPROVALS_PATH, AuthService, DateTimePipe, EmptyStateComponent, ErrorBannerComponent, LanguageService, LoadingIndicatorComponent, Notifier } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import type { DataChangeRequest } from '../data/data-change.queries';
import { DataChangeService } from '../data/data-change.service';
import { displayValue, fieldLabelKey } from './data-change-format';

/** One request: the old and new value of each field, where its approval stands, and (without a flow) apply or refuse. */
@Component({
  selector: 'cm-grm-data-change-detail-page',
  imports: [ReactiveFormsModule, MatTableModule, MatButton, MatIcon, MatFormFieldModule, MatInput, RouterLink, DateTimePipe, TranslatePipe, EmptyStateComponent, ErrorBannerComponent, LoadingIndicatorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="breadcrumb"><a routerLink="/grm/changes">{{ 'grm.changes.detail.back' | translate }}</a></nav>
    @if (request.error(); as error) {
      <cm-error-banner [error]="error" [retryable]="true" (retry)="request.reload()" />
    } @else if (request.isLoading() && !request.value()) {
      <cm-loading-indicator />
    } @else if (request.value(); as r) {
      <header class="page-header">
        <div>
          <h1>{{ 'grm.titles.change' | translate }} · {{ r.recordLabel }}</h1>
          <p class="muted">{{ 'grm.changes.detail.requestedBy' | translate: { user: r.requestedBy ?? '—', date: (r.createdAt | dateTime: lang()) } }}</p>
        </div>
        <span class="pill" [class.warn]="r.status === 'STALE'" data-testid="change-detail-status">{{ 'grm.changes.status.' + r.status | translate }}</span>
      </header>
      @if (actionError(); as failure) {
        <cm-error-banner [error]="failure" [dismissible]="true" (dismiss)="actionError.set(null)" />
      }
      @if (r.status === 'STALE') {
        <p class="notice warn" role="status" data-testid="change-stale">{{ 'grm.changes.detail.staleHint' | translate: { fields: staleLabels(r) } }}</p>
      }
      @if (r.decisionNote) {
        <p class="notice">{{ 'grm.changes.detail.decisionNote' | translate: { note: r.decisionNote } }}</p>
      }
      <section class="card">
        <table mat-table [dataSource]="r.changes" data-testid="change-values">
          <ng-container matColumnDef="field">
            <th mat-header-cell *matHeaderCellDef>{{ 'grm.changes.detail.field' | translate }}</th>
            <td mat-cell *matCellDef="let c">{{ labelOf(c.field) | translate }}</td>
          </ng-container>
          <ng-container matColumnDef="old">
            <th mat-header-cell *matHeaderCellDef>{{ 'grm.changes.detail.oldValue' | translate }}</th>
            <td mat-cell *matCellDef="let c" class="old">{{ show(c.oldValue) ?? ('grm.changes.detail.empty' | translate) }}</td>
          </ng-container>
          <ng-container matColumnDef="new">
            <th mat-header-cell *matHeaderCellDef>{{ 'grm.changes.detail.newValue' | translate }}</th>
            <td mat-cell *matCellDef="let c" class="new">{{ show(c.newValue) ?? ('grm.changes.detail.empty' | translate) }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
        <h2>{{ 'grm.changes.detail.reason' | translate }}</h2>
        <p class="reason">{{ r.reason }}</p>
      </section>
      <section class="card">
        <h2>{{ 'grm.changes.approval.title' | translate }}</h2>
        @if (r.approval; as a) {
          <p data-testid="change-approval">
            {{ 'grm.changes.approval.' + a.status | translate }}
            @if (a.status === 'PENDING') {
              · {{ 'grm.changes.approval.level' | translate: { current: a.currentLevel, levels: a.levels } }}
            }
          </p>
          @if (a.status === 'PENDING') {
            <a mat-stroked-button [routerLink]="approvalsPath">{{ 'grm.changes.approval.openInbox' | translate }}</a>
          }
        } @else {
          <p class="muted">{{ 'grm.changes.approval.none' | translate }}</p>
          @if (r.status === 'PENDING' && canCheck()) {
            <div class="actions">
              <button mat-flat-button type="button" [disabled]="busy()" (click)="apply(r)" data-testid="change-apply"><mat-icon>check</mat-icon>{{ 'grm.changes.detail.apply' | translate }}</button>
              <mat-form-field appearance="outline" class="reject-reason">
                <mat-label>{{ 'grm.changes.detail.rejectReason' | translate }}</mat-label>
                <input matInput [formControl]="rejectReason" maxlength="1000" />
              </mat-form-field>
              <button mat-stroked-button type="button" [disabled]="busy() || rejectReason.invalid" (click)="reject(r)" data-testid="change-reject">{{ 'grm.changes.detail.reject' | translate }}</button>
            </div>
          }
        }
      </section>
    } @else {
      <cm-empty-state icon="edit_note" [title]="'grm.changes.detail.missing' | translate" />
    }
  `,
  styles: `
    .page-header { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; }
    .card { margin: 16px 0; }
    .old { text-decoration: line-through; color: var(--mat-sys-on-surface-variant); }
    .new { font-weight: 600; }
    .reason { white-space: pre-wrap; }
    .actions { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
    .reject-reason { min-width: 260px; }
    .notice { padding: 8px 12px; border-radius: 8px; background: var(--mat-sys-surface-container); }
    .notice.warn { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  `,
})
export class DataChangeDetailPage {
  private readonly service = inject(DataChangeService);
  private readonly auth = inject(AuthService);
  private readonly notifier = inject(Notifier);
  protected readonly lang = inject(LanguageService).current;
  readonly id = input.required<string>();

  protected readonly columns = ['field', 'old', 'new'];
  protected readonly approvalsPath = APPROVALS_PATH;
  protected readonly request = resource({ params: () => ({ id: this.id() }), loader: ({ params }) => this.service.get(params.id) });
  protected readonly canCheck = computed(() => this.auth.can('grm.changes.apply'));
  protected readonly busy = signal(false);
  protected readonly actionError = signal<unknown>(null);
  protected readonly rejectReason = new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(1000)] });

  protected labelOf(key: string): string {
    return fieldLabelKey(key);
  }

  protected show(value: unknown): string | null {
    return displayValue(value);
  }

  protected staleLabels(r: DataChangeRequest): string {
    return r.staleFields.join(', ');
  }

  protected async apply(r: DataChangeRequest): Promise<void> {
    await this.act(async () => {
      const done = await this.service.apply(r.id);
      this.notifier.notify(done.status === 'APPLIED' ? 'grm.changes.detail.applied' : 'grm.changes.detail.stale');
    });
  }

  protected async reject(r: DataChangeRequest): Promise<void> {
    await this.act(async () => {
      await this.service.reject(r.id, this.rejectReason.value);
      this.notifier.notify('grm.changes.detail.rejected');
    });
  }

  private async act(work: () => Promise<void>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.actionError.set(null);
    try {
      await work();
      this.request.reload();
    } catch (error) {
      this.actionError.set(error);
    } finally {
      this.busy.set(false);
    }
  }
}
