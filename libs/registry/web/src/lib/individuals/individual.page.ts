import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import { FileTransferError } from '@coremis/core-web';
import { AuthService, ContributedTabComponent, contributedTabs, DateTimePipe, EmptyStateComponent, ErrorBannerComponent, LanguageService, latestValue, LoadingIndicatorComponent, Notifier, PAGE_TAB_HOSTS, PhonePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Subscription } from 'rxjs';
import { IndividualRecord } from '../data/registry.queries';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, RegistryService } from '../data/registry.service';
import { AuditHistoryComponent, HistoryLoader } from '../ui/audit-history.component';
import { extraFieldsOf } from '../ui/extra-fields';
import { ExtraFieldsViewComponent } from '../ui/extra-fields-view.component';
import { PersonPhotoComponent } from '../ui/person-photo.component';
import { CodePipe, DayPipe } from '../ui/registry-pipes';
import { householdLink, INDIVIDUALS_PATH, personName } from '../ui/registry-format';
import { openPersonDialog } from './person-dialog.component';

/** A photo that could not be sent, with the reason in the interface language (or a key). */
interface PhotoProblem {
  readonly key?: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

/** One person: identity and photo, personal details, documents, phones, extra fields, household and history. */
@Component({
  selector: 'cm-individual-page',
  imports: [
    RouterLink,
    MatButton,
    MatIcon,
    MatProgressBar,
    MatTabsModule,
    ContributedTabComponent,
    TranslatePipe,
    DateTimePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
    AuditHistoryComponent,
    ExtraFieldsViewComponent,
    PersonPhotoComponent,
    CodePipe,
    DayPipe,
    PhonePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './individual.page.html',
  styleUrl: './individual.page.scss',
})
export class IndividualPage {
  /** What other enabled modules show about this person (grievances, …), as tabs under the record. */
  protected readonly contributedTabs = contributedTabs(PAGE_TAB_HOSTS.registryIndividual);
  /** Route parameter of `/registry/individuals/:id`. */
  readonly id = input.required<string>();

  private readonly registry = inject(RegistryService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly lang = inject(LanguageService).current;

  protected readonly listLink = INDIVIDUALS_PATH;
  protected readonly householdLink = householdLink;
  protected readonly personName = personName;
  protected readonly photoTypes = PHOTO_TYPES.join(',');
  protected readonly canEdit = computed(() => this.auth.can('registry.edit'));

  protected readonly individual = resource({
    params: () => ({ id: this.id(), lang: this.lang() }),
    loader: ({ params }) => this.registry.individual(params.id),
  });
  protected readonly data = latestValue(this.individual, (previous) => previous.id === this.id());
  protected readonly missing = computed(() => this.individual.status() === 'resolved' && !this.data());

  private readonly schema = resource({ loader: () => this.registry.fieldSchema('INDIVIDUAL') });
  protected readonly extraFields = computed(() => extraFieldsOf(this.schema.hasValue() ? this.schema.value().schema : null));

  protected readonly historyLoader = computed<HistoryLoader>(() => {
    const id = this.id();
    return (after) => this.registry.individualHistory(id, after);
  });
  protected readonly historyRefresh = signal(0);
  protected readonly extraLabels = computed(() => new Map(this.extraFields().map((field) => [field.name, field.title ?? field.name])));
  protected readonly names = computed(() => {
    const person = this.data();
    const names = new Map<string, string>();
    if (!person) return names;
    names.set(person.id, personName(person));
    if (person.household) {
      names.set(person.household.id, person.household.code);
      names.set(person.household.area.id, person.household.area.name);
    }
    return names;
  });

  protected readonly busy = signal(false);
  protected readonly actionError = signal<{ error: unknown; titleKey: string } | null>(null);
  /** Share of the photo sent, from 0 to 100, while it is sent. */
  protected readonly uploadProgress = signal<number | null>(null);
  protected readonly photoProblem = signal<PhotoProblem | null>(null);
  private upload?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.upload?.unsubscribe());
  }

  protected async edit(person: IndividualRecord): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.actionError.set(null);
    try {
      (await openPersonDialog(this.dialog, this.registry, { person })).subscribe((result) => {
        if (result === 'sentForApproval') this.notifier.sentForApproval();
        else if (result === 'saved') this.changed('registry.household.personSaved', { name: personName(person) });
      });
    } catch (error) {
      this.actionError.set({ error, titleKey: 'registry.household.openFormFailed' });
    } finally {
      this.busy.set(false);
    }
  }

  protected choosePhoto(person: IndividualRecord, input: HTMLInputElement): void {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.photoProblem.set(null);
    if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) {
      this.photoProblem.set({ key: 'registry.individual.photoType' });
      return;
    }
    if (file.size > PHOTO_MAX_BYTES) {
      this.photoProblem.set({ key: 'registry.individual.photoTooLarge', params: { max: PHOTO_MAX_BYTES / 1024 / 1024 } });
      return;
    }
    this.upload?.unsubscribe();
    this.uploadProgress.set(0);
    this.upload = this.registry.uploadPhoto(person.id, file).subscribe({
      next: (event) => {
        if (event.type === 'progress') this.uploadProgress.set(event.total ? Math.round((event.loaded / event.total) * 100) : 0);
        else {
          this.uploadProgress.set(null);
          this.changed('registry.individual.photoSaved', { name: personName(person) });
        }
      },
      error: (error: unknown) => {
        this.uploadProgress.set(null);
        this.photoProblem.set(
          error instanceof FileTransferError && error.serverMessage
            ? { message: error.serverMessage }
            : { key: error instanceof FileTransferError ? error.messageKey : 'core.errors.unknown' },
        );
      },
    });
  }

  private changed(key: string, params: Record<string, unknown>): void {
    this.notifier.notify(key, params);
    this.individual.reload();
    this.historyRefresh.update((n) => n + 1);
  }
}
