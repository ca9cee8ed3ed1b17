import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import {
  AreaPickerComponent,
  areaFilter,
  AuthService,
  ChoiceFilterComponent,
  ColumnChoice,
  DataTableComponent,
  dataList,
  DateTimePipe,
  EmptyStateComponent,
  LanguageService,
  ListUrlState,
  SearchFieldComponent,
} from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ChangeRecordType, DataChangeRequest, DataChangeStatus } from '../data/data-change.queries';
import { DATA_CHANGE_PAGE_SIZE, DataChangeService } from '../data/data-change.service';
import { DataChangeDialogComponent, type DataChangeDialogData } from './data-change-dialog.component';
import { fieldLabelKey } from './data-change-format';

const STATUSES = ['PENDING', 'APPLIED', 'STALE', 'REJECTED'];
const TYPES = ['HOUSEHOLD', 'INDIVIDUAL'];

const COLUMNS = new ColumnChoice(
  [
    { key: 'record', label: 'grm.changes.columns.record', fixed: true },
    { key: 'type', label: 'grm.changes.columns.type' },
    { key: 'fields', label: 'grm.changes.columns.fields' },
    { key: 'status', label: 'grm.changes.columns.status', compact: true },
    { key: 'requestedBy', label: 'grm.changes.columns.requestedBy' },
    { key: 'createdAt', label: 'grm.changes.columns.createdAt' },
  ],
  'grm.changes',
);

/** Data-change requests of the caller's areas on the web kit: search, status, record type and area in the URL. */
@Component({
  selector: 'cm-grm-data-change-list-page',
  imports: [MatTableModule, MatButton, MatIcon, DateTimePipe, TranslatePipe, DataTableComponent, SearchFieldComponent, ChoiceFilterComponent, AreaPickerComponent, EmptyStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!householdId()) {
      <header class="page-header">
        <h1>{{ 'grm.titles.changes' | translate }}</h1>
      </header>
      <div class="filters" role="search">
        <cm-search-field label="grm.changes.list.search" [value]="list.value('q')" (search)="list.set({ q: $event })" testId="changes-search" />
        <cm-area-picker class="filter" [control]="area.control" [filter]="true" label="grm.changes.list.area" testId="changes-area" />
        <cm-choice-filter class="filter" label="grm.changes.list.status" anyLabel="grm.changes.list.anyStatus" [options]="statuses" [value]="list.value('status') || null" [optionLabel]="statusLabel" (changed)="list.set({ status: $event })" testId="changes-status" />
        <cm-choice-filter class="filter" label="grm.changes.list.type" anyLabel="grm.changes.list.anyType" [options]="types" [value]="list.value('type') || null" [optionLabel]="typeLabel" (changed)="list.set({ type: $event })" testId="changes-type" />
      </div>
    } @else if (canRequest()) {
      <div class="tab-actions">
        <button mat-flat-button type="button" (click)="request()" data-testid="change-request"><mat-icon>edit_note</mat-icon>{{ 'grm.changes.request' | translate }}</button>
      </div>
    }
    <cm-data-table [list]="table" testId="changes-table" (rowOpen)="open($event)">
      <cm-empty-state icon="edit_note" [title]="'grm.changes.list.empty' | translate" [message]="'grm.changes.list.emptyHint' | translate" />
      <ng-container matColumnDef="record">
        <th mat-header-cell *matHeaderCellDef>{{ 'grm.changes.columns.record' | translate }}</th>
        <td mat-cell *matCellDef="let row">{{ row.recordLabel }}</td>
      </ng-container>
      <ng-container matColumnDef="type">
        <th mat-header-cell *matHeaderCellDef>{{ 'grm.changes.columns.type' | translate }}</th>
        <td mat-cell *matCellDef="let row">{{ 'grm.changes.recordType.' + row.recordType | translate }}</td>
      </ng-container>
      <ng-container matColumnDef="fields">
        <th mat-header-cell *matHeaderCellDef>{{ 'grm.changes.columns.fields' | translate }}</th>
        <td mat-cell *matCellDef="let row">
          @for (c of row.changes; track c.field; let last = $last) {
            {{ labelOf(c.field) | translate }}{{ last ? '' : ', ' }}
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="status">
        <th mat-header-cell *matHeaderCellDef>{{ 'grm.changes.columns.status' | translate }}</th>
        <td mat-cell *matCellDef="let row">
          <span class="pill" [class.warn]="row.status === 'STALE'" [class.neutral]="row.status === 'REJECTED'" data-testid="change-status">{{ 'grm.changes.status.' + row.status | translate }}</span>
        </td>
      </ng-container>
      <ng-container matColumnDef="requestedBy">
        <th mat-header-cell *matHeaderCellDef>{{ 'grm.changes.columns.requestedBy' | translate }}</th>
        <td mat-cell *matCellDef="let row">{{ row.requestedBy }}</td>
      </ng-container>
      <ng-container matColumnDef="createdAt">
        <th mat-header-cell *matHeaderCellDef>{{ 'grm.changes.columns.createdAt' | translate }}</th>
        <td mat-cell *matCellDef="let row">{{ row.createdAt | dateTime: lang() }}</td>
      </ng-container>
    </cm-data-table>
  `,
  styles: `
    .filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
    .tab-actions { display: flex; justify-content: flex-end; margin: 8px 0 12px; }
  `,
})
export class DataChangeListPage {
  private readonly service = inject(DataChangeService);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);
  private readonly auth = inject(AuthService);
  protected readonly lang = inject(LanguageService).current;
  /** Set when the list is the Data changes tab of a household page. */
  readonly householdId = input<string | undefined>();

  protected readonly statuses = STATUSES;
  protected readonly types = TYPES;
  protected readonly canRequest = computed(() => this.auth.can('grm.changes.request'));
  protected readonly list = new ListUrlState(['q', 'status', 'type', 'area'] as const);
  protected readonly area = areaFilter(this.list, 'area');
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: DATA_CHANGE_PAGE_SIZE,
    params: () =>
      this.householdId()
        ? { householdId: this.householdId() }
        : {
            search: this.list.value('q') || undefined,
            status: (this.list.value('status') || undefined) as DataChangeStatus | undefined,
            recordType: (this.list.value('type') || undefined) as ChangeRecordType | undefined,
            areaId: this.list.value('area') || undefined,
          },
    load: (filter, after) => this.service.list(filter, after),
    rowTestId: (row: DataChangeRequest) => `change-row-${row.id}`,
    rowLabel: (row) => this.translate.instant('grm.changes.list.open', { label: row.recordLabel }),
  });

  protected readonly statusLabel = (status: string) => this.translate.instant(`grm.changes.status.${status}`);
  protected readonly typeLabel = (type: string) => this.translate.instant(`grm.changes.recordType.${type}`);

  protected labelOf(key: string): string {
    return fieldLabelKey(key);
  }

  protected open(row: DataChangeRequest): void {
    void this.router.navigate(['/grm/changes', row.id]);
  }

  protected request(): void {
    const householdId = this.householdId();
    if (!householdId) return;
    this.dialog
      .open<DataChangeDialogComponent, DataChangeDialogData>(DataChangeDialogComponent, { data: { householdId }, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((created) => {
        if (created) this.table.reload();
      });
  }
}

/** The Data changes tab of a household page. */
@Component({
  selector: 'cm-grm-household-changes',
  imports: [DataChangeListPage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<cm-grm-data-change-list-page [householdId]="recordId()" />`,
})
export class HouseholdChangesTab {
  readonly recordId = input.required<string>();
}
