import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { DateTimePipe, EmptyStateComponent, formatDay, ErrorBannerComponent, LanguageService, latestValue, LoadingIndicatorComponent } from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { AuditEntry, AuditPage } from '../data/registry.queries';
import { RegistryService } from '../data/registry.service';
import { codeLabel, fieldLabel, humanize, translateOr } from './registry-format';

/** Fields of the records that mean nothing to a reader (technical keys and bookkeeping). */
const HIDDEN_FIELDS = new Set(['id', 'areaPath', 'version', 'createdAt', 'updatedAt', 'importJobId', 'createdBy', 'content', 'sha256', 'individualId']);
/** Fields holding a code of a list, by the list that names their values. */
const CODED_FIELDS: Readonly<Record<string, string>> = {
  sex: 'sex',
  relationship: 'relationship',
  recipientRole: 'recipientRole',
  registrationSource: 'registrationSource',
  maritalStatus: 'maritalStatus',
  disability: 'disability',
  education: 'education',
  wallMaterial: 'wallMaterial',
  roofMaterial: 'roofMaterial',
  floorMaterial: 'floorMaterial',
  waterSource: 'waterSource',
  sanitation: 'sanitation',
  lighting: 'lighting',
  cookingFuel: 'cookingFuel',
  assets: 'assets',
  type: 'documentType',
  kind: 'fileKind',
};
/** Fields holding the id of another record: shown by name when the page knows it. */
const REFERENCE_FIELDS = new Set(['areaId', 'householdId', 'photoFileId', 'mergedIntoId']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface HistoryChange {
  readonly field: string;
  readonly label: string;
  /** Null on a creation, where only the new value matters. */
  readonly before: string | null;
  readonly after: string;
}

export interface HistoryItem {
  readonly id: string;
  readonly occurredAt: string;
  readonly username: string | null;
  readonly action: string;
  readonly actionLabel: string;
  readonly subject: string;
  readonly changes: readonly HistoryChange[];
  readonly note: string | null;
}

/** Loads a page of the history, newest first; null when the record is gone. */
export type HistoryLoader = (after: string | null) => Promise<AuditPage | null>;

/**
 * The audit trail of a record, readable: who did what, when, and each changed field with its value
 * before and after, coded values translated.
 */
@Component({
  selector: 'cm-audit-history',
  imports: [MatButton, MatIcon, MatProgressBar, TranslatePipe, DateTimePipe, EmptyStateComponent, ErrorBannerComponent, LoadingIndicatorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-history.component.html',
  styleUrl: './audit-history.component.scss',
})
export class AuditHistoryComponent {
  readonly loader = input.required<HistoryLoader>();
  /** Names of the records the entries may be about (people, the household, areas), by id. */
  readonly names = input<ReadonlyMap<string, string>>(new Map());
  /** Labels of the extra fields, by property name. */
  readonly extraLabels = input<ReadonlyMap<string, string>>(new Map());
  /** Change it to read the history again (after an edit). */
  readonly refresh = input(0);

  private readonly translate = inject(TranslateService);
  private readonly registry = inject(RegistryService);
  protected readonly lang = inject(LanguageService).current;

  protected readonly page = resource({
    params: () => ({ loader: this.loader(), refresh: this.refresh(), lang: this.lang() }),
    loader: ({ params }) => params.loader(null),
  });
  /** Entries of the following pages, for the first page they continue. */
  private readonly more = signal<{ base: AuditPage; entries: readonly AuditEntry[]; cursor: string | null } | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly loadMoreError = signal<unknown>(null);

  protected readonly data = latestValue(this.page);
  /** Households and areas the entries refer to that the page did not name (a move to another household). */
  private readonly referenced = resource({
    params: () => {
      const data = this.data();
      if (!data) return undefined;
      const known = this.names();
      const households = new Set<string>();
      const areas = new Set<string>();
      for (const entry of [...data.entries, ...(this.continuation()?.entries ?? [])]) {
        for (const [field, change] of Object.entries(entry.changes ?? {})) {
          const target = field === 'householdId' ? households : field === 'areaId' ? areas : null;
          for (const value of [change?.before, change?.after]) if (target && typeof value === 'string' && !known.has(value)) target.add(value);
        }
      }
      return households.size || areas.size ? { households: [...households], areas: [...areas], lang: this.lang() } : undefined;
    },
    loader: ({ params }) => this.registry.recordLabels(params.households, params.areas),
  });
  private readonly continuation = computed(() => {
    const more = this.more();
    return more && more.base === this.data() ? more : null;
  });
  protected readonly items = computed(() => {
    const data = this.data();
    if (!data) return [];
    this.lang();
    const referenced = this.referenced.hasValue() ? this.referenced.value() : undefined;
    const names = referenced?.size ? new Map([...referenced, ...this.names()]) : this.names();
    this.extraLabels();
    return [...data.entries, ...(this.continuation()?.entries ?? [])].map((entry) => this.describe(entry, names));
  });
  protected readonly hasMore = computed(() => {
    const continuation = this.continuation();
    return continuation ? continuation.cursor !== null : !!this.data()?.hasNextPage;
  });

  protected async loadMore(): Promise<void> {
    const data = this.data();
    if (!data || this.loadingMore()) return;
    const continuation = this.continuation();
    const cursor = continuation ? continuation.cursor : data.endCursor;
    if (!cursor) return;
    this.loadingMore.set(true);
    this.loadMoreError.set(null);
    try {
      const next = await this.loader()(cursor);
      if (this.data() !== data || !next) return;
      this.more.set({ base: data, entries: [...(continuation?.entries ?? []), ...next.entries], cursor: next.hasNextPage ? next.endCursor : null });
    } catch (error) {
      this.loadMoreError.set(error);
    } finally {
      this.loadingMore.set(false);
    }
  }

  private describe(entry: AuditEntry, names: ReadonlyMap<string, string>): HistoryItem {
    const entityType = entry.entityType ?? '';
    const known = entry.entityId ? names.get(entry.entityId) : undefined;
    const entityLabel = translateOr(this.translate, `registry.history.entities.${entityType}`, humanize(entityType || 'record'));
    const subject = known ? `${entityLabel} · ${known}` : entityLabel;
    const creation = entry.action === 'CREATE';
    const changes: HistoryChange[] = [];
    for (const [field, change] of Object.entries(entry.changes ?? {})) {
      if (HIDDEN_FIELDS.has(field)) continue;
      if (field === 'extra') {
        changes.push(...this.extraChanges(change?.before, change?.after, creation));
        continue;
      }
      const after = change?.after;
      if (creation && isEmpty(after)) continue;
      changes.push({
        field,
        label: fieldLabel(this.translate, field),
        before: creation ? null : this.value(field, change?.before, entityType, names),
        after: this.value(field, after, entityType, names),
      });
    }
    return {
      id: entry.id,
      occurredAt: entry.occurredAt,
      username: entry.username,
      action: entry.action,
      actionLabel: translateOr(this.translate, `registry.history.actions.${entry.action}`, humanize(entry.action)),
      subject,
      changes,
      note: this.note(entry),
    };
  }

  private extraChanges(before: unknown, after: unknown, creation: boolean): HistoryChange[] {
    const old = isRecord(before) ? before : {};
    const now = isRecord(after) ? after : {};
    const changes: HistoryChange[] = [];
    for (const key of new Set([...Object.keys(old), ...Object.keys(now)])) {
      if (JSON.stringify(old[key]) === JSON.stringify(now[key])) continue;
      if (creation && isEmpty(now[key])) continue;
      changes.push({
        field: `extra.${key}`,
        label: this.extraLabels().get(key) ?? this.translate.instant('registry.history.extraField', { name: key }),
        before: creation ? null : this.plain(old[key]),
        after: this.plain(now[key]),
      });
    }
    return changes;
  }

  private value(field: string, value: unknown, entityType: string, names: ReadonlyMap<string, string>): string {
    if (isEmpty(value)) return this.translate.instant('registry.common.empty');
    if (field === 'status') return codeLabel(this.translate, entityType === 'Household' ? 'householdStatus' : 'individualStatus', String(value));
    const list = CODED_FIELDS[field];
    if (list && Array.isArray(value)) return value.map((v) => codeLabel(this.translate, list, String(v))).join(', ');
    if (list) return codeLabel(this.translate, list, String(value));
    if (field === 'photoFileId') return this.translate.instant('registry.history.newPhoto');
    if (REFERENCE_FIELDS.has(field)) return names.get(String(value)) ?? this.translate.instant('registry.history.otherRecord');
    return this.plain(value);
  }

  private plain(value: unknown): string {
    if (isEmpty(value)) return this.translate.instant('registry.common.empty');
    if (typeof value === 'boolean') return this.translate.instant(value ? 'registry.common.yes' : 'registry.common.no');
    if (typeof value === 'string' && DAY.test(value)) return formatDay(value, this.lang());
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.join(', ');
    return JSON.stringify(value);
  }

  /** A line for entries that carry no field changes (an import, a merge). */
  private note(entry: AuditEntry): string | null {
    const details = isRecord(entry.details) ? entry.details : null;
    if (entry.action === 'MERGE' && details) {
      const copied = Array.isArray(details['copiedFields']) ? (details['copiedFields'] as unknown[]).map((f) => fieldLabel(this.translate, String(f))) : [];
      return this.translate.instant(copied.length ? 'registry.history.mergedCopied' : 'registry.history.merged', { fields: copied.join(', ') });
    }
    if (entry.action === 'IMPORT') {
      const files = details && Array.isArray(details['files']) ? (details['files'] as unknown[]).map(String).join(', ') : '';
      const batch = details && typeof details['jobId'] === 'string' ? details['jobId'].slice(0, 8) : '';
      return files ? this.translate.instant('registry.history.importedFrom', { files, batch }) : this.translate.instant('registry.history.imported');
    }
    return null;
  }
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
