import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, output, signal, untracked } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import type { CriteriaConditionInput, CriteriaGroupInput, CriteriaOperator, FormulaPreview, FormulaVariable } from '../data/formula.queries';
import { FormulaService } from '../data/formula.service';

const WRITE_DELAY_MS = 300;

interface ConditionDraft {
  field: string;
  operator: CriteriaOperator;
  /** One value, the low bound of BETWEEN, or the comma-separated list of IN. */
  value: string;
  /** The high bound of BETWEEN. */
  high: string;
  aggregate: 'COUNT' | 'EXISTS';
  whereField: string;
  whereOperator: CriteriaOperator;
  whereValue: string;
  whereHigh: string;
}

interface Field {
  name: string;
  type: string;
}

const MEMBERS = 'members';
/** Which operators a field of each type takes (the server's compiler refuses the others too). */
const OPERATORS: Record<string, CriteriaOperator[]> = {
  int: ['EQUALS', 'NOT_EQUALS', 'GREATER', 'LESS', 'BETWEEN', 'IN'],
  double: ['GREATER', 'LESS', 'BETWEEN'],
  string: ['EQUALS', 'NOT_EQUALS', 'IN', 'CONTAINS'],
  bool: ['EQUALS'],
  'list<string>': ['CONTAINS', 'IS_EMPTY'],
};

function blank(field = ''): ConditionDraft {
  return { field, operator: 'EQUALS', value: '', high: '', aggregate: 'COUNT', whereField: '', whereOperator: 'EQUALS', whereValue: '', whereHigh: '' };
}

/** The boxes of an operator's value(s): IN's list comma-separated, BETWEEN's two bounds. */
function boxes(operator: CriteriaOperator, value: string | null | undefined, values: readonly string[] | null | undefined): [string, string] {
  if (operator === 'BETWEEN') return [values?.[0] ?? '', values?.[1] ?? ''];
  if (operator === 'IN') return [(values ?? []).join(', '), ''];
  return [value ?? '', ''];
}

/** A saved condition back in the builder's boxes (the inverse of `toInput`). */
export function draftOf(c: CriteriaConditionInput): ConditionDraft {
  const draft = { ...blank(c.field), operator: c.operator };
  [draft.value, draft.high] = boxes(c.operator, c.value, c.values);
  if (c.aggregate) {
    draft.aggregate = c.aggregate.kind;
    if (c.aggregate.kind === 'EXISTS') Object.assign(draft, { operator: 'GREATER', value: '', high: '' });
    const where = c.aggregate.where;
    if (where) {
      const [whereValue, whereHigh] = boxes(where.operator, where.value, where.values);
      Object.assign(draft, { whereField: where.field, whereOperator: where.operator, whereValue, whereHigh });
    }
  }
  return draft;
}

/**
 * Categorical criteria without writing CEL: groups of conditions (all of a group's conditions, any of the groups) on
 * household fields, extra fields and members (how many match, or whether one does). The server's one criteria compiler
 * writes them as CEL (`sourceChange`), which the editor validates and previews: the count shown here is that preview.
 */
@Component({
  selector: 'cm-targeting-criteria-builder',
  imports: [NgTemplateOutlet, MatFormFieldModule, MatSelectModule, MatInput, MatButton, MatIconButton, MatIcon, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './criteria-builder.component.html',
  styleUrl: './criteria-builder.component.scss',
})
export class CriteriaBuilderComponent {
  private readonly service = inject(FormulaService);
  private timer: ReturnType<typeof setTimeout> | null = null;

  readonly variables = input.required<readonly FormulaVariable[]>();
  /** The editor's preview of the written criteria: the live count. */
  readonly preview = input<FormulaPreview | null>(null);
  /** A saved formula's groups: the builder starts from them. */
  readonly initial = input<readonly CriteriaGroupInput[] | null>(null);
  readonly sourceChange = output<string>();
  /** The groups with the text they write, each time the builder writes it. */
  readonly criteriaChange = output<{ groups: CriteriaGroupInput[]; source: string }>();

  protected readonly groups = signal<ConditionDraft[][]>([[blank()]]);
  protected readonly problem = signal<{ key: string; group: number; condition: number } | null>(null);
  protected readonly failed = signal(false);
  protected readonly householdFields = computed<Field[]>(() =>
    this.variables()
      .filter((v) => v.scope === 'HOUSEHOLD' && v.name !== MEMBERS && !!OPERATORS[v.type])
      .map((v) => ({ name: v.name, type: v.type })),
  );
  protected readonly memberFields = computed<Field[]>(() =>
    this.variables()
      .filter((v) => v.scope === 'MEMBER' && !!OPERATORS[v.type])
      .map((v) => ({ name: v.name.replace(/^m\./, ''), type: v.type })),
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => this.timer && clearTimeout(this.timer));
    effect(() => {
      const initial = this.initial();
      untracked(() => this.groups.set(initial?.length ? initial.map((g) => g.conditions.map(draftOf)) : [[blank()]]));
    });
  }

  protected typeOf(name: string, member = false): string {
    return (member ? this.memberFields() : this.householdFields()).find((f) => f.name === name)?.type ?? '';
  }

  protected operatorsFor(c: ConditionDraft): CriteriaOperator[] {
    if (c.field === MEMBERS) return ['GREATER', 'LESS', 'EQUALS', 'BETWEEN'];
    const operators = OPERATORS[this.typeOf(c.field)] ?? [];
    return c.field.startsWith('extra.') && !operators.includes('IS_EMPTY') ? [...operators, 'IS_EMPTY'] : operators;
  }

  protected whereOperatorsFor(c: ConditionDraft): CriteriaOperator[] {
    return (OPERATORS[this.typeOf(c.whereField, true)] ?? []).filter((o) => o !== 'IS_EMPTY');
  }

  protected patch(group: number, index: number, change: Partial<ConditionDraft>): void {
    this.groups.update((groups) =>
      groups.map((conditions, g) =>
        g !== group
          ? conditions
          : conditions.map((c, i) => {
              if (i !== index) return c;
              const next = { ...c, ...change };
              // a new field keeps only what still fits it
              if (change.field !== undefined && change.field !== c.field) {
                Object.assign(next, blank(change.field));
                next.operator = this.operatorsFor(next)[0] ?? 'EQUALS';
                if (this.typeOf(next.field) === 'bool') next.value = 'true';
              }
              if (change.whereField !== undefined && change.whereField !== c.whereField) {
                next.whereOperator = this.whereOperatorsFor(next)[0] ?? 'EQUALS';
                next.whereValue = this.typeOf(next.whereField, true) === 'bool' ? 'true' : '';
                next.whereHigh = '';
              }
              return next;
            }),
      ),
    );
    this.schedule();
  }

  protected set(group: number, index: number, key: 'value' | 'high' | 'whereValue' | 'whereHigh', value: string): void {
    this.patch(group, index, { [key]: value });
  }

  protected addCondition(group: number): void {
    this.groups.update((groups) => groups.map((conditions, g) => (g === group ? [...conditions, blank()] : conditions)));
  }

  protected removeCondition(group: number, index: number): void {
    this.groups.update((groups) => groups.map((conditions, g) => (g === group ? conditions.filter((_, i) => i !== index) : conditions)).filter((c) => c.length > 0));
    if (!this.groups().length) this.groups.set([[blank()]]);
    this.schedule();
  }

  protected addGroup(): void {
    this.groups.update((groups) => [...groups, [blank()]]);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.write(), WRITE_DELAY_MS);
  }

  private toInput(c: ConditionDraft): CriteriaGroupInput['conditions'][number] {
    const values = (operator: CriteriaOperator, value: string, high: string) =>
      operator === 'BETWEEN' ? { values: [value, high] } : operator === 'IN' ? { values: value.split(',').map((v) => v.trim()).filter((v) => v !== '') } : operator === 'IS_EMPTY' ? {} : { value };
    if (c.field !== MEMBERS) return { field: c.field, operator: c.operator, ...values(c.operator, c.value, c.high) };
    const where = c.whereField ? { field: c.whereField, operator: c.whereOperator, ...values(c.whereOperator, c.whereValue, c.whereHigh) } : undefined;
    // "at least one member" is the EXISTS aggregate being true
    if (c.aggregate === 'EXISTS') return { field: MEMBERS, operator: 'EQUALS', value: 'true', aggregate: { kind: 'EXISTS', where } };
    return { field: MEMBERS, operator: c.operator, ...values(c.operator, c.value, c.high), aggregate: { kind: 'COUNT', where } };
  }

  private async write(): Promise<void> {
    const drafts = this.groups();
    const complete = drafts.every((conditions) => conditions.every((c) => !!c.field));
    if (!complete) return;
    try {
      const groups = drafts.map((conditions) => ({ conditions: conditions.map((c) => this.toInput(c)) }));
      const written = await this.service.criteriaSource(groups);
      if (drafts !== this.groups()) return; // edited meanwhile: the next write answers
      this.failed.set(false);
      this.problem.set(written.problem ?? null);
      if (written.source) {
        this.criteriaChange.emit({ groups, source: written.source });
        this.sourceChange.emit(written.source);
      }
    } catch {
      this.failed.set(true);
    }
  }

  protected problemAt(group: number, index: number): string | null {
    const p = this.problem();
    return p && p.group === group && p.condition === index ? p.key : null;
  }
}
