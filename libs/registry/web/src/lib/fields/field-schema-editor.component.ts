import { ChangeDetectionStrategy, Component, computed, effect, inject, input, resource, signal, untracked } from '@angular/core';
import { AbstractControl, FormArray, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltip } from '@angular/material/tooltip';
import {
  EmptyStateComponent,
  ErrorBannerComponent,
  LoadingIndicatorComponent,
  NoticeBannerComponent,
  Notifier,
  toUserError,
  ValidationMessagePipe,
} from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { ExtraEntity, FieldSchema } from '../data/registry.queries';
import { RegistryService } from '../data/registry.service';
import { EXTRA_FIELD_TYPES, EXTRA_NAME_PATTERN, ExtraFieldDef, extraFieldsOf, ExtraFieldType, isSimpleSchema, schemaOf } from '../ui/extra-fields';

type PropertyGroup = FormGroup<{
  name: FormControl<string>;
  title: FormControl<string>;
  type: FormControl<ExtraFieldType>;
  required: FormControl<boolean>;
  allowed: FormControl<string>;
}>;

/** Every property has its own name. */
function uniqueNames(control: AbstractControl): ValidationErrors | null {
  const names = (control as FormArray<PropertyGroup>).controls.map((row) => row.controls.name.value.trim()).filter(Boolean);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  return repeated ? { repeatedName: { name: repeated } } : null;
}

/** Allowed values must be numbers for number fields, whole numbers for integer fields. */
function allowedValues(group: AbstractControl): ValidationErrors | null {
  const { type, allowed } = (group as PropertyGroup).getRawValue();
  if (type === 'boolean' && allowed.trim()) return { noChoicesForBoolean: true };
  if (type !== 'number' && type !== 'integer') return null;
  const wrong = splitValues(allowed).find((value) => !Number.isFinite(Number(value)) || (type === 'integer' && !Number.isInteger(Number(value))));
  return wrong ? { notANumber: { value: wrong } } : null;
}

function splitValues(text: string): string[] {
  return text
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
}

function propertyGroup(field?: ExtraFieldDef): PropertyGroup {
  return new FormGroup(
    {
      name: new FormControl(field?.name ?? '', {
        nonNullable: true,
        validators: [Validators.required, Validators.maxLength(60), Validators.pattern(EXTRA_NAME_PATTERN)],
      }),
      title: new FormControl(field?.title ?? '', { nonNullable: true, validators: Validators.maxLength(100) }),
      type: new FormControl<ExtraFieldType>(field?.type ?? 'string', { nonNullable: true }),
      required: new FormControl(field?.required ?? false, { nonNullable: true }),
      allowed: new FormControl((field?.allowed ?? []).join(', '), { nonNullable: true }),
    },
    { validators: allowedValues },
  );
}

function fieldOf(row: PropertyGroup): ExtraFieldDef {
  const value = row.getRawValue();
  const allowed = value.type === 'boolean' ? [] : splitValues(value.allowed);
  return {
    name: value.name.trim(),
    title: value.title.trim() || null,
    type: value.type,
    required: value.required,
    allowed: value.type === 'number' || value.type === 'integer' ? allowed.map(Number) : allowed,
  };
}

function pretty(schema: unknown): string {
  return JSON.stringify(schema, null, 2);
}

/** A JSON object, or why the text is not one. */
function parseObject(text: string): { schema: Record<string, unknown> } | { problem: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'registry.schema.notAnObject' };
    return { schema: value as Record<string, unknown> };
  } catch {
    return { problem: 'registry.schema.invalidJson' };
  }
}

function jsonObject(control: AbstractControl<string>): ValidationErrors | null {
  const parsed = parseObject(control.value ?? '');
  return 'problem' in parsed ? { json: parsed.problem } : null;
}

/**
 * The extra fields of households or of individuals: a simple list (name, label, type, required,
 * allowed values) that writes the JSON Schema, or the JSON Schema itself for what the list cannot say.
 */
@Component({
  selector: 'cm-field-schema-editor',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatIconButton,
    MatButtonToggleModule,
    MatCheckbox,
    MatFormFieldModule,
    MatIcon,
    MatInput,
    MatSelectModule,
    MatTooltip,
    TranslatePipe,
    EmptyStateComponent,
    ErrorBannerComponent,
    LoadingIndicatorComponent,
    NoticeBannerComponent,
    ValidationMessagePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './field-schema-editor.component.html',
  styleUrl: './field-schema-editor.component.scss',
})
export class FieldSchemaEditorComponent {
  readonly entity = input.required<ExtraEntity>();

  private readonly registry = inject(RegistryService);
  private readonly notifier = inject(Notifier);

  protected readonly types = EXTRA_FIELD_TYPES;
  protected readonly stored = resource({
    params: () => ({ entity: this.entity() }),
    loader: ({ params }) => this.registry.fieldSchema(params.entity),
  });
  protected readonly current = signal<FieldSchema | null>(null);
  protected readonly mode = signal<'simple' | 'advanced'>('simple');
  /** The stored schema uses what the simple list cannot show. */
  protected readonly tooComplex = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<unknown>(null);
  /** Set when the server's objection is shown under the JSON. */
  protected readonly errorMessageKey = signal<string | undefined>(undefined);
  protected readonly stale = computed(() => toUserError(this.error()).code === 'CONFLICT');
  protected readonly switchProblem = signal<string | null>(null);

  protected readonly rows = new FormArray<PropertyGroup>([], uniqueNames);
  protected readonly json = new FormControl('', { nonNullable: true, validators: [Validators.required, jsonObject] });
  protected readonly nameMessages = { pattern: 'registry.schema.namePattern' };
  protected readonly jsonMessages = { json: 'registry.schema.invalidJson' };

  constructor() {
    effect(() => {
      if (!this.stored.hasValue()) return;
      const schema = this.stored.value();
      untracked(() => this.load(schema));
    });
  }

  protected dirty(): boolean {
    return this.mode() === 'simple' ? this.rows.dirty : this.json.dirty;
  }

  protected addProperty(): void {
    this.rows.push(propertyGroup());
    this.rows.markAsDirty();
  }

  protected removeProperty(index: number): void {
    this.rows.removeAt(index);
    this.rows.markAsDirty();
  }

  protected moveProperty(index: number, offset: -1 | 1): void {
    const target = index + offset;
    if (target < 0 || target >= this.rows.length) return;
    const row = this.rows.at(index);
    this.rows.removeAt(index);
    this.rows.insert(target, row);
    this.rows.markAsDirty();
  }

  protected setMode(mode: 'simple' | 'advanced'): void {
    if (mode === this.mode()) return;
    this.switchProblem.set(null);
    if (mode === 'advanced') {
      const wasDirty = this.rows.dirty;
      this.json.setValue(pretty(this.rows.valid ? schemaOf(this.rows.controls.map(fieldOf)) : this.current()?.schema ?? {}));
      if (wasDirty) this.json.markAsDirty();
      else this.json.markAsPristine();
      this.mode.set('advanced');
      return;
    }
    const parsed = parseObject(this.json.value);
    if ('problem' in parsed) {
      this.switchProblem.set(parsed.problem);
      return;
    }
    if (!isSimpleSchema(parsed.schema)) {
      this.switchProblem.set('registry.schema.tooComplexToSwitch');
      return;
    }
    const wasDirty = this.json.dirty;
    this.fillRows(extraFieldsOf(parsed.schema));
    if (wasDirty) this.rows.markAsDirty();
    this.mode.set('simple');
  }

  protected discard(): void {
    const current = this.current();
    if (current) this.load(current);
    this.error.set(null);
  }

  protected reload(): void {
    this.error.set(null);
    this.stored.reload();
  }

  protected async save(): Promise<void> {
    const current = this.current();
    if (!current) return;
    let schema: Record<string, unknown>;
    if (this.mode() === 'simple') {
      if (this.rows.invalid) {
        this.rows.markAllAsTouched();
        return;
      }
      schema = schemaOf(this.rows.controls.map(fieldOf));
    } else {
      const parsed = parseObject(this.json.value);
      if ('problem' in parsed) {
        this.json.markAsTouched();
        return;
      }
      schema = parsed.schema;
    }
    this.saving.set(true);
    this.error.set(null);
    this.errorMessageKey.set(undefined);
    try {
      const saved = await this.registry.saveFieldSchema(this.entity(), schema, current.version);
      this.notifier.notify('registry.schema.saved');
      this.load(saved);
    } catch (error) {
      if (this.notifier.approvalPendingHandled(error)) return;
      this.error.set(error);
      const schemaError = toUserError(error).fieldErrors.find((f) => f.field.endsWith('schema'));
      if (schemaError && this.mode() === 'advanced') {
        this.json.setErrors({ server: schemaError.message });
        this.json.markAsTouched();
        this.errorMessageKey.set('registry.schema.fixJson');
      }
    } finally {
      this.saving.set(false);
    }
  }

  private load(schema: FieldSchema): void {
    this.current.set(schema);
    const simple = isSimpleSchema(schema.schema);
    this.tooComplex.set(!simple);
    this.switchProblem.set(null);
    this.json.setValue(pretty(schema.schema));
    this.json.markAsPristine();
    this.fillRows(simple ? extraFieldsOf(schema.schema) : []);
    this.mode.set(simple ? 'simple' : 'advanced');
  }

  private fillRows(fields: readonly ExtraFieldDef[]): void {
    this.rows.clear();
    for (const field of fields) this.rows.push(propertyGroup(field));
    this.rows.markAsPristine();
    this.rows.markAsUntouched();
  }
}
