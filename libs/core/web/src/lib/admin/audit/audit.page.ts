import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { provideDatepickerLabels } from '../../ui/dates/translated-datepicker-intl';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../auth/auth.service';
import { resultData } from '../../graphql/result-data';
import { LanguageService } from '../../i18n/language.service';
import { DateTimePipe } from '../../ui/date-time.pipe';
import { EmptyStateComponent } from '../../ui/empty-state.component';
import { ErrorBannerComponent } from '../../ui/error-banner.component';
import { ColumnChoice } from '../../ui/data-list/column-choice';
import { DataTableComponent, RowDetailDirective } from '../../ui/data-list/data-table.component';
import { dataList } from '../../ui/data-list/data-list';
import { ListPage, toListPage } from '../../ui/data-list/list-page';
import { ListUrlState } from '../../ui/data-list/list-url-state';
import { ExportButtonComponent } from '../../ui/data-list/export-button.component';
import { ServerExports } from '../../ui/data-list/server-exports.service';
import { ListSort } from '../../ui/data-list/list-sort';
import { SortHeaderComponent } from '../../ui/data-list/sort-header.component';
import type { SortDirection } from '../../data/generated/graphql';
import { NoticeBannerComponent } from '../../ui/notice-banner.component';
import { AUDIT_LOG_QUERY, AuditEntry, AuditLogFilter, AuditVerification, VERIFY_AUDIT_TRAIL_QUERY } from '../data/audit.queries';
import { auditValue, displayValue, fieldLabel, translateOr } from '../data/readable';
import { operationLabel } from '../approvals/approval-format';
import { GRAPHQL } from '../../graphql/graphql-client';

const PAGE_SIZE = 50;

/** Actions the platform and its modules record; others still show, by their code. */
export const AUDIT_ACTIONS = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'IMPORT',
  'EXPORT',
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

const COLUMNS = new ColumnChoice(
  [
    { key: 'expand', label: 'core.admin.audit.details', fixed: true },
    { key: 'occurredAt', label: 'core.admin.audit.when', fixed: true },
    { key: 'user', label: 'core.admin.audit.user', compact: true },
    { key: 'action', label: 'core.admin.audit.action', compact: true },
    { key: 'entity', label: 'core.admin.audit.record' },
  ],
  'core.audit',
);

/** The filters in the URL: `?user=…&action=…&type=…&id=…&from=2026-01-31&to=…`, days inclusive. */
const FILTER_KEYS = ['user', 'action', 'type', 'id', 'from', 'to'] as const;

interface Row {
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

/** Who did what to which record, and when: searchable, with the values before and after each change. */
@Component({
  selector: 'cm-audit-page',
  imports: [
    ExportButtonComponent,
    SortHeaderComponent,
    ReactiveFormsModule,
    MatTableModule,
    MatFormFieldModule,
    MatInput,
    MatSelectModule,
    MatDatepickerModule,
    MatButton,
    MatIconButton,
    MatIcon,
    TranslatePipe,
    DateTimePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    NoticeBannerComponent,
    DataTableComponent,
    RowDetailDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit.page.html',
  styleUrl: './audit.page.scss',
  // MatDatepickerModule provides its own (English) labels to this component: the translated ones replace them here
  providers: [provideDatepickerLabels()],
})
export class AuditPage {
  private readonly apollo = inject(GRAPHQL);
  private readonly translate = inject(TranslateService);
  private readonly auth = inject(AuthService);
  protected readonly lang = inject(LanguageService).current;

  protected readonly actions = AUDIT_ACTIONS;
  protected readonly entityTypes = AUDIT_ENTITY_TYPES;
  protected readonly isExpanded = (entry: AuditEntry) => this.expanded() === entry.id;
  protected readonly canVerify = computed(() => this.auth.can('core.audit.verify'));

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: [''],
    action: [''],
    entityType: [''],
    entityId: [''],
    from: [null as Date | null],
    to: [null as Date | null],
  });

  /** The search shown, in the URL: applied when the person asks, not at every key stroke. */
  protected readonly list = new ListUrlState(FILTER_KEYS);
  /** The trail as the server exports it: the same filter. */
  /** Newest first unless the reader turns it (`?sort=occurredAt`). */
  protected readonly sort = new ListSort(['occurredAt'] as const, { key: 'occurredAt', direction: 'DESC' });
  protected readonly exporter = inject(ServerExports).exporter<AuditLogFilter>('core.audit', (filter) => ({ ...filter }));
  protected readonly filter = computed<AuditLogFilter>(() => {
    const { user, action, type, id, from, to } = this.list.values();
    const fromDay = urlDay(from);
    const toDay = urlDay(to);
    return {
      ...(user ? { username: user } : {}),
      ...(action ? { action } : {}),
      ...(type ? { entityType: type } : {}),
      ...(id ? { entityId: id } : {}),
      ...(fromDay ? { from: fromDay.toISOString() } : {}),
      // the end date is included: up to the start of the next day
      ...(toDay ? { to: addDays(toDay, 1).toISOString() } : {}),
    };
  });
  protected readonly expanded = signal<string | null>(null);

  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: PAGE_SIZE,
    params: () => ({ filter: this.filter(), order: this.sort.current().direction }),
    load: ({ filter, order }, after) => this.search(filter, after, order),
    rowTestId: (entry: AuditEntry) => `audit-row-${entry.id}`,
    rowLabel: () => this.translate.instant('core.admin.audit.showDetails'),
  });

  protected readonly verifying = signal(false);
  protected readonly verification = signal<AuditVerification | null>(null);
  protected readonly verifyError = signal<unknown>(null);

  constructor() {
    // the form shows the search of the URL (a reload, a shared link, the back button)
    effect(() => {
      const values = this.list.values();
      untracked(() =>
        this.form.reset({
          username: values.user ?? '',
          action: values.action ?? '',
          entityType: values.type ?? '',
          entityId: values.id ?? '',
          from: urlDay(values.from),
          to: urlDay(values.to),
        }),
      );
    });
  }

  protected apply(): void {
    const value = this.form.getRawValue();
    this.expanded.set(null);
    this.list.set({
      user: value.username,
      action: value.action,
      type: value.entityType,
      id: value.entityId,
      from: value.from ? isoDay(value.from) : null,
      to: value.to ? isoDay(value.to) : null,
    });
  }

  protected clear(): void {
    this.expanded.set(null);
    this.list.clear();
  }

  protected toggle(entry: AuditEntry): void {
    this.expanded.update((id) => (id === entry.id ? null : entry.id));
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

  private async search(filter: AuditLogFilter, after: string | null, order: SortDirection): Promise<ListPage<AuditEntry>> {
    const result = await firstValueFrom(this.apollo.query({ query: AUDIT_LOG_QUERY, variables: { filter, first: PAGE_SIZE, after, order } }));
    // the schema types `changes` and `details` as JSON; AuditEntry narrows them to what the audit API writes
    return toListPage(resultData(result).auditLog) as ListPage<AuditEntry>;
  }
}

/** A YYYY-MM-DD day of the URL, as the local midnight starting it; null when absent or not a day. */
function urlDay(value: string | null): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date.getDate() === Number(match[3]) ? date : null;
}

function isoDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}
