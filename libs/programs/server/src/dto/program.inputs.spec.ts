import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateProgramInput, ProgramsArgs, UpdateProgramInput } from './program.inputs';

const AREA_ID = '0192f3a4-5b6c-7d8e-9f00-112233445566';
const invalid = (type: new () => object, value: object) =>
  validateSync(plainToInstance(type, value)).map((error) => [error.property, Object.keys(error.constraints ?? {}).sort().join() || 'nested']);
const valid = { code: 'A-01', name: { en: 'First' }, targetUnit: 'HOUSEHOLD', coverageAreaIds: [AREA_ID] };

describe('programs inputs', () => {
  it('accepts a well-formed programme', () => {
    expect(invalid(CreateProgramInput, valid)).toEqual([]);
    expect(
      invalid(CreateProgramInput, {
        ...valid,
        budget: 1000.5,
        currency: 'USD',
        maxBeneficiaries: 100,
        startDate: '2026-01-01',
        benefits: [{ kind: 'CASH', label: 'Transfer', amount: 25, basis: 'PER_MEMBER' }],
      }),
    ).toEqual([]);
    expect(invalid(UpdateProgramInput, { id: AREA_ID, version: 1, name: { en: 'Renamed' } })).toEqual([]);
  });

  it('refuses empty, oversized and malformed values', () => {
    expect(invalid(CreateProgramInput, { code: ' bad code', name: { en: '' }, targetUnit: 'FAMILY', coverageAreaIds: ['north'] })).toEqual([
      ['code', 'matches'],
      ['name', 'nested'],
      ['targetUnit', 'isEnum'],
      ['coverageAreaIds', 'isUuid'],
    ]);
    expect(invalid(CreateProgramInput, { ...valid, code: 'X'.repeat(51), coverageAreaIds: [] })).toEqual([
      ['code', 'maxLength'],
      ['coverageAreaIds', 'arrayMinSize'],
    ]);
    expect(invalid(UpdateProgramInput, { id: AREA_ID, version: 0 })).toEqual([['version', 'min']]);
  });

  it('refuses a zero budget, a malformed currency, dates and benefits', () => {
    expect(invalid(CreateProgramInput, { ...valid, budget: 0, currency: 'usd', maxBeneficiaries: 0, endDate: '2026-02-30' })).toEqual([
      ['budget', 'isPositive'],
      ['currency', 'matches'],
      ['maxBeneficiaries', 'min'],
      ['endDate', 'isIso8601'],
    ]);
    expect(invalid(CreateProgramInput, { ...valid, benefits: [{ kind: 'CASH', label: 'x', amount: -1, basis: 'PER_MEMBER' }] })).toEqual([['benefits', 'nested']]);
  });

  it('bounds the page size and the search text', () => {
    expect(invalid(ProgramsArgs, { first: 501 })).toEqual([['first', 'max']]);
    expect(validateSync(plainToInstance(ProgramsArgs, { first: 10, filter: { search: 'x'.repeat(101) } }))[0].children?.[0].constraints).toHaveProperty('maxLength');
  });
});
