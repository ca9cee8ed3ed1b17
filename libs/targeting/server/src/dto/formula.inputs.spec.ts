import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FormulasArgs, CreateFormulaInput, UpdateFormulaInput } from './formula.inputs';

const AREA_ID = '0192f3a4-5b6c-7d8e-9f00-112233445566';
const invalid = (type: new () => object, value: object) =>
  validateSync(plainToInstance(type, value)).map((error) => [error.property, Object.keys(error.constraints ?? {}).sort().join()]);

describe('targeting inputs', () => {
  it('accepts a well-formed record', () => {
    expect(invalid(CreateFormulaInput, { code: 'A-01', name: 'First', areaId: AREA_ID })).toEqual([]);
    expect(invalid(UpdateFormulaInput, { id: AREA_ID, version: 1, name: 'Renamed' })).toEqual([]);
  });

  it('refuses empty, oversized and malformed values', () => {
    expect(invalid(CreateFormulaInput, { code: ' bad code', name: '', areaId: 'north' })).toEqual([
      ['code', 'matches'],
      ['name', 'isNotEmpty'],
      ['areaId', 'isUuid'],
    ]);
    expect(invalid(CreateFormulaInput, { code: 'X'.repeat(51), name: 'N'.repeat(201), areaId: AREA_ID })).toEqual([
      ['code', 'maxLength'],
      ['name', 'maxLength'],
    ]);
    expect(invalid(UpdateFormulaInput, { id: AREA_ID, version: 0 })).toEqual([['version', 'min']]);
  });

  it('bounds the page size and the search text', () => {
    expect(invalid(FormulasArgs, { first: 501 })).toEqual([['first', 'max']]);
    expect(validateSync(plainToInstance(FormulasArgs, { first: 10, filter: { search: 'x'.repeat(101) } }))[0].children?.[0].constraints).toHaveProperty('maxLength');
  });
});
