import { computed, resource, Signal, signal } from '@angular/core';
import { MappingSlot } from './import-mapping';
import { detectDateFormat, proposeCode } from './import-values';
import {
  ColumnValues,
  DateFormat,
  ImportFilePreview,
  ImportFileRole,
  ImportOptions,
  ImportSeparator,
  ImportEncoding,
  NameOrder,
  ReadOptions,
} from './registry-import.queries';
import { RegistryImportService } from './registry-import.service';

export const SEPARATORS: readonly ImportSeparator[] = [',', ';', '\t', '|'];
export const ENCODINGS: readonly ImportEncoding[] = ['UTF8', 'WINDOWS1252'];
export const DATE_FORMATS: readonly DateFormat[] = ['YMD', 'DMY', 'MDY'];
export const NAME_ORDERS: readonly NameOrder[] = ['FAMILY_FIRST', 'GIVEN_FIRST'];

/** One value found in a coded column, with what it becomes. */
export interface RecodeRow {
  readonly value: string;
  readonly count: number;
  /** The code chosen by the user, else the one proposed, else null (the value is kept as it is). */
  readonly code: string | null;
  readonly proposed: boolean;
}

/** A mapped column whose values are codes (a choice, a list, a yes/no extra field). */
export interface CodedSlot {
  readonly slot: MappingSlot;
  readonly column: string;
  /** null: a boolean field (true/false). */
  readonly choices: readonly string[] | null;
}

interface Sources {
  readonly slots: Signal<MappingSlot[]>;
  readonly assigned: Signal<Record<string, string>>;
  readonly previews: Signal<Partial<Record<ImportFileRole, ImportFilePreview>>>;
  readonly roles: Signal<ImportFileRole[]>;
}

/**
 * How the wizard reads the files and turns their values into the registry's (the part of the mapping
 * step after "which column is which field"): reading options per file, recoding of coded values from
 * the distinct values of each column, date formats, fixed values and the full-name rule. Everything
 * here goes to the server as `options` and is kept in templates.
 */
export class ImportValuesState {
  /** What the user chose over what the server detected. */
  readonly read = signal<Partial<Record<ImportFileRole, ReadOptions>>>({});
  /** field → value as written → code, as the user chose (proposals are added when sending). */
  readonly recode = signal<Record<string, Record<string, string>>>({});
  readonly fixed = signal<Record<string, string>>({});
  readonly dates = signal<Record<string, DateFormat>>({});
  readonly yearPivot = signal<number | null>(null);
  readonly nameOrder = signal<NameOrder>('FAMILY_FIRST');

  readonly codedSlots = computed<CodedSlot[]>(() =>
    this.sources
      .slots()
      .filter((slot) => slot.kind === 'choice' || slot.kind === 'list' || slot.kind === 'boolean')
      .flatMap((slot) => {
        const column = this.sources.assigned()[slot.key];
        return column ? [{ slot, column, choices: slot.kind === 'boolean' ? null : (slot.choices ?? []) }] : [];
      }),
  );
  readonly dateSlots = computed(() => this.sources.slots().filter((slot) => slot.kind === 'date' && this.sources.assigned()[slot.key]));
  /** Choice fields without a column: they may take one value for every row. */
  readonly fixableSlots = computed(() => this.sources.slots().filter((slot) => slot.kind === 'choice' && !slot.extra && !this.sources.assigned()[slot.key]));
  readonly fullNameMapped = computed(() => this.sources.slots().some((slot) => slot.field === 'fullName' && this.sources.assigned()[slot.key]));

  /** Which columns of which upload to read, compared by value: a new language or fixed value reads nothing again. */
  private readonly valuesRequest = computed(
    () => {
      const wanted = [...this.codedSlots().map((c) => ({ file: c.slot.file, column: c.column })), ...this.dateSlots().map((slot) => ({ file: slot.file, column: this.sources.assigned()[slot.key] }))];
      const perFile = this.sources.roles().flatMap((role) => {
        const preview = this.sources.previews()[role];
        const columns = [...new Set(wanted.filter((w) => w.file === role).map((w) => w.column))].sort();
        return preview && columns.length ? [{ role, uploadId: preview.uploadId, columns, read: this.readOf(role) }] : [];
      });
      return perFile.length ? { perFile } : undefined;
    },
    { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );

  /** Distinct values of the coded and date columns, per file (read again when the columns or the reading change). */
  readonly columnValues = resource({
    params: () => this.valuesRequest(),
    loader: async ({ params }) => {
      const out: Partial<Record<ImportFileRole, ColumnValues[]>> = {};
      for (const file of params.perFile) out[file.role] = await this.api.columnValues(file.uploadId, file.columns, file.read);
      return out;
    },
  });

  constructor(
    private readonly api: RegistryImportService,
    private readonly sources: Sources,
  ) {}

  /** The reading options the file is read with: the user's, else what the preview used (detected). */
  readOf(role: ImportFileRole): ReadOptions {
    const preview = this.sources.previews()[role];
    const chosen = this.read()[role] ?? {};
    if (!preview) return chosen;
    if (preview.format === 'XLSX') return preview.sheet ? { sheet: chosen.sheet ?? preview.sheet } : {};
    return {
      separator: chosen.separator ?? (preview.separator as ImportSeparator | null) ?? undefined,
      encoding: chosen.encoding ?? (preview.encoding as ImportEncoding | null) ?? undefined,
    };
  }

  setRead(role: ImportFileRole, change: ReadOptions): void {
    this.read.update((read) => ({ ...read, [role]: { ...read[role], ...change } }));
  }

  valuesOf(coded: CodedSlot): { rows: RecodeRow[]; distinct: number } {
    const values = this.columnValues.hasValue() ? this.columnValues.value()?.[coded.slot.file]?.find((v) => v.column === coded.column) : undefined;
    if (!values) return { rows: [], distinct: 0 };
    const chosen = this.recode()[coded.slot.field] ?? {};
    const rows = values.values.map(({ value, count }) => {
      const own = chosen[value];
      const proposal = own === undefined ? proposeCode(coded.slot.field, value, coded.choices) : null;
      return { value, count, code: own !== undefined ? own || null : proposal, proposed: own === undefined && proposal !== null };
    });
    return { rows, distinct: values.distinct };
  }

  /** Values no code was found for (they go as written, and the check reports those that are not codes). */
  unmatched(coded: CodedSlot): number {
    return this.valuesOf(coded).rows.filter((row) => row.code === null && !(coded.choices ?? ['true', 'false']).some((c) => c.toLowerCase() === row.value.toLowerCase())).length;
  }

  setCode(field: string, value: string, code: string | null): void {
    this.recode.update((recode) => ({ ...recode, [field]: { ...recode[field], [value]: code ?? '' } }));
  }

  fixedOf(field: string): string {
    return this.fixed()[field] ?? '';
  }

  setFixed(field: string, value: string | null): void {
    this.fixed.update(({ [field]: _, ...rest }) => (value ? { ...rest, [field]: value } : rest));
  }

  /** The format chosen for a date column, else the one its values show (null: ambiguous, to be chosen). */
  dateFormatOf(slot: MappingSlot): DateFormat | null {
    return this.dates()[slot.field] ?? this.detectedDate(slot).format;
  }

  detectedDate(slot: MappingSlot): { format: DateFormat | null; twoDigitYears: boolean } {
    const column = this.sources.assigned()[slot.key];
    const values = this.columnValues.hasValue() ? this.columnValues.value()?.[slot.file]?.find((v) => v.column === column) : undefined;
    return values ? detectDateFormat(values.values.map((v) => v.value)) : { format: 'YMD', twoDigitYears: false };
  }

  /** Date columns whose format cannot be told from their values and was not chosen. */
  readonly ambiguousDates = computed(() => this.dateSlots().filter((slot) => this.dateFormatOf(slot) === null));

  setDateFormat(field: string, format: DateFormat): void {
    this.dates.update((dates) => ({ ...dates, [field]: format }));
  }

  /** What the server takes as `options`, and what a template keeps. */
  options(): ImportOptions {
    const recode: Record<string, Record<string, string>> = {};
    for (const coded of this.codedSlots()) {
      const map: Record<string, string> = { ...(this.recode()[coded.slot.field] ?? {}) };
      for (const row of this.valuesOf(coded).rows) if (row.code && !(row.value in map)) map[row.value] = row.code;
      const effective = Object.fromEntries(Object.entries(map).filter(([, code]) => code));
      if (Object.keys(effective).length) recode[coded.slot.field] = effective;
    }
    const dates: Record<string, DateFormat> = {};
    for (const slot of this.dateSlots()) {
      const format = this.dateFormatOf(slot);
      if (format) dates[slot.field] = format;
    }
    const read: Partial<Record<ImportFileRole, ReadOptions>> = {};
    for (const role of this.sources.roles()) read[role] = this.readOf(role);
    const pivot = this.yearPivot();
    const fixed = Object.fromEntries(Object.entries(this.fixed()).filter(([field]) => this.fixableSlots().some((slot) => slot.field === field)));
    return {
      read,
      transforms: {
        ...(Object.keys(recode).length ? { recode } : {}),
        ...(Object.keys(fixed).length ? { fixed } : {}),
        ...(Object.keys(dates).length ? { dates } : {}),
        ...(pivot !== null ? { yearPivot: pivot } : {}),
        ...(this.fullNameMapped() ? { nameOrder: this.nameOrder() } : {}),
      },
    };
  }

  /** Takes back what a template kept (the reading options only when they fit the file's format). */
  restore(options: ImportOptions | undefined): void {
    const transforms = options?.transforms ?? {};
    this.recode.set(structuredClone({ ...(transforms.recode ?? {}) }) as Record<string, Record<string, string>>);
    this.fixed.set({ ...(transforms.fixed ?? {}) });
    this.dates.set({ ...(transforms.dates ?? {}) });
    this.yearPivot.set(transforms.yearPivot ?? null);
    this.nameOrder.set(transforms.nameOrder ?? 'FAMILY_FIRST');
    const read: Partial<Record<ImportFileRole, ReadOptions>> = {};
    for (const role of this.sources.roles()) {
      const preview = this.sources.previews()[role];
      const kept = options?.read?.[role];
      if (!preview || !kept) continue;
      read[role] = preview.format === 'XLSX' ? (kept.sheet && preview.sheets.includes(kept.sheet) ? { sheet: kept.sheet } : {}) : { separator: kept.separator, encoding: kept.encoding };
    }
    this.read.set(read);
  }

  reset(): void {
    this.restore(undefined);
  }
}
