import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { AuthService } from '../../auth/auth.service';
import { LanguageService } from '../../i18n/language.service';
import { EnabledModulesService } from '../../modules/enabled-modules.service';
import { openConfirmDialog } from '../../ui/confirm-dialog.component';
import { DateTimePipe } from '../../ui/date-time.pipe';
import { EmptyStateComponent } from '../../ui/empty-state.component';
import { ErrorBannerComponent } from '../../ui/error-banner.component';
import { ColumnChoice } from '../../ui/data-list/column-choice';
import { DataTableComponent } from '../../ui/data-list/data-table.component';
import { NameCodeComponent } from '../../ui/data-list/name-code.component';
import { dataList } from '../../ui/data-list/data-list';
import { RowSelection } from '../../ui/data-list/row-selection';
import { toListPage } from '../../ui/data-list/list-page';
import { ListUrlState } from '../../ui/data-list/list-url-state';
import { SearchFieldComponent } from '../../ui/data-list/search-field.component';
import { ExportButtonComponent } from '../../ui/data-list/export-button.component';
import { ServerExports } from '../../ui/data-list/server-exports.service';
import { ListSort } from '../../ui/data-list/list-sort';
import { SortHeaderComponent } from '../../ui/data-list/sort-header.component';
import type { UserSortField } from '../../data/generated/graphql';
import { Notifier } from '../../ui/notifier.service';
import { AdminUser, AreaOption } from '../data/identity-admin.queries';
import { IdentityAdminService } from '../data/identity-admin.service';
import { openResetPasswordDialog } from './reset-password-dialog.component';
import { openUserDialog } from './user-dialog.component';
import { RoleNamePipe } from '../ui/role-name.pipe';

const PAGE_SIZE = 50;
const USER_SORT_FIELDS: Record<'username' | 'name' | 'created', UserSortField> = { username: 'USERNAME', name: 'DISPLAY_NAME', created: 'CREATED_AT' };
const COLUMNS = new ColumnChoice(
  [
    { key: 'user', label: 'core.admin.users.user', fixed: true },
    { key: 'roles', label: 'core.admin.users.roles' },
    { key: 'areas', label: 'core.admin.users.areas' },
    { key: 'security', label: 'core.admin.users.security' },
    { key: 'status', label: 'core.admin.users.status', compact: true },
    { key: 'actions', label: 'core.admin.actions', fixed: true },
  ],
  'core.users',
);

/** The users of the installation: search, create, edit, and the help-desk actions. */
@Component({
  selector: 'cm-users-page',
  imports: [
    MatTableModule,
    MatButton,
    MatIconButton,
    MatIcon,
    MatMenuModule,
    MatTooltip,
    TranslatePipe,
    RoleNamePipe,
    DateTimePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    DataTableComponent,
    NameCodeComponent,
    SearchFieldComponent,
    ExportButtonComponent,
    SortHeaderComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users.page.html',
  styleUrl: './users.page.scss',
})
export class UsersPage {
  private readonly admin = inject(IdentityAdminService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);
  private readonly notifier = inject(Notifier);
  private readonly modules = inject(EnabledModulesService);
  protected readonly lang = inject(LanguageService).current;

  protected readonly canManage = computed(() => this.auth.can('core.users.manage'));
  protected readonly geoEnabled = computed(() => this.modules.modules().some((m) => m.key === 'geo'));

  /** The search, in the URL: `?q=…&after=…`. */
  protected readonly list = new ListUrlState(['q'] as const);
  /** The server's orders of the list, by column (`?sort=`). */
  protected readonly sort = new ListSort(['username', 'name', 'created'] as const, { key: 'username', direction: 'ASC' });
  /** The list as the server exports it: the same search. */
  protected readonly exporter = inject(ServerExports).exporter<string | null>('core.users', (search) => ({ search }));
  protected readonly actionError = signal<{ error: unknown; titleKey: string } | null>(null);

  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: PAGE_SIZE,
    params: () => ({ search: this.list.value('q'), sort: this.sort.current() }),
    load: async ({ search, sort }, after) => toListPage(await this.admin.users(search, PAGE_SIZE, after, { field: USER_SORT_FIELDS[sort.key], direction: sort.direction })),
    rowTestId: (user: AdminUser) => `user-row-${user.username}`,
    // only those who may change accounts get check boxes and the bulk actions
    selection: this.auth.can('core.users.manage') ? new RowSelection<AdminUser>((user) => user.id) : undefined,
  });
  protected readonly users = this.table.rows;

  /** Names of the areas the users of this page are restricted to. */
  private readonly areas = resource({
    params: () => {
      const ids = [...new Set(this.users().flatMap((user) => user.areaIds ?? []))];
      return ids.length && this.geoEnabled() ? { ids, lang: this.lang() } : undefined;
    },
    loader: ({ params }) => this.admin.areas(params.ids),
  });
  private readonly areaById = computed(() => {
    const areas: readonly AreaOption[] = this.areas.hasValue() ? (this.areas.value() ?? []) : [];
    return new Map(areas.map((area) => [area.id, area]));
  });

  protected areaNames(user: AdminUser): string {
    const byId = this.areaById();
    return (user.areaIds ?? []).map((id) => byId.get(id)?.name ?? '…').join(', ');
  }

  protected isLocked(user: AdminUser): boolean {
    return !!user.lockedUntil && Date.parse(user.lockedUntil) > Date.now();
  }

  protected create(): void {
    openUserDialog(this.dialog, { geoEnabled: this.geoEnabled() }).subscribe((saved) => {
      if (!saved) return;
      this.notifier.notify('core.admin.users.created', { name: saved.displayName });
      this.table.reload();
    });
  }

  protected edit(user: AdminUser): void {
    openUserDialog(this.dialog, { user, geoEnabled: this.geoEnabled() }).subscribe((saved) => {
      if (!saved) return;
      this.notifier.notify('core.admin.users.saved', { name: saved.displayName });
      this.table.reload();
    });
  }

  protected resetPassword(user: AdminUser): void {
    openResetPasswordDialog(this.dialog, user).subscribe((done) => {
      if (done) this.table.reload();
    });
  }

  protected unlock(user: AdminUser): void {
    this.confirmThen(
      { title: 'core.admin.users.unlockTitle', message: 'core.admin.users.unlockMessage', confirm: 'core.admin.users.unlock' },
      user,
      () => this.admin.unlock(user.id),
      'core.admin.users.unlocked',
      'core.admin.users.unlockFailed',
    );
  }

  protected resetTwoFactor(user: AdminUser): void {
    this.confirmThen(
      {
        title: 'core.admin.users.resetTwoFactorTitle',
        message: 'core.admin.users.resetTwoFactorMessage',
        confirm: 'core.admin.users.resetTwoFactor',
      },
      user,
      () => this.admin.resetTwoFactor(user.id),
      'core.admin.users.twoFactorReset',
      'core.admin.users.resetTwoFactorFailed',
      true,
    );
  }

  /** The bulk action: switches the chosen accounts on or off, after a confirmation that says how many. */
  protected setChosenActive(active: boolean): void {
    const selection = this.table.selection;
    if (!selection?.count()) return;
    const count = selection.count();
    const prefix = active ? 'core.admin.users.bulkActivate' : 'core.admin.users.bulkDeactivate';
    openConfirmDialog(this.dialog, {
      title: this.translate.instant(`${prefix}Title`, { count }),
      message: this.translate.instant(`${prefix}Message`, { count }),
      confirmLabel: this.translate.instant(prefix),
      destructive: !active,
    }).subscribe(async (confirmed) => {
      if (!confirmed) return;
      this.actionError.set(null);
      try {
        const result = await this.admin.setActive(selection.ids(), active);
        this.notifier.notify(active ? 'core.admin.users.bulkActivated' : 'core.admin.users.bulkDeactivated', result);
        selection.clear();
        this.table.reload();
      } catch (error) {
        this.actionError.set({ error, titleKey: 'core.admin.users.bulkFailed' });
      }
    });
  }

  private confirmThen(
    keys: { title: string; message: string; confirm: string },
    user: AdminUser,
    action: () => Promise<unknown>,
    doneKey: string,
    failedKey: string,
    destructive = false,
  ): void {
    const params = { name: user.displayName, username: user.username };
    openConfirmDialog(this.dialog, {
      title: this.translate.instant(keys.title, params),
      message: this.translate.instant(keys.message, params),
      confirmLabel: this.translate.instant(keys.confirm),
      destructive,
    }).subscribe(async (confirmed) => {
      if (!confirmed) return;
      this.actionError.set(null);
      try {
        await action();
        this.notifier.notify(doneKey, params);
        this.table.reload();
      } catch (error) {
        this.actionError.set({ error, titleKey: failedKey });
      }
    });
  }
}
