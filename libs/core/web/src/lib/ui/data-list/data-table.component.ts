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
import { CursorPagerComponent } from './cursor-pager.component';
import { DataListView } from './data-list';

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
  /** The list: its page of rows, columns, URL state, row test ids and labels, selection. */
  readonly list = input.required<DataListView<T>>();
  readonly testId = input.required<string>();
  /** Whether a row shows its detail (with a projected `cmRowDetail` template). */
  readonly expanded = input<(row: T) => boolean>(() => false);
  readonly rowOpen = output<T>();

  @ContentChildren(MatColumnDef) private readonly columnDefs!: QueryList<MatColumnDef>;
  @ViewChild(MatTable, { static: true }) private readonly table!: MatTable<T>;
  @ContentChild(RowDetailDirective) protected readonly detail?: RowDetailDirective;
  protected readonly hasDetail = () => !!this.detail;

  private readonly compact = toSignal(inject(BreakpointObserver).observe('(max-width: 719.98px)'), { initialValue: null });
  protected readonly rows = computed(() => this.list().rows());
  protected readonly displayed = computed(() => {
    const columns = this.list().columns.visible(!!this.compact()?.matches);
    return this.list().selection ? [SELECT_COLUMN, ...columns] : columns;
  });
  protected readonly pagerTestId = computed(() => `${this.testId().replace(/-table$/, '')}-pager`);
  protected readonly pageState = computed(() => this.list().selection?.pageState(this.rows()) ?? 'none');

  ngAfterContentInit(): void {
    this.columnDefs.forEach((def) => this.table.addColumnDef(def));
  }

  protected label(row: T): string | null {
    return this.list().rowLabel?.(row) ?? null;
  }

  protected open(row: T, event: Event): void {
    if (this.label(row) === null) return;
    const target = event.target as HTMLElement | null;
    // links, buttons and check boxes in a row do their own thing
    if (target?.closest('a, button, mat-checkbox, input')) return;
    this.rowOpen.emit(row);
  }

}
