import type { CelType, VariableCatalogue } from './formula-variables';

/**
 * Categorical criteria (AND inside a group, OR between groups) written as a CEL expression, which then goes through
 * the same parser, type checker and SQL translation as formulas. Values are written as CEL literals (JSON string
 * escaping is valid CEL) and become SQL parameters in the translation; field names must be catalogue variables.
 */
export type CriteriaOperator = 'EQUALS' | 'NOT_EQUALS' | 'IN' | 'BETWEEN' | 'GREATER' | 'LESS' | 'IS_EMPTY' | 'CONTAINS';
type Value = string | number | boolean;

export interface MemberCondition {
  field: string;
  operator: Exclude<CriteriaOperator, 'IS_EMPTY'>;
  value?: Value;
  values?: Value[];
}

export interface CriteriaCondition {
  /** A household field (`rooms`), an extra field (`extra.income`) or `members` with an aggregate. */
  field: string;
  operator: CriteriaOperator;
  value?: Value;
  values?: Value[];
  aggregate?: { kind: 'COUNT' | 'EXISTS'; where?: MemberCondition };
}

export interface CriteriaGroup {
  conditions: CriteriaCondition[];
}

export class CriteriaError extends Error {
  constructor(
    readonly key: string,
    readonly group: number,
    readonly condition: number,
  ) {
    super(key);
  }
}

function literal(value: Value, type: CelType | 'member-int'): string {
  if (type === 'string' || type === 'list<string>') {
    if (typeof value !== 'string') throw new Error('targeting.criteria.valueType');
    return JSON.stringify(value);
  }
  if (type === 'bool') {
    if (typeof value !== 'boolean') throw new Error('targeting.criteria.valueType');
    return value ? 'true' : 'false';
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error('targeting.criteria.valueType');
  // Ints compare with ints and doubles; a fractional bound on an int field is written as a double.
  return type === 'double' || !Number.isInteger(value) ? (Number.isInteger(value) ? `${value}.0` : String(value)) : String(value);
}

function comparison(target: string, type: CelType, c: { operator: CriteriaOperator; value?: Value; values?: Value[] }): string {
  const one = () => {
    if (c.value === undefined || c.value === null) throw new Error('targeting.criteria.valueRequired');
    return literal(c.value, type);
  };
  const many = (n?: number) => {
    const values = c.values ?? [];
    if (values.length === 0 || (n !== undefined && values.length !== n)) throw new Error('targeting.criteria.valuesRequired');
    return values.map((v) => literal(v, type));
  };
  const numeric = type === 'int' || type === 'double';
  switch (c.operator) {
    case 'EQUALS':
    case 'NOT_EQUALS': {
      if (type === 'list<string>') throw new Error('targeting.criteria.operatorType');
      const value = one();
      // CEL has no int == double: a fractional value for a whole-number field is refused.
      if (type === 'int' && value.includes('.')) throw new Error('targeting.criteria.valueType');
      return `${target} ${c.operator === 'EQUALS' ? '==' : '!='} ${value}`;
    }
    case 'IN': {
      if (type === 'list<string>' || (type === 'int' && many().some((v) => v.includes('.')))) throw new Error('targeting.criteria.operatorType');
      return `${target} in [${many().join(', ')}]`;
    }
    case 'BETWEEN': {
      if (!numeric) throw new Error('targeting.criteria.operatorType');
      const [low, high] = many(2);
      return `(${target} >= ${low} && ${target} <= ${high})`;
    }
    case 'GREATER':
    case 'LESS':
      if (!numeric && type !== 'string') throw new Error('targeting.criteria.operatorType');
      return `${target} ${c.operator === 'GREATER' ? '>' : '<'} ${one()}`;
    case 'CONTAINS':
      if (type === 'list<string>') return `${literal(c.value as Value, 'string')} in ${target}`;
      if (type !== 'string') throw new Error('targeting.criteria.operatorType');
      return `${target}.contains(${one()})`;
    default:
      throw new Error('targeting.criteria.operatorType');
  }
}

function condition(catalogue: VariableCatalogue, c: CriteriaCondition): string {
  if (c.field === 'members') {
    if (!c.aggregate) throw new Error('targeting.criteria.aggregateRequired');
    let where = 'true';
    if (c.aggregate.where) {
      const w = c.aggregate.where;
      const extraName = w.field.startsWith('extra.') ? w.field.slice(6) : null;
      const v = extraName ? catalogue.memberExtra.find((e) => e.name === extraName) : catalogue.member.find((m) => m.name === w.field);
      if (!v) throw new Error('targeting.criteria.unknownField');
      where = comparison(`m.${extraName ? `extra.${extraName}` : v.name}`, v.type, w);
    }
    if (c.aggregate.kind === 'EXISTS') return comparison(`members.exists(m, ${where})`, 'bool', c);
    return comparison(`members.filter(m, ${where}).size()`, 'int', c);
  }
  if (c.field.startsWith('extra.')) {
    const name = c.field.slice(6);
    const v = catalogue.householdExtra.find((e) => e.name === name);
    if (!v) throw new Error('targeting.criteria.unknownField');
    if (c.operator === 'IS_EMPTY') return `!has(extra.${name})`;
    return comparison(`extra.${name}`, v.type, c);
  }
  const v = catalogue.household.find((h) => h.name === c.field);
  if (!v) throw new Error('targeting.criteria.unknownField');
  if (c.operator === 'IS_EMPTY') {
    if (v.type !== 'list<string>') throw new Error('targeting.criteria.operatorType');
    return `size(${v.name}) == 0`;
  }
  return comparison(v.name, v.type, c);
}

/** The criteria as one CEL boolean expression; throws CriteriaError naming the group and condition at fault. */
export function compileCriteria(catalogue: VariableCatalogue, groups: CriteriaGroup[]): string {
  if (groups.length === 0 || groups.some((g) => g.conditions.length === 0)) throw new CriteriaError('targeting.criteria.empty', 0, 0);
  return groups
    .map((g, gi) =>
      `(${g.conditions
        .map((c, ci) => {
          try {
            return `(${condition(catalogue, c)})`;
          } catch (error) {
            throw new CriteriaError((error as Error).message, gi, ci);
          }
        })
        .join(' && ')})`,
    )
    .join(' || ');
}
