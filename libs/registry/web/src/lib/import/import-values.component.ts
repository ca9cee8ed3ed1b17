import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ErrorBannerComponent } from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { codeLabel } from '../ui/registry-format';
import { CodedSlot, DATE_FORMATS, ENCODINGS, NAME_ORDERS, SEPARATORS } from './import-values.state';
import { ImportFileRole, ImportSeparator } from './registry-import.queries';
import { RegistryImportStore } from './registry-import.store';

/**
 * The part of the mapping step that says how the files are read and how their values become the
 * registry's: separator, encoding and sheet; the full-name rule; date formats; fixed values; and the
 * recoding of every coded column from the values actually found in it, with their counts.
 */
@Component({
  selector: 'cm-import-values',
  imports: [MatFormFieldModule, MatSelectModule, MatInput, MatIcon, MatProgressBar, TranslatePipe, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-values.component.html',
  styleUrl: './registry-import.page.scss',
})
export class ImportValuesComponent {
  protected readonly store = inject(RegistryImportStore);
  protected readonly values = this.store.values;
  private readonly translate = inject(TranslateService);
  protected readonly separators = SEPARATORS;
  protected readonly encodings = ENCODINGS;
  protected readonly dateFormats = DATE_FORMATS;
  protected readonly nameOrders = NAME_ORDERS;

  protected separatorKey(separator: string | null | undefined): string {
    return `registry.import.read.separators.${({ ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' } as Record<string, string>)[separator ?? ','] ?? 'comma'}`;
  }

  protected setSeparator(role: ImportFileRole, separator: ImportSeparator): void {
    void this.store.reread(role, { separator });
  }

  protected setEncoding(role: ImportFileRole, encoding: 'UTF8' | 'WINDOWS1252'): void {
    void this.store.reread(role, { encoding });
  }

  protected setSheet(role: ImportFileRole, sheet: string): void {
    void this.store.reread(role, { sheet });
  }

  /** A code with its label in the interface language (never the raw code alone). */
  protected codeText(coded: CodedSlot | { slot: { field: string }; choices: readonly string[] | null }, code: string): string {
    if (coded.choices === null) return this.translate.instant(`registry.import.values.${code === 'true' ? 'yes' : 'no'}`);
    const list = coded.slot.field.replace(/^extra\.(household\.)?/, '');
    return codeLabel(this.translate, list, code);
  }

  protected choicesOf(coded: CodedSlot): readonly string[] {
    return coded.choices ?? ['true', 'false'];
  }

  protected setCode(coded: CodedSlot, value: string, code: string | null): void {
    this.values.setCode(coded.slot.field, value, code);
    this.store.valuesChanged();
  }

  protected number(value: number): string {
    return this.store.decimal(value);
  }

  protected change(apply: () => void): void {
    apply();
    this.store.valuesChanged();
  }
}
