import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import {
  AuthService,
  EmptyStateComponent,
  ErrorBannerComponent,
  LanguageService,
  LoadingIndicatorComponent,
  Notifier,
  openConfirmDialog,
} from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { debounceTime, map } from 'rxjs';
import { AdminArea, AdminAreaFilter } from '../data/admin-area.queries';
import { AdminAreaService } from '../data/admin-area.service';
import { GEO_BASE_PATH, GEO_IMPORT_LINK, geoAreaLink } from '../geo-paths';
import { AdminAreaDialogData, isSentForApproval, openAdminAreaDialog } from './admin-area-dialog.component';

const SEARCH_DEBOUNCE_MS = 300;
const ALL_COLUMNS = ['code', 'name', 'level', 'children', 'status', 'actions'];
const COMPACT_COLUMNS = ['code', 'name', 'children', 'actions'];

/**
 * Browses the administrative geography one level at a time (`/geo` shows the top level,
 * `/geo/area/:id` the direct children of an area) and searches across all levels.
 */
@Component({
  selector: 'cm-geo-browser-page',
  imports: [
    MatTableModule,
    MatFormFieldModule,
    MatInput,
    MatButton,
    MatIconButton,
    MatIcon,
    MatProgressBar,
    MatTooltip,
    RouterLink,
    TranslatePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
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

  /** What the person types, and what is searched once they pause typing. */
  protected readonly searchText = signal('');
  protected readonly search = signal('');

  protected readonly columns = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 599.98px)')
      .pipe(map((state) => (state.matches ? COMPACT_COLUMNS : ALL_COLUMNS))),
    { initialValue: ALL_COLUMNS },
  );

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

  protected readonly page = resource({
    params: () => ({ filter: this.filter(), lang: this.language.current() }),
    loader: ({ params }) => this.areasApi.list(params.filter),
  });

  /** The area being browsed; null at the top level or while it loads. */
  protected readonly current = computed(() => (this.parent.hasValue() ? this.parent.value() : null));
  protected readonly parentMissing = computed(() => !!this.id() && this.parent.status() === 'resolved' && !this.current());
  protected readonly pageData = computed(() => (this.page.hasValue() ? this.page.value() : null));
  protected readonly loadingMore = signal(false);
  /** A failed action (delete, load more), shown above the table until dismissed. */
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

  constructor() {
    toObservable(this.searchText)
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), takeUntilDestroyed())
      .subscribe((text) => this.search.set(text.trim()));
  }

  protected clearSearch(): void {
    this.searchText.set('');
    this.search.set('');
  }

  protected open(area: AdminArea): void {
    if (area.childCount === 0) return;
    this.clearSearch();
    void this.router.navigate(geoAreaLink(area.id));
  }

  protected async loadMore(): Promise<void> {
    const page = this.page.hasValue() ? this.page.value() : null;
    if (!page?.pageInfo.hasNextPage || this.loadingMore()) return;
    this.loadingMore.set(true);
    try {
      const next = await this.areasApi.list(this.filter(), page.pageInfo.endCursor);
      if (!this.page.hasValue() || this.page.value() !== page) return; // the person moved elsewhere meanwhile
      this.page.set({ ...next, areas: [...page.areas, ...next.areas] });
    } catch (error) {
      this.actionError.set({ error, titleKey: 'geo.browser.loadMoreFailed' });
    } finally {
      this.loadingMore.set(false);
    }
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
        this.page.reload();
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
      this.page.reload();
      if (saved.id === this.id()) this.parent.reload();
    });
  }

  private notify(key: string, area: AdminArea): void {
    this.snackBar.open(this.translate.instant(key, { name: area.name }), undefined, { duration: 4000 });
  }
}
