import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatDivider } from '@angular/material/divider';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import { AuthService, ContributedTabComponent, contributedTabs, DateTimePipe, EmptyStateComponent, PAGE_TAB_HOSTS, ErrorBannerComponent, LanguageService, latestValue, LoadingIndicatorComponent, Notifier } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { map } from 'rxjs';
import { Household, Membership, Person, RecipientRole } from '../data/registry.queries';
import { RegistryService } from '../data/registry.service';
import { openPersonDialog } from '../individuals/person-dialog.component';
import { AuditHistoryComponent, HistoryLoader } from '../ui/audit-history.component';
import { DWELLING_CODED_FIELDS } from '../ui/dwelling-form';
import { extraFieldsOf } from '../ui/extra-fields';
import { ExtraFieldsViewComponent } from '../ui/extra-fields-view.component';
import { PersonPhotoComponent } from '../ui/person-photo.component';
import { PersonDocumentsComponent } from '../ui/person-documents.component';
import { AgePipe, CodePipe, DayPipe } from '../ui/registry-pipes';
import { individualLink, personName, REGISTRY_BASE_PATH } from '../ui/registry-format';
import { openHouseholdDialog } from './household-dialog.component';
import { openMoveMemberDialog, openRemoveMemberDialog, openSetHeadDialog, RosterResult } from './roster-dialogs.component';

/** Tabs the later modules fill; until then they say what will appear there. */
const LATER_MODULES = [
  { key: 'payments', icon: 'payments' },
  { key: 'grievances', icon: 'support_agent' },
] as const;

const MEMBER_COLUMNS = ['photo', 'name', 'sex', 'age', 'relationship', 'role', 'documents', 'actions'];
const COMPACT_MEMBER_COLUMNS = ['photo', 'name', 'relationship', 'role', 'actions'];
const MEMBERSHIP_COLUMNS = ['who', 'relationship', 'role', 'period', 'endReason'];
const COMPACT_MEMBERSHIP_COLUMNS = ['who', 'relationship', 'period'];

/** A period of membership, with the person's name. */
interface MembershipRow extends Membership {
  readonly name: string | null;
  readonly current: boolean;
}

/**
 * One household: where it is, its dwelling, its members and their roles (with the roster actions),
 * who belonged to it when, and the history of every change; tabs that later modules fill.
 */
@Component({
  selector: 'cm-household-page',
  imports: [
    RouterLink,
    MatTableModule,
    MatTabsModule,
    MatMenuModule,
    MatDivider,
    MatButton,
    MatIconButton,
    MatIcon,
    MatProgressBar,
    TranslatePipe,
    DateTimePipe,
    ContributedTabComponent,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
    AuditHistoryComponent,
    ExtraFieldsViewComponent,
    PersonPhotoComponent,
    AgePipe,
    PersonDocumentsComponent,
    CodePipe,
    DayPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './household.page.html',
  styleUrl: './household.page.scss',
})
export class HouseholdPage {
  /** Route parameter of `/registry/households/:id`. */
  readonly id = input.required<string>();

  private readonly registry = inject(RegistryService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly lang = inject(LanguageService).current;

  protected readonly listLink = REGISTRY_BASE_PATH;
  protected readonly personLink = individualLink;
  protected readonly personName = personName;
  private readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 719.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly memberColumns = computed(() => (this.compact() ? COMPACT_MEMBER_COLUMNS : MEMBER_COLUMNS));
  protected readonly membershipColumns = computed(() => (this.compact() ? COMPACT_MEMBERSHIP_COLUMNS : MEMBERSHIP_COLUMNS));
  /** Tabs other modules add to this page (a Programmes tab from `programs`), while they are enabled. */
  protected readonly contributedTabs = contributedTabs(PAGE_TAB_HOSTS.registryHousehold);
  /** Placeholders of modules still to come; one whose module contributes its tab is not shown twice. */
  protected readonly laterModules = computed(() => LATER_MODULES.filter((module) => !this.contributedTabs().some((tab) => tab.key === module.key)));
  protected readonly dwellingFields = DWELLING_CODED_FIELDS;
  protected readonly canEdit = computed(() => this.auth.can('registry.edit'));

  protected readonly household = resource({
    params: () => ({ id: this.id(), lang: this.lang() }),
    loader: ({ params }) => this.registry.household(params.id),
  });
  protected readonly data = latestValue(this.household, (previous) => previous.id === this.id());
  protected readonly missing = computed(() => this.household.status() === 'resolved' && !this.data());

  private readonly schema = resource({ loader: () => this.registry.fieldSchema('HOUSEHOLD') });
  protected readonly extraFields = computed(() => extraFieldsOf(this.schema.hasValue() ? this.schema.value().schema : null));
  private readonly personSchema = resource({ loader: () => this.registry.fieldSchema('INDIVIDUAL') });
  /** Labels of the extra fields of the household and of its members, for the history. */
  protected readonly extraLabels = computed(() => {
    const people = extraFieldsOf(this.personSchema.hasValue() ? this.personSchema.value().schema : null);
    return new Map([...people, ...this.extraFields()].map((field) => [field.name, field.title ?? field.name]));
  });

  /** Names of the people who left: they are no longer in the roster. */
  private readonly formerMembers = resource({
    params: () => {
      const household = this.data();
      if (!household) return undefined;
      const current = new Set(household.members.map((member) => member.id));
      const ids = [...new Set(household.memberships.map((period) => period.individualId))].filter((id) => !current.has(id));
      return ids.length ? { ids } : undefined;
    },
    loader: ({ params }) => this.registry.names(params.ids),
  });

  /** Names of everyone and everything the history may mention. */
  protected readonly names = computed(() => {
    const names = new Map<string, string>();
    const household = this.data();
    if (!household) return names;
    names.set(household.id, household.code);
    names.set(household.area.id, household.area.name);
    const former = this.formerMembers.hasValue() ? this.formerMembers.value() : undefined;
    for (const [id, person] of former ?? []) names.set(id, personName(person));
    for (const member of household.members) names.set(member.id, personName(member));
    return names;
  });

  protected readonly memberships = computed<MembershipRow[]>(() => {
    const household = this.data();
    if (!household) return [];
    const names = this.names();
    return [...household.memberships]
      .map((period) => ({ ...period, name: names.get(period.individualId) ?? null, current: !period.endedAt }))
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
  });

  protected readonly historyLoader = computed<HistoryLoader>(() => {
    const id = this.id();
    return (after) => this.registry.householdHistory(id, after);
  });
  protected readonly historyRefresh = signal(0);
  protected readonly busy = signal(false);
  protected readonly actionError = signal<{ error: unknown; titleKey: string } | null>(null);

  protected memberKey(member: Person): string {
    return member.externalId ?? member.id;
  }

  protected documentsOf(member: Person): string {
    return member.documents.map((doc) => doc.number).join(', ');
  }

  protected async edit(household: Household): Promise<void> {
    await this.withDialog(async () => (await openHouseholdDialog(this.dialog, this.registry, household)).subscribe((result) => {
      if (!result) return;
      if ('sentForApproval' in result) this.notifier.sentForApproval();
      else this.changed('registry.household.saved', { code: household.code });
    }));
  }

  protected async addMember(household: Household): Promise<void> {
    const hasHead = household.members.some((member) => member.relationship === 'HEAD');
    await this.withDialog(async () =>
      (await openPersonDialog(this.dialog, this.registry, { household: { id: household.id, code: household.code, hasHead } })).subscribe(
        (result) => this.afterRosterChange(result === 'saved' ? 'done' : result, 'registry.household.memberAdded', { code: household.code }),
      ),
    );
  }

  protected async editPerson(member: Person): Promise<void> {
    await this.withDialog(async () =>
      (await openPersonDialog(this.dialog, this.registry, { person: member })).subscribe((result) =>
        this.afterRosterChange(result === 'saved' ? 'done' : result, 'registry.household.personSaved', { name: personName(member) }),
      ),
    );
  }

  protected makeHead(household: Household, member: Person): void {
    openSetHeadDialog(this.dialog, { household, person: member }).subscribe((result) =>
      this.afterRosterChange(result, 'registry.roster.headChanged', { name: personName(member) }),
    );
  }

  protected move(household: Household, member: Person): void {
    openMoveMemberDialog(this.dialog, { household, person: member }).subscribe((result) =>
      this.afterRosterChange(result, 'registry.roster.moved', { name: personName(member) }),
    );
  }

  protected remove(household: Household, member: Person): void {
    openRemoveMemberDialog(this.dialog, { household, person: member }).subscribe((result) =>
      this.afterRosterChange(result, 'registry.roster.removed', { name: personName(member) }),
    );
  }

  protected async setRole(household: Household, member: Person, role: RecipientRole | null): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.actionError.set(null);
    try {
      await this.registry.setRecipient(household.id, member.id, role);
      this.changed(role ? `registry.roster.roleSet.${role}` : 'registry.roster.roleCleared', { name: personName(member) });
    } catch (error) {
      if (!this.notifier.approvalPendingHandled(error)) this.actionError.set({ error, titleKey: 'registry.roster.failed' });
    } finally {
      this.busy.set(false);
    }
  }

  private afterRosterChange(result: RosterResult | undefined, key: string, params: Record<string, unknown>): void {
    if (result === 'sentForApproval') this.notifier.sentForApproval();
    else if (result === 'done') this.changed(key, params);
  }

  private changed(key: string, params: Record<string, unknown>): void {
    this.notifier.notify(key, params);
    this.household.reload();
    this.historyRefresh.update((n) => n + 1);
  }

  /** Opens a dialog that first loads its settings; a failure to load them shows above the page. */
  private async withDialog(open: () => Promise<unknown>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.actionError.set(null);
    try {
      await open();
    } catch (error) {
      this.actionError.set({ error, titleKey: 'registry.household.openFormFailed' });
    } finally {
      this.busy.set(false);
    }
  }
}
