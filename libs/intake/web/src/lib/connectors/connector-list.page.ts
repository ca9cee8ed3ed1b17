import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { FormControl, FormsModule, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  AreaPickerComponent,
  type AreaValue,
  AuthService,
  ColumnChoice,
  DataTableComponent,
  dataList,
  DateTimePipe,
  EmptyStateComponent,
  ErrorBannerComponent,
  isArea,
  LanguageService,
  ListUrlState,
  Notifier,
  SearchFieldComponent,
  toUserError,
} from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import type { IntakeConnector, IntakeConnectorKind, PullJob } from '../data/intake.queries';
import { INTAKE_PAGE_SIZE, IntakeService } from '../data/intake.service';

interface ConnectorForm {
  id: string | null;
  version: number;
  code: string;
  name: string;
  kind: IntakeConnectorKind;
  serverUrl: string;
  formId: string;
  projectId: string;
  username: string;
  secret: string;
  pullIntervalMinutes: string;
}

const COLUMNS = new ColumnChoice(
  [
    { key: 'code', label: 'intake.connectors.code', fixed: true },
    { key: 'name', label: 'intake.connectors.name' },
    { key: 'kind', label: 'intake.connectors.kind', compact: true },
    { key: 'server', label: 'intake.connectors.form' },
    { key: 'watermark', label: 'intake.connectors.lastPull' },
    { key: 'actions', label: 'core.admin.actions', fixed: true },
  ],
  'intake.connectors',
);

const EMPTY: ConnectorForm = { id: null, version: 0, code: '', name: '', kind: 'KOBO' as IntakeConnectorKind, serverUrl: '', formId: '', projectId: '', username: '', secret: '', pullIntervalMinutes: '' };

/** Connectors of the caller's areas: configure KoBo / ODK Central forms, pull now and follow the pull's progress. */
@Component({
  selector: 'cm-intake-connector-list-page',
  imports: [MatTableModule, MatButton, MatFormFieldModule, MatInput, MatSelectModule, MatIcon, MatProgressBar, FormsModule, ReactiveFormsModule, RouterLink, TranslatePipe, AreaPickerComponent, DataTableComponent, DateTimePipe, EmptyStateComponent, ErrorBannerComponent, SearchFieldComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './connector-list.page.html',
  styleUrl: './connector-list.page.scss',
})
export class ConnectorListPage {
  private readonly service = inject(IntakeService);
  private readonly notifier = inject(Notifier);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly lang = inject(LanguageService).current;

  /** The search, in the URL: `?q=…&after=…`. */
  protected readonly list = new ListUrlState(['q'] as const);
  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: INTAKE_PAGE_SIZE,
    params: () => ({ search: this.list.value('q') }),
    load: ({ search }, after) => this.service.connectors(search, after),
    rowTestId: (row: IntakeConnector) => `connector-row-${row.code}`,
  });
  protected readonly canManage = computed(() => this.auth.can('intake.manage'));

  protected readonly form = signal<ConnectorForm | null>(null);
  protected readonly area = new FormControl<AreaValue>(null);
  protected readonly saving = signal(false);
  protected readonly formError = signal<unknown>(null);
  protected readonly fieldErrors = signal<Partial<Record<string, string>>>({});

  /** Pulls followed on this page, by connector id. */
  protected readonly pulls = signal<Record<string, PullJob>>({});
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    this.destroyRef.onDestroy(() => this.timer && clearInterval(this.timer));
  }

  protected startNew(): void {
    this.form.set({ ...EMPTY });
    this.area.setValue(null);
    this.formError.set(null);
    this.fieldErrors.set({});
  }

  protected edit(row: IntakeConnector): void {
    this.form.set({ id: row.id, version: row.version, code: row.code, name: row.name, kind: row.kind, serverUrl: row.serverUrl, formId: row.formId, projectId: row.projectId ?? '', username: row.username ?? '', secret: '', pullIntervalMinutes: row.pullIntervalMinutes ? String(row.pullIntervalMinutes) : '' });
    this.area.setValue(row.areaId);
    this.formError.set(null);
    this.fieldErrors.set({});
  }

  protected patch(change: Partial<ConnectorForm>): void {
    this.form.update((f) => (f ? { ...f, ...change } : f));
  }

  protected async save(): Promise<void> {
    const f = this.form();
    if (!f) return;
    const area = this.area.value;
    const areaId = isArea(area) ? area.id : typeof area === 'string' ? area : null;
    const interval = f.pullIntervalMinutes.trim() ? Number(f.pullIntervalMinutes) : null;
    this.saving.set(true);
    this.formError.set(null);
    this.fieldErrors.set({});
    try {
      const odk = f.kind === 'ODK';
      if (f.id) {
        await this.service.update({ id: f.id, version: f.version, name: f.name, serverUrl: f.serverUrl, formId: f.formId, projectId: odk ? f.projectId || null : null, username: odk ? f.username || null : null, ...(f.secret ? { secret: f.secret } : {}), ...(areaId ? { areaId } : {}), pullIntervalMinutes: interval });
      } else {
        await this.service.create({ code: f.code, name: f.name, kind: f.kind, serverUrl: f.serverUrl, formId: f.formId, projectId: odk ? f.projectId || null : null, username: odk ? f.username || null : null, secret: f.secret, areaId: areaId ?? '', pullIntervalMinutes: interval });
      }
      this.form.set(null);
      this.notifier.notify('intake.connectors.saved');
      this.table.reload();
    } catch (error) {
      const user = toUserError(error);
      this.fieldErrors.set(Object.fromEntries(user.fieldErrors.map((e) => [e.field, e.message ?? ''])));
      this.formError.set(error);
    } finally {
      this.saving.set(false);
    }
  }

  protected async pull(row: IntakeConnector): Promise<void> {
    try {
      const jobId = await this.service.pull(row.id);
      this.follow(row.id, jobId);
    } catch (error) {
      this.formError.set(error);
    }
  }

  protected follow(connectorId: string, jobId: string): void {
    const poll = async () => {
      const job = await this.service.job(jobId);
      if (!job) return;
      this.pulls.update((all) => ({ ...all, [connectorId]: job }));
      if (!['QUEUED', 'RUNNING'].includes(job.status) && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
        this.table.reload();
      }
    };
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => void poll(), 1000);
    void poll();
  }

  protected resultOf(job: PullJob): { received: number; created: number; updated: number } {
    const result = (job.result ?? {}) as Record<string, number>;
    return { received: result['received'] ?? 0, created: result['created'] ?? 0, updated: result['updated'] ?? 0 };
  }
}
