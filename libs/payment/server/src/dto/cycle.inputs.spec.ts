import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CyclesArgs, CreateCycleInput, UpdateCycleInput } from './cycle.inputs';

const AREA_ID = '0192f3a4-5b6c-7d8e-9f00-112233445566';
const invalid = (type: new () => object, value: object) =>
  validateSync(plainToInstance(type, value)).map((error) => [error.property, Object.keys(error.constraints ?? {}).sort().join()]);

describe('payment inputs', () => {
  it('accepts a well-formed record', () => {
    expect(invalid(CreateCycleInput, { programId: AREA_ID, code: 'A-01', name: 'First', period: '2026-12', plannedDate: '2026-12-15', currency: 'USD', areaId: AREA_ID })).toEqual([]);
    expect(invalid(UpdateCycleInput, { id: AREA_ID, version: 1, name: 'Renamed' })).toEqual([]);
  });

  it('refuses empty, oversized and malformed values', () => {
    expect(invalid(CreateCycleInput, { programId: AREA_ID, code: ' bad code', name: '', period: '2026-12', plannedDate: '2026-13-01', currency: 'usd', areaId: 'north' })).toEqual([
      ['code', 'matches'],
      ['name', 'isNotEmpty'],
      ['plannedDate', 'matches'],
      ['currency', 'matches'],
      ['areaId', 'isUuid'],
    ]);
    expect(invalid(CreateCycleInput, { programId: AREA_ID, code: 'X'.repeat(51), name: 'N'.repeat(201), period: '2026-12', plannedDate: '2026-12-15', currency: 'USD', areaId: AREA_ID })).toEqual([
      ['code', 'maxLength'],
      ['name', 'maxLength'],
    ]);
    expect(invalid(UpdateCycleInput, { id: AREA_ID, version: 0 })).toEqual([['version', 'min']]);
  });

  it('bounds the page size and the search text', () => {
    expect(invalid(CyclesArgs, { first: 501 })).toEqual([['first', 'max']]);
    expect(validateSync(plainToInstance(CyclesArgs, { first: 10, filter: { search: 'x'.repeat(101) } }))[0].children?.[0].constraints).toHaveProperty('maxLength');
  });
});
