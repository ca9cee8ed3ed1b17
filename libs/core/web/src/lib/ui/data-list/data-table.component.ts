import { BreakpointObserver } from '@angular/cdk/layout';
import {
  AfterContentInit,
  ChangeDetectionStrategy,
  Component,
  computed,
  ContentChild,
  ContentChildren,
  Directive,
  inject,
  input,
  output,
  QueryList,
  TemplateRef,
  ViewChild,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatIcon } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatColumnDef, MatTable, MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorBannerComponent } from '../error-banner.component';
import { LoadingIndicatorComponent } from '../loading-indicator.component';
import { ColumnChoice } from './column-choice';
import { CursorPagerComponent } from './cursor-pager.component';
import { ListPage } from './list-page';
import { ListUrlState } from './list-url-state';
import { RowSelection } from './row-selection';

const SELECT_COLUMN = 'select';

/**
 * The detail of a row, shown under it while it is expanded:
 * `<ng-template cmRowDetail let-entry>…</ng-template>` inside `cm-data-table`.
 */
@Directive({ selector: 'ng-template[cmRowDetail]' })
export class RowDetailDirective {
  readonly template = inject(TemplateRef);
}

/**
 * The table of a list page, on the kit: the page's `matColumnDef`s projected into one Material table,
 * with the column menu, loading bar, first-load spinner, error banner, empty state (the projected
 * `cm-empty-state`), row selection for bulk actions (the projected `[bulkActions]`, shown while rows
 * are chosen), tools (the projected `[listTools]`, such as the export button) and the cursor pager
 * bound to the list's URL state.
 */
@Component({
  selector: 'cm-data-table',
  imports: [
    NgTemplateOutlet,
    MatTableModule,
    MatCheckbox,
    MatMenuModule,
    MatButton,
    MatIconButton,
    MatIcon,
    MatProgressBar,
    MatTooltip,
    TranslatePipe,
    CursorPagerComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './data-table.component.html',
  styleUrl: './data-table.component.scss',
})
export class DataTableComponent<T> implements AfterContentInit {
  /** The page shown; null while the first one loads. */
  readonly page = input.required<ListPage<T> | null | undefined>();
  readonly columns = input.required<ColumnChoice>();
  readonly state = input<ListUrlState<string> | null>(null);
  readonly pageSize = input(50);
  readonly loading = input(false);
  readonly error = input<unknown>(null);
  readonly selection = input<RowSelection<T> | null>(null);
  readonly testId = input.required<string>();
  /** `data-testid` of a row. */
  readonly rowTestId = input<(row: T) => string>(() => '');
  /** What a screen reader says of a row that opens; null when the row does not open. */
  readonly rowLabel = input<((row: T) => string | null) | null>(null);
  /** Whether a row shows its detail (with a projected `cmRowDetail` template). */
  readonly expanded = input<(row: T) => boolean>(() => false);
  readonly rowOpen = output<T>();
  readonly retry = output<void>();

  @ContentChildren(MatColumnDef) private readonly columnDefs!: QueryList<MatColumnDef>;
  @ViewChild(MatTable, { static: true }) private readonly table!: MatTable<T>;
  @ContentChild(RowDetailDirective) protected readonly detail?: RowDetailDirective;
  protected readonly hasDetail = () => !!this.detail;

  private readonly compact = toSignal(inject(BreakpointObserver).observe('(max-width: 719.98px)'), { initialValue: null });
  protected readonly rows = computed(() => this.page()?.rows ?? []);
  protected readonly displayed = computed(() => {
    const columns = this.columns().visible(!!this.compact()?.matches);
    return this.selection() ? [SELECT_COLUMN, ...columns] : columns;
  });
  protected readonly pagerTestId = computed(() => `${this.testId().replace(/-table$/, '')}-pager`);
  protected readonly pageState = computed(() => this.selection()?.pageState(this.rows()) ?? 'none');

  ngAfterContentInit(): void {
    this.columnDefs.forEach((def) => this.table.addColumnDef(def));
  }

  protected label(row: T): string | null {
    return this.rowLabel()?.(row) ?? null;
  }

  protected open(row: T, event: Event): void {
    if (this.label(row) === null) return;
    const target = event.target as HTMLElement | null;
    // links, buttons and check boxes in a row do their own thing
    if (target?.closest('a, button, mat-checkbox, input')) return;
    this.rowOpen.emit(row);
  }

  protected next(): void {
    this.state()?.next(this.page()?.endCursor);
  }

  protected previous(): void {
    this.state()?.previous();
  }
}
