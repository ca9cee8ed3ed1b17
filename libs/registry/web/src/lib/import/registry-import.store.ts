import { computed, DestroyRef, inject, Injectable, resource, signal, Signal, WritableSignal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatDialog } from '@angular/material/dialog';
import { MatStepper } from '@angular/material/stepper';
import {
  approvalPending,
  ApprovalPending,
  AuthService,
  FileTransferError,
  formatFileSize,
  LanguageService,
  MY_REQUESTS_LINK,
  Notifier,
  toUserError,
  UserError,
} from '@coremis/core-web';
import { TranslateService } from '@ngx-translate/core';
import { Subscription } from 'rxjs';
import { FieldDescriber } from './import-errors.component';
import {
  assignmentsOf,
  ExtraField,
  mappingOf,
  MappingSlot,
  mappingSlots,
  slotKey,
  suggestHouseholdExtras,
} from './import-mapping';
import {
  ImportFilePreview,
  ImportFileRole,
  ImportLayout,
  ImportMode,
  ImportUpload,
  RegistryImportReport,
} from './registry-import.queries';
import { RegistryImportService } from './registry-import.service';
import { ImportValuesState } from './import-values.state';
import { ImportTemplatesState } from './import-templates.state';

/** Where the households land. */
const HOUSEHOLDS_PATH = '/registry';
const ACCEPTED_FILES = '.csv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface UploadState {
  readonly fileName: string;
  readonly size: number;
  readonly loaded: number;
  readonly status: 'uploading' | 'done' | 'failed';
  readonly upload?: ImportUpload;
  readonly error?: FileTransferError;
}

/** A check or an import job followed to its end. */
interface RunState {
  readonly phase: 'starting' | 'running' | 'done';
  readonly jobId?: string;
  readonly report?: RegistryImportReport;
  /** The mutation failed (e.g. BAD_USER_INPUT) or the follow-up did. */
  readonly error?: unknown;
  /** The import waits for a checker's approval. */
  readonly approval?: ApprovalPending;
  readonly cancelling?: boolean;
}

/**
 * The state of the import wizard, shared by its steps (upload, mapping, check, import): the files
 * and their previews, the column mapping and templates, the check and import jobs. Provided per
 * page; the page lends it its stepper.
 */
@Injectable()
export class RegistryImportStore {
  private readonly api = inject(RegistryImportService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);
  private readonly notifier = inject(Notifier);
  private readonly destroyRef = inject(DestroyRef);
  /** The page's stepper, which the store moves (to the check, back to the mapping, to the start). */
  private stepper: () => MatStepper | undefined = () => undefined;
  readonly lang = inject(LanguageService).current;

  readonly accepted = ACCEPTED_FILES;
  readonly householdsPath = HOUSEHOLDS_PATH;
  readonly myRequestsLink = MY_REQUESTS_LINK;
  readonly layouts: readonly ImportLayout[] = ['ONE_FILE', 'TWO_FILES'];
  readonly modes: readonly ImportMode[] = ['ALL_OR_NOTHING', 'VALID_ONLY'];
  readonly canCancel = computed(() => this.auth.can('core.jobs.cancel'));

  // ---- 1. Upload ---------------------------------------------------------------------------------

  readonly layout = signal<ImportLayout>('ONE_FILE');
  readonly uploads = signal<Partial<Record<ImportFileRole, UploadState>>>({});
  private readonly uploadSubscriptions: Partial<Record<ImportFileRole, Subscription>> = {};
  /** The files the layout needs, in the order they are asked for. */
  readonly roles = computed<ImportFileRole[]>(() => (this.layout() === 'TWO_FILES' ? ['households', 'members'] : ['members']));

  readonly previews = signal<Partial<Record<ImportFileRole, ImportFilePreview>>>({});
  readonly previewError = signal<unknown>(null);
  readonly loadingPreviews = signal(false);
  private previewRequest = 0;

  readonly uploadComplete = computed(() =>
    this.roles().every((role) => this.uploads()[role]?.status === 'done' && this.previews()[role]),
  );

  // ---- 2. Map ------------------------------------------------------------------------------------

  readonly fields = resource({ params: () => ({ lang: this.lang() }), loader: () => this.api.fields() });
  private readonly householdExtras = resource({ params: () => ({ lang: this.lang() }), loader: () => this.api.extraFields('HOUSEHOLD') });
  private readonly individualExtras = resource({ params: () => ({ lang: this.lang() }), loader: () => this.api.extraFields('INDIVIDUAL') });
  readonly templates = resource({ loader: () => this.api.templates() });

  readonly slots = computed<MappingSlot[]>(() =>
    mappingSlots(this.layout(), this.valueOf(this.fields) ?? [], this.extrasOf(this.householdExtras), this.extrasOf(this.individualExtras)),
  );
  readonly householdSlots = computed(() => this.slots().filter((slot) => slot.group === 'household'));
  readonly memberSlots = computed(() => this.slots().filter((slot) => slot.group === 'member'));
  /** The column chosen for each slot (by slot key); no entry means "not imported". */
  readonly assigned = signal<Record<string, string>>({});
  /** Reading options, recodings, date formats, fixed values, full-name rule (see ImportValuesState). */
  readonly values = new ImportValuesState(this.api, { slots: this.slots, assigned: this.assigned, previews: this.previews, roles: this.roles });
  readonly missingRequired = computed(() => this.slots().filter((slot) => slot.required && !this.assigned()[slot.key] && !this.filledOtherwise(slot)));
  readonly showMissing = signal(false);
  readonly mapComplete = computed(
    () => this.uploadComplete() && this.slots().length > 0 && this.missingRequired().length === 0 && this.values.ambiguousDates().length === 0,
  );

  /** Saved mappings: applying one, saving, deleting (see ImportTemplatesState). */
  readonly saved = new ImportTemplatesState({
    api: this.api,
    translate: this.translate,
    dialog: this.dialog,
    notifier: this.notifier,
    templates: this.templates,
    layout: this.layout,
    roles: this.roles,
    previews: this.previews,
    assigned: this.assigned,
    slots: this.slots,
    values: this.values,
    reread: (role) => this.loadPreviews(false, role),
    changed: () => this.invalidateCheck(),
  });

  // ---- 3. Check, 4. Import -----------------------------------------------------------------------

  readonly check = signal<RunState | null>(null);
  readonly run = signal<RunState | null>(null);
  readonly mode = signal<ImportMode>('ALL_OR_NOTHING');
  readonly checkDuplicates = signal(true);

  readonly checkReport = computed(() => this.check()?.report ?? null);
  /** The check ran to its end and could read the files (the rows may still have errors). */
  readonly checkComplete = computed(() => {
    const report = this.checkReport();
    return this.check()?.phase === 'done' && report?.status === 'COMPLETED' && !report.setupError;
  });
  readonly validHouseholds = computed(() => {
    const report = this.checkReport();
    return report ? Math.max(0, report.householdRows - report.householdsRejected) : 0;
  });
  readonly runReport = computed(() => this.run()?.report ?? null);
  /** Once the import is sent, the earlier steps stay as they were. */
  readonly locked = computed(() => this.run() !== null && !this.run()?.error);
  readonly imported = computed(() => {
    const report = this.runReport();
    return this.run()?.phase === 'done' && report?.status === 'COMPLETED' && !report.setupError && !this.nothingWritten();
  });
  readonly nothingWritten = computed(() => {
    const report = this.runReport();
    return !!report && report.status === 'COMPLETED' && report.mode === 'ALL_OR_NOTHING' && report.errorCount > 0;
  });

  readonly describeField: FieldDescriber = (error) => {
    if (!error.field) return null;
    const slot = this.slots().find((s) => s.field === error.field && s.file === error.file) ?? this.slots().find((s) => s.field === error.field);
    const label = slot?.label ?? error.field.replace(/^extra\.(household\.)?/, '');
    return { label, column: slot ? (this.assigned()[slot.key] ?? null) : null };
  };

  constructor() {
    this.destroyRef.onDestroy(() => Object.values(this.uploadSubscriptions).forEach((s) => s?.unsubscribe()));
  }

  // ---- Upload ------------------------------------------------------------------------------------

  setLayout(layout: ImportLayout): void {
    if (layout === this.layout()) return;
    this.layout.set(layout);
    // the households file means nothing with one file; the members file is read differently
    if (layout === 'ONE_FILE') this.forget('households');
    this.saved.selectedTemplateId.set(null);
    this.invalidateCheck();
    void this.loadPreviews(true);
  }

  pickFile(role: ImportFileRole, input: HTMLInputElement): void {
    const file = input.files?.[0];
    input.value = ''; // picking the same file again must trigger a change
    if (!file) return;
    this.uploadSubscriptions[role]?.unsubscribe();
    this.forget(role);
    this.invalidateCheck();
    this.setUpload(role, { fileName: file.name, size: file.size, loaded: 0, status: 'uploading' });
    this.uploadSubscriptions[role] = this.api
      .upload(file)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (event) => {
          if (event.type === 'progress') {
            this.setUpload(role, { fileName: file.name, size: file.size, loaded: event.loaded, status: 'uploading' });
          } else {
            this.setUpload(role, { fileName: file.name, size: file.size, loaded: file.size, status: 'done', upload: event.body });
            void this.loadPreviews(false);
          }
        },
        error: (error: unknown) =>
          this.setUpload(role, {
            fileName: file.name,
            size: file.size,
            loaded: 0,
            status: 'failed',
            error: error instanceof FileTransferError ? error : new FileTransferError(0, null, 'core.errors.unknown'),
          }),
      });
  }

  /** A number in the interface language (Angular's number pipe only knows the locales registered at build time). */
  decimal(value: number, fractionDigits = 0): string {
    return new Intl.NumberFormat(this.lang(), { maximumFractionDigits: fractionDigits }).format(value);
  }

  fileSize(bytes: number): string {
    return formatFileSize(bytes, this.lang());
  }

  uploadPercent(state: UploadState): number {
    return state.size > 0 ? Math.min(100, Math.round((state.loaded / state.size) * 100)) : 100;
  }

  private setUpload(role: ImportFileRole, state: UploadState): void {
    this.uploads.update((uploads) => ({ ...uploads, [role]: state }));
  }

  private forget(role: ImportFileRole): void {
    this.uploadSubscriptions[role]?.unsubscribe();
    this.uploads.update(({ [role]: _, ...rest }) => rest);
    this.previews.update(({ [role]: _, ...rest }) => rest);
    this.assigned.update((assigned) => Object.fromEntries(Object.entries(assigned).filter(([key]) => !key.startsWith(`${role}:`))));
  }

  /**
   * Reads the header and first rows of each uploaded file, and proposes a mapping for the files
   * read for the first time (or all of them when the layout changed: the same header means
   * different things).
   */
  private async loadPreviews(layoutChanged: boolean, force?: ImportFileRole): Promise<void> {
    const request = ++this.previewRequest;
    const layout = this.layout();
    const uploadIds = new Map<ImportFileRole, string>();
    for (const role of this.roles()) {
      const id = this.uploads()[role]?.upload?.id;
      if (id && (layoutChanged || role === force || this.previews()[role]?.uploadId !== id)) uploadIds.set(role, id);
    }
    const fresh = [...uploadIds.keys()];
    if (!fresh.length) return;
    this.loadingPreviews.set(true);
    this.previewError.set(null);
    try {
      const loaded = await Promise.all([...uploadIds].map(([role, id]) => this.api.preview(id, layout, role, this.values.read()[role] ?? {})));
      if (request !== this.previewRequest) return;
      const suggestions: Partial<Record<ImportFileRole, Record<string, string>>> = {};
      fresh.forEach((role, index) => {
        const preview = loaded[index];
        if (!preview) return;
        this.previews.update((previews) => ({ ...previews, [role]: preview }));
        suggestions[role] = { ...preview.suggestedMapping };
        if (layout === 'ONE_FILE') {
          Object.assign(
            suggestions[role],
            suggestHouseholdExtras(preview.headers, this.extrasOf(this.householdExtras), this.extrasOf(this.individualExtras)),
          );
        }
      });
      const freshKeys = new Set(fresh);
      this.assigned.update((assigned) => ({
        ...Object.fromEntries(Object.entries(assigned).filter(([key]) => !freshKeys.has(key.split(':')[0] as ImportFileRole))),
        ...assignmentsOf(suggestions),
      }));
    } catch (error) {
      if (request === this.previewRequest) this.previewError.set(error);
    } finally {
      if (request === this.previewRequest) this.loadingPreviews.set(false);
    }
  }

  // ---- Map ---------------------------------------------------------------------------------------

  /** Reads a file again with other options (separator, encoding, sheet): its columns and suggestions follow. */
  async reread(role: ImportFileRole, change: Parameters<ImportValuesState['setRead']>[1]): Promise<void> {
    this.values.setRead(role, change);
    this.invalidateCheck();
    await this.loadPreviews(false, role);
  }

  /** A recoding, date format, fixed value or name rule changed: an earlier check no longer holds. */
  valuesChanged(): void {
    this.invalidateCheck();
  }

  /** A required field filled without a column of its own: the area by its names, names from a full name, a fixed value. */
  private filledOtherwise(slot: MappingSlot): boolean {
    const assigned = this.assigned();
    const mapped = (field: string) => this.slots().some((s) => s.file === slot.file && s.field === field && assigned[s.key]);
    if (slot.field === 'areaCode') return this.slots().some((s) => s.file === slot.file && s.field.startsWith('areaLevel') && assigned[s.key]);
    if (slot.field === 'givenName' || slot.field === 'familyName') return mapped('fullName');
    return Boolean(this.values.fixed()[slot.field]);
  }

  columnsOf(slot: MappingSlot): readonly string[] {
    return this.previews()[slot.file]?.headers ?? [];
  }

  /** The first value of the chosen column, to recognise it. */
  sampleOf(slot: MappingSlot): string | null {
    const preview = this.previews()[slot.file];
    const column = this.assigned()[slot.key];
    if (!preview || !column) return null;
    const index = preview.headers.indexOf(column);
    const value = preview.rows.find((row) => row[index]?.trim())?.[index];
    return value?.trim() || null;
  }

  assign(slot: MappingSlot, column: string | null): void {
    this.assigned.update((assigned) => {
      const next = { ...assigned };
      if (column) next[slot.key] = column;
      else delete next[slot.key];
      return next;
    });
    this.invalidateCheck();
  }

  useSuggestions(): void {
    const suggestions: Partial<Record<ImportFileRole, Record<string, string>>> = {};
    for (const role of this.roles()) {
      const preview = this.previews()[role];
      if (!preview) continue;
      suggestions[role] = { ...preview.suggestedMapping };
      if (this.layout() === 'ONE_FILE') {
        Object.assign(suggestions[role], suggestHouseholdExtras(preview.headers, this.extrasOf(this.householdExtras), this.extrasOf(this.individualExtras)));
      }
    }
    this.assigned.set(assignmentsOf(suggestions));
    this.saved.selectedTemplateId.set(null);
    this.saved.templateNotice.set(null);
    this.invalidateCheck();
  }

  clearMapping(): void {
    this.assigned.set({});
    this.values.reset();
    this.saved.selectedTemplateId.set(null);
    this.saved.templateNotice.set(null);
    this.invalidateCheck();
  }

  /** Leaves the mapping step for the check, which starts at once. */
  toCheck(): void {
    this.showMissing.set(true);
    if (!this.mapComplete()) return;
    this.stepper()?.next();
    if (!this.check()) void this.startCheck();
  }

  // ---- Check and import --------------------------------------------------------------------------

  async startCheck(): Promise<void> {
    await this.start(this.check, true);
  }

  async startImport(): Promise<void> {
    if (this.run() && !this.run()?.error) return;
    await this.start(this.run, false);
  }

  async cancel(target: 'check' | 'run'): Promise<void> {
    const state = target === 'check' ? this.check : this.run;
    const jobId = state()?.jobId;
    if (!jobId || state()?.cancelling) return;
    state.update((s) => (s ? { ...s, cancelling: true } : s));
    try {
      await this.api.cancel(jobId);
    } catch (error) {
      // it may have finished meanwhile: the report says how
      if (toUserError(error).code !== 'CONFLICT') this.notifier.notify('registry.import.run.cancelFailed');
    }
  }

  /** Starts another import from the first step. */
  restart(): void {
    this.roles().forEach((role) => this.forget(role));
    this.check.set(null);
    this.run.set(null);
    this.values.reset();
    this.showMissing.set(false);
    this.saved.selectedTemplateId.set(null);
    this.saved.templateNotice.set(null);
    this.stepper()?.reset();
  }

  backToMapping(): void {
    const stepper = this.stepper();
    if (stepper) stepper.selectedIndex = 1;
  }

  useStepper(stepper: () => MatStepper | undefined): void {
    this.stepper = stepper;
  }

  percent(state: RunState | null): number {
    const report = state?.report;
    if (!report) return 0;
    if (report.status === 'COMPLETED') return 100;
    return Math.round(Math.max(0, Math.min(1, report.progress)) * 100);
  }

  progressText(state: RunState, kind: 'check' | 'run'): string {
    const status = state.report?.status;
    if (state.cancelling && (status === 'QUEUED' || status === 'RUNNING')) return this.translate.instant('registry.import.run.cancelling');
    switch (status) {
      case 'RUNNING':
        return this.translate.instant(`registry.import.${kind}.running`, { percent: this.percent(state) });
      case 'COMPLETED':
        return this.translate.instant(`registry.import.${kind}.finished`);
      case 'FAILED':
      case 'CANCELLED':
        return this.translate.instant(`registry.import.${kind}.stopped`);
      default:
        return this.translate.instant(state.jobId ? 'registry.import.run.queued' : 'registry.import.run.sending');
    }
  }

  missingLabels(): string {
    return this.missingRequired()
      .map((slot) => slot.label)
      .join(', ');
  }

  userError(error: unknown): UserError {
    return toUserError(error);
  }

  /** Field errors the banner's message does not already say. */
  extraFieldErrors(error: unknown): { field: string; message: string }[] {
    const userError = toUserError(error);
    return userError.fieldErrors
      .filter((e) => !userError.message?.includes(e.message))
      .map((e) => ({ field: this.inputFieldLabel(e.field), message: e.message }));
  }

  private inputFieldLabel(field: string): string {
    const name = field.replace(/^input\./, '');
    const key = `registry.import.inputFields.${name.split('.')[0]}`;
    const label = this.translate.instant(key);
    return label === key ? name : label;
  }

  private async start(state: WritableSignal<RunState | null>, validateOnly: boolean): Promise<void> {
    const members = this.uploads()['members']?.upload;
    if (!members) return;
    state.set({ phase: 'starting' });
    try {
      const job = await this.api.start({
        layout: this.layout(),
        membersUploadId: members.id,
        householdsUploadId: this.layout() === 'TWO_FILES' ? (this.uploads()['households']?.upload?.id ?? null) : null,
        mapping: mappingOf(this.layout(), this.slots(), this.assigned()),
        options: this.values.options(),
        mode: validateOnly ? 'ALL_OR_NOTHING' : this.mode(),
        validateOnly,
        checkDuplicates: this.checkDuplicates(),
      });
      if (state() === null) return; // the step was reset meanwhile
      state.set({ phase: 'running', jobId: job.id });
      this.api
        .watch(job.id)
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({
          next: (report) => {
            if (state()?.jobId !== job.id) return;
            const finished = report.status !== 'QUEUED' && report.status !== 'RUNNING';
            state.update((s) => (s ? { ...s, report, phase: finished ? 'done' : 'running' } : s));
          },
          error: (error: unknown) => {
            if (state()?.jobId === job.id) state.update((s) => (s ? { ...s, phase: 'done', error } : s));
          },
        });
    } catch (error) {
      const approval = approvalPending(error);
      state.set(approval ? { phase: 'done', approval } : { phase: 'done', error });
    }
  }

  /** The mapping or the files changed: an earlier check no longer says anything about them. */
  private invalidateCheck(): void {
    if (this.locked()) return;
    this.check.set(null);
    this.run.set(null);
  }

  private valueOf<T>(source: { hasValue(): boolean; value: Signal<T | undefined> }): T | undefined {
    return source.hasValue() ? source.value() : undefined;
  }

  private extrasOf(source: { hasValue(): boolean; value: Signal<ExtraField[] | undefined> }): ExtraField[] {
    return this.valueOf(source) ?? [];
  }

  readonly slotKey = slotKey;
}
