import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatPaginator, PageEvent } from '@angular/material/paginator';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { debounceTime, map } from 'rxjs';
import { AuthService } from '../../auth/auth.service';
import { LanguageService } from '../../i18n/language.service';
import { EnabledModulesService } from '../../modules/enabled-modules.service';
import { openConfirmDialog } from '../../ui/confirm-dialog.component';
import { DateTimePipe } from '../../ui/date-time.pipe';
import { EmptyStateComponent } from '../../ui/empty-state.component';
import { ErrorBannerComponent } from '../../ui/error-banner.component';
import { LoadingIndicatorComponent } from '../../ui/loading-indicator.component';
import { Notifier } from '../../ui/notifier.service';
import { AdminUser, AreaOption } from '../data/identity-admin.queries';
import { IdentityAdminService } from '../data/identity-admin.service';
import { openResetPasswordDialog } from './reset-password-dialog.component';
import { openUserDialog } from './user-dialog.component';
import { RoleNamePipe } from '../ui/role-name.pipe';

const PAGE_SIZES = [25, 50, 100];
const SEARCH_DEBOUNCE_MS = 300;
const ALL_COLUMNS = ['user', 'roles', 'areas', 'security', 'status', 'actions'];
const COMPACT_COLUMNS = ['user', 'status', 'actions'];

/** The users of the installation: search, create, edit, and the help-desk actions. */
@Component({
  selector: 'cm-users-page',
  imports: [
    MatTableModule,
    MatPaginator,
    MatFormFieldModule,
    MatInput,
    MatButton,
    MatIconButton,
    MatIcon,
    MatMenuModule,
    MatProgressBar,
    MatTooltip,
    TranslatePipe,
    RoleNamePipe,
    DateTimePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
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

  protected readonly pageSizes = PAGE_SIZES;
  protected readonly canManage = computed(() => this.auth.can('core.users.manage'));
  protected readonly geoEnabled = computed(() => this.modules.modules().some((m) => m.key === 'geo'));
  protected readonly columns = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 719.98px)')
      .pipe(map((state) => (state.matches ? COMPACT_COLUMNS : ALL_COLUMNS))),
    { initialValue: ALL_COLUMNS },
  );

  protected readonly searchText = signal('');
  private readonly search = signal('');
  protected readonly pageSize = signal(PAGE_SIZES[0]);
  protected readonly pageIndex = signal(0);
  /** `after` cursor of each page seen so far: the API pages forward only. */
  private readonly cursors = signal<readonly (string | null)[]>([null]);
  protected readonly actionError = signal<{ error: unknown; titleKey: string } | null>(null);

  protected readonly page = resource({
    params: () => ({
      search: this.search() || null,
      first: this.pageSize(),
      after: this.cursors()[this.pageIndex()] ?? null,
    }),
    loader: ({ params }) => this.admin.users(params.search, params.first, params.after),
  });
  protected readonly pageData = computed(() => (this.page.hasValue() ? this.page.value() : null));
  protected readonly users = computed(() => this.pageData()?.edges.map((edge) => edge.node) ?? []);

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

  constructor() {
    toObservable(this.searchText)
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), takeUntilDestroyed())
      .subscribe((text) => {
        if (text.trim() === this.search()) return;
        this.search.set(text.trim());
        this.firstPage();
      });
  }

  protected areaNames(user: AdminUser): string {
    const byId = this.areaById();
    return (user.areaIds ?? []).map((id) => byId.get(id)?.name ?? '…').join(', ');
  }

  protected isLocked(user: AdminUser): boolean {
    return !!user.lockedUntil && Date.parse(user.lockedUntil) > Date.now();
  }

  protected changePage(event: PageEvent): void {
    if (event.pageSize !== this.pageSize()) {
      this.pageSize.set(event.pageSize);
      this.firstPage();
      return;
    }
    if (event.pageIndex > this.pageIndex()) {
      const endCursor = this.pageData()?.pageInfo.endCursor ?? null;
      this.cursors.update((cursors) => [...cursors.slice(0, event.pageIndex), endCursor]);
    }
    this.pageIndex.set(event.pageIndex);
  }

  protected clearSearch(): void {
    this.searchText.set('');
  }

  protected create(): void {
    openUserDialog(this.dialog, { geoEnabled: this.geoEnabled() }).subscribe((saved) => {
      if (!saved) return;
      this.notifier.notify('core.admin.users.created', { name: saved.displayName });
      this.page.reload();
    });
  }

  protected edit(user: AdminUser): void {
    openUserDialog(this.dialog, { user, geoEnabled: this.geoEnabled() }).subscribe((saved) => {
      if (!saved) return;
      this.notifier.notify('core.admin.users.saved', { name: saved.displayName });
      this.page.reload();
    });
  }

  protected resetPassword(user: AdminUser): void {
    openResetPasswordDialog(this.dialog, user).subscribe((done) => {
      if (done) this.page.reload();
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
        this.page.reload();
      } catch (error) {
        this.actionError.set({ error, titleKey: failedKey });
      }
    });
  }

  private firstPage(): void {
    this.cursors.set([null]);
    this.pageIndex.set(0);
  }
}
