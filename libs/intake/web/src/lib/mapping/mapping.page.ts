import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { ErrorBannerComponent, LoadingIndicatorComponent, Notifier } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import type { FormMappingInput, IntakeConnector, MappingPreview } from '../data/intake.queries';
import { IntakeService } from '../data/intake.service';

/** Registry fields a form path can feed, in the order the editor lists them. */
export const MAPPING_TARGETS = [
  'household.areaCode',
  'household.address',
  'household.registrationDate',
  'household.photo',
  'member.givenName',
  'member.familyName',
  'member.sex',
  'member.relationship',
  'member.birthDate',
  'member.estimatedAge',
  'member.phone',
  'member.documentType',
  'member.documentNumber',
] as const;

/** Targets whose form values are choices translated to registry codes. */
export const CHOICE_TARGETS = ['member.sex', 'member.relationship', 'member.documentType'] as const;

interface Choice {
  target: string;
  value: string;
  code: string;
}

interface StagedPreview {
  household: Record<string, unknown>;
  members: Record<string, unknown>[];
}

/** The mapping of one connector's form: paths to registry fields, the member repeat group, choices to codes, with a preview on the latest submissions. */
@Component({
  selector: 'cm-intake-mapping-page',
  imports: [MatButton, MatIconButton, MatFormFieldModule, MatInput, MatSelectModule, MatIcon, RouterLink, TranslatePipe, ErrorBannerComponent, LoadingIndicatorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './mapping.page.html',
  styleUrl: './mapping.page.scss',
})
export class MappingPage {
  private readonly service = inject(IntakeService);
  private readonly notifier = inject(Notifier);

  readonly id = input.required<string>();
  protected readonly targets = MAPPING_TARGETS;
  protected readonly choiceTargets = CHOICE_TARGETS;
  protected readonly connector = resource({ params: () => ({ id: this.id() }), loader: async ({ params }) => this.load(await this.service.connector(params.id)) });

  protected readonly membersPath = signal('');
  protected readonly paths = signal<Partial<Record<string, string>>>({});
  protected readonly choices = signal<Choice[]>([]);
  protected readonly phoneCountry = signal('');
  protected readonly formPaths = signal<string[]>([]);
  protected readonly repeatPaths = signal<string[]>([]);
  protected readonly preview = signal<MappingPreview | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly version = signal(0);
  protected readonly previewRows = computed(() => (this.preview()?.rows ?? []).map((r) => ({ ...r, staged: r.data as unknown as StagedPreview, problems: r.issues as unknown as { field: string; code: string }[] })));

  private load(connector: IntakeConnector | null): IntakeConnector | null {
    if (!connector) return null;
    const mapping = (connector.mapping ?? {}) as FormMappingInput;
    this.membersPath.set(mapping.membersPath ?? '');
    this.paths.set(Object.fromEntries((mapping.rules ?? []).map((r) => [r.target, r.path])));
    this.choices.set((mapping.choices ?? []).map((c) => ({ ...c })));
    this.phoneCountry.set(mapping.phoneCountry ?? '');
    this.version.set(connector.version);
    return connector;
  }

  protected setPath(target: string, path: string): void {
    this.paths.update((p) => ({ ...p, [target]: path.trim() }));
  }

  protected addChoice(): void {
    this.choices.update((c) => [...c, { target: 'member.relationship', value: '', code: '' }]);
  }

  protected setChoice(index: number, change: Partial<Choice>): void {
    this.choices.update((c) => c.map((choice, i) => (i === index ? { ...choice, ...change } : choice)));
  }

  protected removeChoice(index: number): void {
    this.choices.update((c) => c.filter((_x, i) => i !== index));
  }

  private mapping(): FormMappingInput {
    return {
      membersPath: this.membersPath().trim() || null,
      rules: Object.entries(this.paths()).flatMap(([target, path]) => (path ? [{ target, path }] : [])),
      choices: this.choices().filter((c) => c.value.trim() && c.code.trim()),
      phoneCountry: this.phoneCountry().trim() || null,
    };
  }

  protected async runPreview(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const preview = await this.service.previewMapping(this.id(), this.mapping(), 5);
      this.preview.set(preview);
      this.formPaths.set([...preview.paths]);
      this.repeatPaths.set([...preview.repeatPaths]);
    } catch (error) {
      this.error.set(error);
    } finally {
      this.busy.set(false);
    }
  }

  protected async save(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const saved = await this.service.saveMapping(this.id(), this.version(), this.mapping());
      this.version.set(saved.version);
      this.notifier.notify('intake.mapping.saved');
    } catch (error) {
      this.error.set(error);
    } finally {
      this.busy.set(false);
    }
  }

  protected head(staged: StagedPreview): Record<string, unknown> | undefined {
    return staged.members.find((m) => m['relationship'] === 'HEAD') ?? staged.members[0];
  }
}
