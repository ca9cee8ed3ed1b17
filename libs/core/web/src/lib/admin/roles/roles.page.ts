import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ALL_PERMISSIONS } from '../../auth/auth.service';
import { LanguageService } from '../../i18n/language.service';
import { EmptyStateComponent } from '../../ui/empty-state.component';
import { ErrorBannerComponent } from '../../ui/error-banner.component';
import { ColumnChoice } from '../../ui/data-list/column-choice';
import { dataList } from '../../ui/data-list/data-list';
import { DataTableComponent } from '../../ui/data-list/data-table.component';
import { NameCodeComponent } from '../../ui/data-list/name-code.component';
import { ListPage } from '../../ui/data-list/list-page';
import { ListUrlState } from '../../ui/data-list/list-url-state';
import { SearchFieldComponent } from '../../ui/data-list/search-field.component';
import { Notifier } from '../../ui/notifier.service';
import { PermissionInfo, Role } from '../data/identity-admin.queries';
import { IdentityAdminService } from '../data/identity-admin.service';
import { openRoleDialog } from './role-dialog.component';
import { RoleNamePipe } from '../ui/role-name.pipe';
import { roleDescription, roleName } from '../data/readable';

const SHOWN_PERMISSIONS = 3;
const COLUMNS = new ColumnChoice(
  [
    { key: 'name', label: 'core.admin.roles.role', fixed: true },
    { key: 'permissions', label: 'core.admin.roles.permissions' },
    { key: 'twoFactor', label: 'core.admin.roles.twoFactor', compact: true },
    { key: 'actions', label: 'core.admin.actions', fixed: true },
  ],
  'core.roles',
);

/** The roles and what each one allows. */
@Component({
  selector: 'cm-roles-page',
  imports: [
    MatTableModule,
    MatButton,
    MatIconButton,
    MatIcon,
    MatTooltip,
    TranslatePipe,
    RoleNamePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    DataTableComponent,
    NameCodeComponent,
    SearchFieldComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './roles.page.html',
  styleUrl: './roles.page.scss',
})
export class RolesPage {
  private readonly admin = inject(IdentityAdminService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly language = inject(LanguageService);
  private readonly translate = inject(TranslateService);

  /** The search, in the URL (`?q=…`): the roles are few, they are all read and searched here. */
  protected readonly list = new ListUrlState(['q'] as const);
  protected readonly permissions = resource({
    params: () => ({ lang: this.language.current() }),
    loader: () => this.admin.permissions(),
  });
  protected readonly table = dataList({
    columns: COLUMNS,
    params: () => fold(this.list.value('q') ?? ''),
    load: async (search): Promise<ListPage<Role>> => {
      const rows = (await this.admin.roles()).filter((role) => !search || fold(`${role.name} ${role.code}`).includes(search));
      return { rows, totalCount: rows.length, hasNextPage: false, endCursor: null };
    },
    rowTestId: (role: Role) => `role-row-${role.code}`,
  });
  private readonly labels = computed(() => {
    const list: readonly PermissionInfo[] = this.permissions.hasValue() ? this.permissions.value() : [];
    return new Map(list.map((permission) => [permission.code, permission.label]));
  });

  /** What a built-in role is for, in the interface language (roles made here have no description). */
  protected description(code: string): string | null {
    this.language.current();
    return roleDescription(this.translate, code);
  }

  protected isAll(role: Role): boolean {
    return role.permissions.includes(ALL_PERMISSIONS);
  }

  /** The first few permissions by label; the rest are counted. */
  protected summary(role: Role): { shown: string[]; more: number } {
    const labels = this.labels();
    const names = role.permissions.map((code) => labels.get(code) ?? code);
    return { shown: names.slice(0, SHOWN_PERMISSIONS), more: Math.max(0, names.length - SHOWN_PERMISSIONS) };
  }

  protected create(): void {
    this.open();
  }

  protected edit(role: Role): void {
    this.open(role);
  }

  private open(role?: Role): void {
    const permissions: readonly PermissionInfo[] = this.permissions.hasValue() ? this.permissions.value() : [];
    openRoleDialog(this.dialog, { role, permissions }).subscribe((saved) => {
      if (!saved) return;
      this.notifier.notify('core.admin.roles.saved', { name: roleName(this.translate, saved) });
      this.table.reload();
    });
  }
}

/** Case and accents ignored: "methode" finds "Méthode". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}
