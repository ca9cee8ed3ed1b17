import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormArray, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators, type FormControl } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatTooltip } from '@angular/material/tooltip';
import { approvalPending, ErrorBannerComponent, FormSubmission, LoadingIndicatorComponent, Notifier, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { AdminLevelSetting } from '../data/admin-level.queries';
import { AdminAreaService } from '../data/admin-area.service';

/** Same rules as the API (SetAdminLevelsInput). */
export const MAX_LEVELS = 6;
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

type LevelForm = FormGroup<{ code: FormControl<string>; nameEn: FormControl<string>; nameFr: FormControl<string>; namePt: FormControl<string> }>;

/**
 * The deployment names its levels (Burundi: province, commune, colline) in every language and sets the
 * depth of its hierarchy. A level that has areas stays (the API refuses otherwise); renaming is always safe.
 */
@Component({
  selector: 'cm-admin-levels-page',
  imports: [ReactiveFormsModule, MatCardModule, MatFormFieldModule, MatInput, MatButton, MatIconButton, MatIcon, MatTooltip, TranslatePipe, ErrorBannerComponent, LoadingIndicatorComponent, ValidationMessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './admin-levels.page.html',
  styleUrl: './admin-levels.page.scss',
})
export class AdminLevelsPage implements OnInit {
  private readonly areasApi = inject(AdminAreaService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly notifier = inject(Notifier);

  protected readonly maxLevels = MAX_LEVELS;
  protected readonly codeMessages = { pattern: 'geo.form.codePattern' };
  protected readonly loading = signal(true);
  protected readonly loadError = signal<unknown>(null);
  /** Areas at each depth, as last read: a level with areas cannot be removed. */
  protected readonly areaCounts = signal<readonly number[]>([]);
  protected readonly form = this.fb.group({ levels: this.fb.array<LevelForm>([]) });
  private readonly submission = new FormSubmission(this.form, { fixFieldsKey: 'geo.form.fixFields', handled: (error) => this.sentForApproval(error) });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  protected readonly errorMessageKey = this.submission.errorMessageKey;

  protected get levels(): FormArray<LevelForm> {
    return this.form.controls.levels;
  }

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  protected addLevel(): void {
    if (this.levels.length < MAX_LEVELS) this.levels.push(this.levelForm());
  }

  protected removeLast(): void {
    if (this.canRemoveLast()) this.levels.removeAt(this.levels.length - 1);
  }

  protected areaCount(depth: number): number {
    return this.areaCounts().at(depth) ?? 0;
  }

  protected canRemoveLast(): boolean {
    return this.levels.length > 1 && !this.areaCount(this.levels.length - 1);
  }

  protected async save(): Promise<void> {
    const levels = this.levels.getRawValue().map((l) => ({ code: l.code.trim(), nameEn: l.nameEn.trim(), nameFr: l.nameFr.trim() || null, namePt: l.namePt.trim() || null }));
    const saved = await this.submission.run(() => this.areasApi.setLevels(levels));
    if (!saved) return;
    this.show(saved);
    this.notifier.notify('geo.levels.saved', { count: saved.length });
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.show(await this.areasApi.levelSettings());
    } catch (error) {
      this.loadError.set(error);
    } finally {
      this.loading.set(false);
    }
  }

  private show(levels: readonly AdminLevelSetting[]): void {
    this.levels.clear();
    for (const level of levels) this.levels.push(this.levelForm(level));
    if (!levels.length) this.levels.push(this.levelForm());
    this.areaCounts.set(levels.map((l) => l.areaCount));
    this.form.markAsPristine();
  }

  private levelForm(level?: AdminLevelSetting): LevelForm {
    return this.fb.group({
      code: [level?.code ?? '', [Validators.required, Validators.maxLength(50), Validators.pattern(CODE_PATTERN)]],
      nameEn: [level?.nameEn ?? '', [Validators.required, Validators.maxLength(200)]],
      nameFr: [level?.nameFr ?? '', Validators.maxLength(200)],
      namePt: [level?.namePt ?? '', Validators.maxLength(200)],
    });
  }

  private sentForApproval(error: unknown): boolean {
    if (!approvalPending(error)) return false;
    this.notifier.notify('geo.levels.sentForApproval');
    return true;
  }
}
