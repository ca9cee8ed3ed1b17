import { computed, Signal, signal, WritableSignal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { Notifier, openConfirmDialog } from '@coremis/core-web';
import { TranslateService } from '@ngx-translate/core';
import { assignmentsOf, mappingOf, MappingSlot } from './import-mapping';
import { ImportValuesState } from './import-values.state';
import { ImportFilePreview, ImportFileRole, ImportLayout, ImportTemplate } from './registry-import.queries';
import { RegistryImportService } from './registry-import.service';

interface Dependencies {
  readonly api: RegistryImportService;
  readonly translate: TranslateService;
  readonly dialog: MatDialog;
  readonly notifier: Notifier;
  readonly templates: { hasValue(): boolean; value: Signal<ImportTemplate[] | undefined>; reload(): boolean };
  readonly layout: Signal<ImportLayout>;
  readonly roles: Signal<ImportFileRole[]>;
  readonly previews: Signal<Partial<Record<ImportFileRole, ImportFilePreview>>>;
  readonly assigned: WritableSignal<Record<string, string>>;
  readonly slots: Signal<MappingSlot[]>;
  readonly values: ImportValuesState;
  /** Reads a file again with the reading options now in `values`. */
  reread(role: ImportFileRole): Promise<void>;
  /** The mapping changed: an earlier check no longer holds. */
  changed(): void;
}

/**
 * Saved mappings of the import wizard: the columns of each field with the reading options and value
 * transforms, applied to a new file in one step, saved under a name, deleted.
 */
export class ImportTemplatesState {
  readonly layoutTemplates = computed(() => (this.deps.templates.hasValue() ? (this.deps.templates.value() ?? []) : []).filter((t) => t.layout === this.deps.layout()));
  readonly selectedTemplateId = signal<string | null>(null);
  readonly templateName = signal('');
  readonly templateNotice = signal<string | null>(null);
  readonly templateError = signal<unknown>(null);
  readonly savingTemplate = signal(false);

  constructor(private readonly deps: Dependencies) {}

  async applyTemplate(id: string | null): Promise<void> {
    this.selectedTemplateId.set(id);
    this.templateError.set(null);
    const template = this.layoutTemplates().find((t) => t.id === id);
    if (!template) return;
    // the template's reading options first: the columns it names are those of the file read that way
    const before = JSON.stringify(this.deps.values.read());
    this.deps.values.restore(template.mapping?.options);
    if (JSON.stringify(this.deps.values.read()) !== before) {
      for (const role of this.deps.roles()) await this.deps.reread(role);
    }
    const assigned = assignmentsOf(template.mapping ?? { members: {} });
    // a template made for another file may name columns this one does not have
    const missing: string[] = [];
    for (const [key, column] of Object.entries(assigned)) {
      const role = key.split(':')[0] as ImportFileRole;
      if (!this.deps.previews()[role]?.headers.includes(column)) {
        missing.push(column);
        delete assigned[key];
      }
    }
    this.deps.assigned.set(assigned);
    this.templateName.set(template.name);
    this.templateNotice.set(
      missing.length
        ? this.deps.translate.instant('registry.import.templates.appliedMissing', { name: template.name, columns: missing.join(', ') })
        : this.deps.translate.instant('registry.import.templates.applied', { name: template.name }),
    );
    this.deps.changed();
  }

  async saveTemplate(): Promise<void> {
    const name = this.templateName().trim();
    if (!name || this.savingTemplate()) return;
    this.savingTemplate.set(true);
    this.templateError.set(null);
    try {
      const saved = await this.deps.api.saveTemplate(name, this.deps.layout(), { ...mappingOf(this.deps.layout(), this.deps.slots(), this.deps.assigned()), options: this.deps.values.options() });
      this.deps.templates.reload();
      this.selectedTemplateId.set(saved.id);
      this.templateNotice.set(this.deps.translate.instant('registry.import.templates.saved', { name: saved.name }));
    } catch (error) {
      if (!this.deps.notifier.approvalPendingHandled(error)) this.templateError.set(error);
    } finally {
      this.savingTemplate.set(false);
    }
  }

  deleteTemplate(template: ImportTemplate): void {
    openConfirmDialog(this.deps.dialog, {
      title: this.deps.translate.instant('registry.import.templates.deleteTitle'),
      message: this.deps.translate.instant('registry.import.templates.deleteMessage', { name: template.name }),
      confirmLabel: this.deps.translate.instant('registry.import.templates.delete'),
      destructive: true,
    }).subscribe(async (confirmed) => {
      if (!confirmed) return;
      this.templateError.set(null);
      try {
        await this.deps.api.deleteTemplate(template.id);
        if (this.selectedTemplateId() === template.id) this.selectedTemplateId.set(null);
        this.templateNotice.set(this.deps.translate.instant('registry.import.templates.deleted', { name: template.name }));
        this.deps.templates.reload();
      } catch (error) {
        if (!this.deps.notifier.approvalPendingHandled(error)) this.templateError.set(error);
      }
    });
  }

  selectedTemplate(): ImportTemplate | null {
    return this.layoutTemplates().find((t) => t.id === this.selectedTemplateId()) ?? null;
  }
}
