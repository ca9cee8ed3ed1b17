import { Environment } from '@marcbachmann/cel-js';
import type { CelScalar, ColumnVariable, ExtraVariable, VariableCatalogue } from './formula-variables';

/** Inputs of `exp` at or above this give a value outside the double range: an error, in CEL and in SQL alike. */
export const EXP_LIMIT = 709.782712893384;

export class FormulaDomainError extends Error {
  constructor(readonly code: 'LOG_DOMAIN' | 'EXP_OVERFLOW') {
    super(code);
  }
}

class Member {
  constructor(values: Record<string, unknown>) {
    Object.assign(this, values);
  }
}
class HouseholdExtra {
  constructor(values: Record<string, unknown>) {
    Object.assign(this, values);
  }
}
class Coefficients {
  constructor(values: Record<string, unknown>) {
    Object.assign(this, values);
  }
}
class MemberExtra {
  constructor(values: Record<string, unknown>) {
    Object.assign(this, values);
  }
}

function fields(list: Array<ColumnVariable | ExtraVariable>): Record<string, string> {
  return Object.fromEntries(list.map((v) => [v.name, v.type]));
}

const num = (value: unknown): number => (typeof value === 'bigint' ? Number(value) : (value as number));

/**
 * The CEL environment of a deployment: its variables with their types, and the few functions formulas use
 * (log, exp, min, max) plus int/double mixed arithmetic (PMT coefficients are doubles, counts are ints).
 * The CEL library checks every formula against it; the same environment evaluates formulas in the tests.
 */
export function formulaEnvironment(catalogue: VariableCatalogue): Environment {
  const env = new Environment()
    .registerType('HouseholdExtra', { fields: fields(catalogue.householdExtra), ctor: HouseholdExtra })
    .registerType('MemberExtra', { fields: fields(catalogue.memberExtra), ctor: MemberExtra })
    .registerType('Member', { fields: { ...fields(catalogue.member), extra: 'MemberExtra' }, ctor: Member })
    .registerVariable('members', 'list<Member>')
    .registerVariable('extra', 'HouseholdExtra')
    .registerType('Coefficients', { fields: Object.fromEntries((catalogue.coefficients?.names ?? []).map((n) => [n, 'double'])), ctor: Coefficients })
    .registerVariable('coef', 'Coefficients');
  for (const v of catalogue.household) env.registerVariable(v.name, v.type);
  for (const op of ['+', '-', '*', '/'] as const) {
    const apply = (a: number, b: number) => (op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b);
    env.registerOperator(`int ${op} double`, (a: bigint, b: number) => apply(Number(a), b));
    env.registerOperator(`double ${op} int`, (a: number, b: bigint) => apply(a, Number(b)));
  }
  const log = (x: unknown) => {
    const v = num(x);
    if (!(v > 0)) throw new FormulaDomainError('LOG_DOMAIN');
    return Math.log(v);
  };
  const exp = (x: unknown) => {
    const v = num(x);
    if (v >= EXP_LIMIT) throw new FormulaDomainError('EXP_OVERFLOW');
    return Math.exp(v);
  };
  for (const t of ['int', 'double']) {
    env.registerFunction(`log(${t}): double`, log);
    env.registerFunction(`exp(${t}): double`, exp);
  }
  env.registerFunction('min(int, int): int', (a: bigint, b: bigint) => (a < b ? a : b));
  env.registerFunction('max(int, int): int', (a: bigint, b: bigint) => (a > b ? a : b));
  for (const [a, b] of [['double', 'double'], ['int', 'double'], ['double', 'int']]) {
    env.registerFunction(`min(${a}, ${b}): double`, (x: unknown, y: unknown) => Math.min(num(x), num(y)));
    env.registerFunction(`max(${a}, ${b}): double`, (x: unknown, y: unknown) => Math.max(num(x), num(y)));
  }
  return env;
}

/** A household as plain data (what the SQL reads), used to evaluate a formula with the CEL library. */
export interface HouseholdData {
  values: Record<string, unknown>;
  extra: Record<string, unknown>;
  members: Array<{ values: Record<string, unknown>; extra: Record<string, unknown> }>;
}

function typed(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  switch (type) {
    case 'int':
      if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
      if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
      return undefined;
    case 'double':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      return undefined;
    case 'bool':
      return typeof value === 'boolean' ? value : undefined;
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'list<string>':
      return Array.isArray(value) ? value : undefined;
    default:
      return undefined;
  }
}

/** Missing or wrongly typed values are left out, so reading them is a CEL error, as NULL is an error in the SQL. */
export function celContext(catalogue: VariableCatalogue, data: HouseholdData): Record<string, unknown> {
  const pick = (vars: Array<{ name: string; type: string; column?: string }>, source: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const v of vars) {
      const value = typed(v.type, source[v.column ?? v.name]);
      if (value !== undefined) out[v.name] = value;
    }
    return out;
  };
  return {
    ...pick(catalogue.household, data.values),
    extra: new HouseholdExtra(pick(catalogue.householdExtra, data.extra)),
    members: data.members.map(
      (m) => new Member({ ...pick(catalogue.member, m.values), extra: new MemberExtra(pick(catalogue.memberExtra, m.extra)) }),
    ),
  };
}

export type { CelScalar };
