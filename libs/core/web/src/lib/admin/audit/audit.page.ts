import { ChangeDetectionStrategy, Component, computed, effect, inject, resource, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { DateAdapter, provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerIntl, MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../auth/auth.service';
import { resultData } from '../../graphql/result-data';
import { LanguageService } from '../../i18n/language.service';
import { DateTimePipe } from '../../ui/date-time.pipe';
import { EmptyStateComponent } from '../../ui/empty-state.component';
import { ErrorBannerComponent } from '../../ui/error-banner.component';
import { LoadingIndicatorComponent } from '../../ui/loading-indicator.component';
import { NoticeBannerComponent } from '../../ui/notice-banner.component';
import { AUDIT_LOG_QUERY, AuditEntry, AuditLogFilter, AuditVerification, VERIFY_AUDIT_TRAIL_QUERY } from '../data/audit.queries';
import { auditValue, displayValue, fieldLabel, translateOr } from '../data/readable';
import { operationLabel } from '../approvals/approval-format';
import { TranslatedDatepickerIntl } from '../ui/translated-datepicker-intl';

const PAGE_SIZE = 50;

/** Actions the platform and its modules record; others still show, by their code. */
export const AUDIT_ACTIONS = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'IMPORT',
  'LOGIN',
  'LOGIN_FAILED',
  'LOGOUT',
  'ACCESS_DENIED',
  'PASSWORD_CHANGED',
  'PASSWORD_RESET',
  'ACCOUNT_LOCKED',
  'ACCOUNT_UNLOCKED',
  'TWO_FACTOR_ENABLED',
  'TWO_FACTOR_RESET',
  'TOTP_REPLAY',
  'REFRESH_TOKEN_REUSE',
  'APPROVAL_REQUEST',
  'APPROVE',
  'REJECT',
  'CANCEL',
] as const;

/** Record types with a name; modules add theirs under `entities.<Type>`. */
export const AUDIT_ENTITY_TYPES = ['AdminArea', 'AdminLevel', 'User', 'Role', 'ApprovalFlow', 'PendingOperation'] as const;

interface AuditResults {
  readonly entries: readonly AuditEntry[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

interface Row {
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

/** Who did what to which record, and when: searchable, with the values before and after each change. */
@Component({
  selector: 'cm-audit-page',
  imports: [
    ReactiveFormsModule,
    MatTableModule,
    MatFormFieldModule,
    MatInput,
    MatSelectModule,
    MatDatepickerModule,
    MatButton,
    MatIconButton,
    MatIcon,
    MatProgressBar,
    TranslatePipe,
    DateTimePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
    NoticeBannerComponent,
  ],
  providers: [provideNativeDateAdapter(), { provide: MatDatepickerIntl, useClass: TranslatedDatepickerIntl }],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit.page.html',
  styleUrl: './audit.page.scss',
})
export class AuditPage {
  private readonly apollo = inject(Apollo);
  private readonly translate = inject(TranslateService);
  private readonly auth = inject(AuthService);
  private readonly dateAdapter = inject<DateAdapter<Date>>(DateAdapter);
  protected readonly lang = inject(LanguageService).current;

  protected readonly actions = AUDIT_ACTIONS;
  protected readonly entityTypes = AUDIT_ENTITY_TYPES;
  protected readonly columns = ['expand', 'occurredAt', 'user', 'action', 'entity'];
  protected readonly canVerify = computed(() => this.auth.can('core.audit.verify'));

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: [''],
    action: [''],
    entityType: [''],
    entityId: [''],
    from: [null as Date | null],
    to: [null as Date | null],
  });

  /** The filter of the search shown: applied when the person asks, not at every key stroke. */
  private readonly filter = signal<AuditLogFilter>({});
  protected readonly expanded = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly loadMoreError = signal<unknown>(null);

  protected readonly page = resource({
    params: () => ({ filter: this.filter() }),
    loader: ({ params }) => this.search(params.filter, null),
  });
  protected readonly pageData = computed(() => (this.page.hasValue() ? this.page.value() : null));

  protected readonly verifying = signal(false);
  protected readonly verification = signal<AuditVerification | null>(null);
  protected readonly verifyError = signal<unknown>(null);

  constructor() {
    effect(() => this.dateAdapter.setLocale(this.lang()));
  }

  protected apply(): void {
    const value = this.form.getRawValue();
    const filter: Record<string, string> = {};
    if (value.username.trim()) filter['username'] = value.username.trim();
    if (value.action) filter['action'] = value.action;
    if (value.entityType.trim()) filter['entityType'] = value.entityType.trim();
    if (value.entityId.trim()) filter['entityId'] = value.entityId.trim();
    if (value.from) filter['from'] = startOfDay(value.from).toISOString();
    // the end date is included: up to the start of the next day
    if (value.to) filter['to'] = addDays(startOfDay(value.to), 1).toISOString();
    this.expanded.set(null);
    this.filter.set(filter);
  }

  protected clear(): void {
    this.form.reset();
    this.apply();
  }

  protected toggle(entry: AuditEntry): void {
    this.expanded.update((id) => (id === entry.id ? null : entry.id));
  }

  protected async loadMore(): Promise<void> {
    const page = this.pageData();
    if (!page?.hasNextPage || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.loadMoreError.set(null);
    try {
      const next = await this.search(this.filter(), page.endCursor);
      if (this.pageData() !== page) return;
      this.page.set({ ...next, entries: [...page.entries, ...next.entries] });
    } catch (error) {
      this.loadMoreError.set(error);
    } finally {
      this.loadingMore.set(false);
    }
  }

  protected async verify(): Promise<void> {
    this.verifying.set(true);
    this.verification.set(null);
    this.verifyError.set(null);
    try {
      const result = await firstValueFrom(this.apollo.query({ query: VERIFY_AUDIT_TRAIL_QUERY }));
      this.verification.set(resultData(result).verifyAuditTrail);
    } catch (error) {
      this.verifyError.set(error);
    } finally {
      this.verifying.set(false);
    }
  }

  protected actionLabel(action: string): string {
    return translateOr(this.translate, `core.admin.audit.actions.${action}`, action);
  }

  protected entityLabel(type: string | null): string {
    return type ? translateOr(this.translate, `entities.${type}`, type) : '';
  }

  protected changeRows(entry: AuditEntry): Row[] {
    return Object.entries(entry.changes ?? {}).map(([field, change]) => ({
      label: fieldLabel(this.translate, field),
      before: displayValue(this.translate, change?.before),
      after: displayValue(this.translate, change?.after),
    }));
  }

  protected detailRows(entry: AuditEntry): { label: string; value: string }[] {
    return Object.entries(entry.details ?? {}).map(([field, value]) => ({
      label: fieldLabel(this.translate, field),
      value: field === 'operation' && typeof value === 'string' ? operationLabel(this.translate, value) : auditValue(this.translate, field, value),
    }));
  }

  /** Names of the changed fields, for the collapsed row. */
  protected changedFields(entry: AuditEntry): string {
    return Object.keys(entry.changes ?? {})
      .map((field) => fieldLabel(this.translate, field))
      .join(', ');
  }

  private async search(filter: AuditLogFilter, after: string | null): Promise<AuditResults> {
    const result = await firstValueFrom(this.apollo.query({ query: AUDIT_LOG_QUERY, variables: { filter, first: PAGE_SIZE, after } }));
    const connection = resultData(result).auditLog;
    return {
      entries: connection.edges.map((edge) => edge.node as AuditEntry),
      totalCount: connection.totalCount,
      hasNextPage: connection.pageInfo.hasNextPage,
      endCursor: connection.pageInfo.endCursor,
    };
  }
}

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}
