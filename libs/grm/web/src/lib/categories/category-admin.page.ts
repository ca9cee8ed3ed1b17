import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ColumnChoice, DataTableComponent, dataList, EmptyStateComponent, ErrorBannerComponent } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import type { GrmCategory } from '../data/ticket.queries';
import { TicketService } from '../data/ticket.service';

interface Draft {
  id?: string;
  code: string;
  name: string;
  parentId: string;
  sensitive: boolean;
  resolutionDays: number;
  supervisorRole: string;
}

const COLUMNS = new ColumnChoice(
  [
    { key: 'code', label: 'grm.categories.code', fixed: true },
    { key: 'name', label: 'grm.categories.name', fixed: true },
    { key: 'parent', label: 'grm.categories.parent' },
    { key: 'sensitive', label: 'grm.fields.sensitive', compact: true },
    { key: 'resolutionDays', label: 'grm.categories.resolutionDays', compact: true },
    { key: 'supervisorRole', label: 'grm.categories.supervisorRole' },
    { key: 'edit', label: 'grm.categories.edit', fixed: true },
  ],
  'grm.categories',
);

const EMPTY: Draft = { code: '', name: '', parentId: '', sensitive: false, resolutionDays: 14, supervisorRole: '' };

/** Categories and sub-categories of this deployment: sensitivity, resolution deadline, supervisor role. */
@Component({
  selector: 'cm-grm-category-admin-page',
  imports: [FormsModule, MatButton, MatCheckbox, MatFormField, MatLabel, MatInput, MatSelect, MatOption, MatTableModule, TranslatePipe, DataTableComponent, EmptyStateComponent, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './category-admin.page.html',
  styles: `
    :host { display: block; padding: 24px; }
    form { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; margin: 16px 0; }
    .table-wrap { overflow-x: auto; }
  `,
})
export class CategoryAdminPage {
  private readonly service = inject(TicketService);
  /** Every category on one page: a deployment has tens of them, not thousands. */
  protected readonly table = dataList({
    columns: COLUMNS,
    params: () => null,
    load: async () => {
      const rows = await this.service.categories();
      return { rows, totalCount: rows.length, hasNextPage: false, endCursor: null };
    },
    rowTestId: (c: GrmCategory) => `grm-category-${c.code}`,
  });
  protected readonly categories = computed(() => this.table.rows());
  protected draft: Draft = { ...EMPTY };
  protected readonly error = signal<unknown>(null);
  protected readonly busy = signal(false);

  protected parentName(id: string | null | undefined): string {
    return this.categories().find((c) => c.id === id)?.name ?? '';
  }

  protected edit(c: GrmCategory): void {
    this.draft = { id: c.id, code: c.code, name: c.name, parentId: c.parentId ?? '', sensitive: c.sensitive, resolutionDays: c.resolutionDays, supervisorRole: c.supervisorRole ?? '' };
  }

  protected reset(): void {
    this.draft = { ...EMPTY };
  }

  protected async save(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const d = this.draft;
      await this.service.saveCategory({ id: d.id, code: d.code, name: d.name, parentId: d.parentId || undefined, sensitive: d.sensitive, resolutionDays: Number(d.resolutionDays), supervisorRole: d.supervisorRole || undefined });
      this.reset();
      this.table.reload();
    } catch (error) {
      this.error.set(error);
    } finally {
      this.busy.set(false);
    }
  }
}
