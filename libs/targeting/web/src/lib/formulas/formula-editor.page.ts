import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { ErrorBannerComponent } from '@coremis/core-web';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { CriteriaGroupInput, FormulaKind, FormulaPreview, FormulaValidation, ProgramFormula } from '../data/formula.queries';
import { FormulaService } from '../data/formula.service';
import { CriteriaBuilderComponent } from './criteria-builder.component';

const VALIDATE_DELAY_MS = 300;

/** Formula editor: validation as the user types (with the position of each problem), variables, preview and save. */
@Component({
  selector: 'cm-targeting-formula-editor-page',
  imports: [CriteriaBuilderComponent, MatButton, MatButtonToggleGroup, MatButtonToggle, MatFormField, MatLabel, MatInput, MatSelect, MatOption, TranslatePipe, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './formula-editor.page.html',
  styleUrl: './formula-editor.page.scss',
})
export class FormulaEditorPage {
  private readonly service = inject(FormulaService);
  private readonly translate = inject(TranslateService);
  private timer: ReturnType<typeof setTimeout> | null = null;

  protected readonly kinds: FormulaKind[] = ['SCORE', 'CRITERIA'];
  protected readonly programs = resource({ loader: () => this.service.programs() });
  protected readonly variables = resource({ loader: () => this.service.variables() });
  protected readonly programId = signal<string | null>(null);
  protected readonly kind = signal<FormulaKind>('SCORE');
  protected readonly source = signal('');
  protected readonly code = signal('');
  protected readonly name = signal('');
  protected readonly validation = signal<FormulaValidation | null>(null);
  protected readonly preview = signal<FormulaPreview | null>(null);
  protected readonly error = signal<unknown>(null);
  protected readonly saved = signal<number | null>(null);
  /** The programme's formulas; the one open (null: a new formula). */
  protected readonly formulas = signal<readonly ProgramFormula[]>([]);
  protected readonly opened = signal<ProgramFormula | null>(null);
  /** The builder groups a saved criteria formula reopens with. */
  protected readonly initialCriteria = signal<CriteriaGroupInput[] | null>(null);
  /** What the builder last wrote: kept with the formula while the text is still exactly that. */
  private built: { groups: CriteriaGroupInput[]; source: string } | null = null;
  protected readonly maxBar = computed(() => Math.max(1, ...(this.preview()?.histogram.map((b) => b.count) ?? [])));
  protected readonly canRun = computed(() => !!this.programId() && this.validation()?.valid === true);

  protected programName(p: { code: string; name: { en: string; fr?: string | null; pt?: string | null } }): string {
    const lang = this.translate.getCurrentLang() as 'en' | 'fr' | 'pt';
    return `${p.code} · ${p.name[lang] ?? p.name.en}`;
  }

  protected edit(text: string): void {
    this.source.set(text);
    this.saved.set(null);
    this.schedule();
  }

  protected async chooseProgram(id: string): Promise<void> {
    this.programId.set(id);
    this.open(null);
    this.schedule();
    try {
      this.formulas.set(await this.service.ofProgram(id));
    } catch (error) {
      this.error.set(error);
    }
  }

  /** Opens a saved formula (its next save is a new version), or starts a new one. */
  protected open(formula: ProgramFormula | null): void {
    this.opened.set(formula);
    this.built = null;
    this.preview.set(null);
    this.validation.set(null);
    this.saved.set(null);
    this.kind.set(formula?.kind ?? this.kind());
    this.code.set(formula?.code ?? '');
    this.name.set(formula?.name ?? '');
    this.initialCriteria.set(formula?.kind === 'CRITERIA' && Array.isArray(formula.criteria) ? (formula.criteria as CriteriaGroupInput[]) : null);
    this.source.set(formula?.source ?? '');
    if (formula) this.schedule();
  }

  protected openById(id: string | null): void {
    this.open(this.formulas().find((f) => f.id === id) ?? null);
  }

  protected keepBuilt(change: { groups: CriteriaGroupInput[]; source: string }): void {
    this.built = change;
  }

  protected setKind(kind: FormulaKind): void {
    this.kind.set(kind);
    this.preview.set(null);
    this.schedule();
  }

  protected insert(name: string): void {
    this.edit(this.source() ? `${this.source()} ${name}` : name);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.validate(), VALIDATE_DELAY_MS);
  }

  private async validate(): Promise<void> {
    const text = this.source();
    if (!text.trim()) return this.validation.set(null);
    try {
      // with the programme, the editor also knows its per-area coefficients (coef.<name>)
      const result = await this.service.validate(text, this.kind(), this.programId());
      if (text !== this.source()) return;
      this.validation.set(result);
      // criteria count live: each valid change is previewed on the programme's households
      if (result.valid && this.kind() === 'CRITERIA' && this.programId()) await this.runPreview();
    } catch (error) {
      this.error.set(error);
    }
  }

  protected async runPreview(): Promise<void> {
    const programId = this.programId();
    if (!programId) return;
    this.error.set(null);
    try {
      this.preview.set(await this.service.preview(programId, this.source(), this.kind()));
    } catch (error) {
      this.error.set(error);
    }
  }

  protected async save(): Promise<void> {
    const programId = this.programId();
    if (!programId) return;
    this.error.set(null);
    try {
      const opened = this.opened();
      const criteria = this.kind() === 'CRITERIA' && this.built?.source === this.source() ? this.built.groups : null;
      const formula = await this.service.save({
        id: opened?.id ?? null,
        version: opened?.version ?? null,
        programId,
        code: this.code().trim(),
        name: this.name().trim(),
        source: this.source(),
        kind: this.kind(),
        criteria,
      });
      this.saved.set(formula.currentVersion);
      // the saved formula stays open: the next save is its next version
      this.formulas.set(await this.service.ofProgram(programId));
      this.opened.set(this.formulas().find((f) => f.id === formula.id) ?? null);
    } catch (error) {
      this.error.set(error);
    }
  }
}
