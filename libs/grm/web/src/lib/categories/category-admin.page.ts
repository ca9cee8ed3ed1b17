import { ChangeDetectionStrategy, Component, inject, resource, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ErrorBannerComponent, LoadingIndicatorComponent } from '@coremis/core-web';
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

const EMPTY: Draft = { code: '', name: '', parentId: '', sensitive: false, resolutionDays: 14, supervisorRole: '' };

/** Categories and sub-categories of this deployment: sensitivity, resolution deadline, supervisor role. */
@Component({
  selector: 'cm-grm-category-admin-page',
  imports: [FormsModule, MatButton, MatCheckbox, MatFormField, MatLabel, MatInput, MatSelect, MatOption, MatTableModule, TranslatePipe, ErrorBannerComponent, LoadingIndicatorComponent],
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
  protected readonly categories = resource({ loader: () => this.service.categories() });
  protected readonly columns = ['code', 'name', 'parent', 'sensitive', 'resolutionDays', 'supervisorRole', 'edit'];
  protected draft: Draft = { ...EMPTY };
  protected readonly error = signal<unknown>(null);
  protected readonly busy = signal(false);

  protected parentName(list: readonly GrmCategory[], id: string | null | undefined): string {
    return list.find((c) => c.id === id)?.name ?? '';
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
      this.categories.reload();
    } catch (error) {
      this.error.set(error);
    } finally {
      this.busy.set(false);
    }
  }
}
