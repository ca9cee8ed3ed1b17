import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import {
  AuthService,
  ColumnChoice,
  DataTableComponent,
  EmptyStateComponent,
  ErrorBannerComponent,
  LanguageService,
  dataList,
  ListPage,
  ListUrlState,
  Notifier,
  openConfirmDialog,
  SearchFieldComponent,
} from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { AdminArea, AdminAreaFilter } from '../data/admin-area.queries';
import { ADMIN_AREA_PAGE_SIZE, AdminAreaService } from '../data/admin-area.service';
import { GEO_BASE_PATH, GEO_IMPORT_LINK, geoAreaLink } from '../geo-paths';
import { AdminAreaDialogData, isSentForApproval, openAdminAreaDialog } from './admin-area-dialog.component';

const COLUMNS = new ColumnChoice(
  [
    { key: 'code', label: 'geo.area.code', fixed: true },
    { key: 'name', label: 'geo.area.name', fixed: true },
    { key: 'level', label: 'geo.area.level' },
    { key: 'children', label: 'geo.area.children', compact: true },
    { key: 'status', label: 'geo.area.status' },
    { key: 'actions', label: 'geo.area.actions', fixed: true },
  ],
  'geo.areas',
);

/**
 * Browses the administrative geography one level at a time (`/geo` shows the top level,
 * `/geo/area/:id` the direct children of an area) and searches across all levels.
 */
@Component({
  selector: 'cm-geo-browser-page',
  imports: [
    MatTableModule,
    MatButton,
    MatIconButton,
    MatIcon,
    MatTooltip,
    RouterLink,
    TranslatePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    DataTableComponent,
    SearchFieldComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './geo-browser.page.html',
  styleUrl: './geo-browser.page.scss',
})
export class GeoBrowserPage {
  /** Route parameter of `/geo/area/:id`: the area whose children are listed. */
  readonly id = input<string>();

  private readonly areasApi = inject(AdminAreaService);
  private readonly language = inject(LanguageService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly translate = inject(TranslateService);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly auth = inject(AuthService);

  /** What the signed-in person may do here. */
  protected readonly canManage = computed(() => this.auth.can('geo.areas.manage'));
  protected readonly canImport = computed(() => this.auth.can('geo.areas.import'));

  protected readonly rootLink = GEO_BASE_PATH;
  protected readonly importLink = GEO_IMPORT_LINK;
  protected readonly areaLink = geoAreaLink;

  /** The search across all levels, in the URL: `?q=…&after=…`. */
  protected readonly list = new ListUrlState(['q'] as const);
  protected readonly search = computed(() => this.list.value('q') ?? '');

  protected readonly parent = resource({
    params: () => {
      const id = this.id();
      return id ? { id, lang: this.language.current() } : undefined;
    },
    loader: ({ params }) => this.areasApi.get(params.id),
  });

  protected readonly levels = resource({
    params: () => ({ lang: this.language.current() }),
    loader: () => this.areasApi.levels(),
  });

  private readonly filter = computed<AdminAreaFilter>(() => {
    const search = this.search();
    const parentId = this.id();
    if (search) return { search };
    return parentId ? { parentId } : { rootsOnly: true };
  });

  protected readonly table = dataList({
    columns: COLUMNS,
    state: this.list,
    pageSize: ADMIN_AREA_PAGE_SIZE,
    params: () => ({ filter: this.filter(), lang: this.language.current() }),
    load: async ({ filter }, after): Promise<ListPage<AdminArea>> => {
      const page = await this.areasApi.list(filter, after);
      return { rows: page.areas, totalCount: page.totalCount, hasNextPage: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor };
    },
    rowTestId: (area: AdminArea) => `geo-row-${area.code}`,
    rowLabel: (area) => (area.childCount > 0 ? this.translate.instant('geo.browser.openArea', { name: area.name }) : null),
  });

  /** The area being browsed; null at the top level or while it loads. */
  protected readonly current = computed(() => (this.parent.hasValue() ? this.parent.value() : null));
  protected readonly parentMissing = computed(() => !!this.id() && this.parent.status() === 'resolved' && !this.current());
  /** A failed action (delete), shown above the table until dismissed. */
  protected readonly actionError = signal<{ error: unknown; titleKey: string } | null>(null);

  /** Levels an area created here may have: deeper than the area being browsed. */
  protected readonly childLevels = computed(() => {
    const levels = this.levels.hasValue() ? this.levels.value() : [];
    const parentDepth = this.current()?.level.depth ?? -1;
    return levels.filter((level) => level.depth > parentDepth);
  });
  protected readonly canCreate = computed(
    () => this.canManage() && (!this.id() || !!this.current()) && this.childLevels().length > 0,
  );

  protected open(area: AdminArea): void {
    if (area.childCount === 0) return;
    void this.router.navigate(geoAreaLink(area.id));
  }

  protected create(): void {
    this.openDialog({ parent: this.current(), levels: this.childLevels() });
  }

  protected edit(area: AdminArea): void {
    this.openDialog({ parent: null, area, levels: this.levels.hasValue() ? this.levels.value() : [area.level] });
  }

  protected delete(area: AdminArea): void {
    openConfirmDialog(this.dialog, {
      title: this.translate.instant('geo.delete.title'),
      message: this.translate.instant('geo.delete.message', { name: area.name, code: area.code }),
      confirmLabel: this.translate.instant('geo.actions.delete'),
      destructive: true,
    }).subscribe(async (confirmed) => {
      if (!confirmed) return;
      this.actionError.set(null);
      try {
        await this.areasApi.delete(area.id);
        this.notify('geo.delete.done', area);
        this.table.reload();
      } catch (error) {
        if (this.notifier.approvalPendingHandled(error)) return;
        this.actionError.set({ error, titleKey: 'geo.delete.failed' });
      }
    });
  }

  private openDialog(data: AdminAreaDialogData): void {
    this.actionError.set(null);
    openAdminAreaDialog(this.dialog, data).subscribe((saved) => {
      if (!saved) return;
      if (isSentForApproval(saved)) {
        this.notifier.sentForApproval();
        return;
      }
      this.notify('geo.form.saved', saved);
      this.table.reload();
      if (saved.id === this.id()) this.parent.reload();
    });
  }

  private notify(key: string, area: AdminArea): void {
    this.snackBar.open(this.translate.instant(key, { name: area.name }), undefined, { duration: 4000 });
  }
}
