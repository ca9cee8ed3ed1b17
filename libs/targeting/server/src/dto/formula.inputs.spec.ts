import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FormulasArgs, PreviewFormulaInput, SaveFormulaInput } from './formula.inputs';

const ID = '0192f3a4-5b6c-7d8e-9f00-112233445566';
const invalid = (type: new () => object, value: object) =>
  validateSync(plainToInstance(type, value)).map((error) => [error.property, Object.keys(error.constraints ?? {}).sort().join()]);

describe('targeting inputs', () => {
  it('accepts a well-formed formula', () => {
    expect(invalid(SaveFormulaInput, { programId: ID, code: 'PMT-1', name: 'PMT', kind: 'SCORE', source: '1.0' })).toEqual([]);
  });

  it('refuses empty, oversized and malformed values', () => {
    expect(invalid(SaveFormulaInput, { programId: 'x', code: ' bad', name: '', kind: 'OTHER', source: 'x'.repeat(10001) }).sort()).toEqual([
      ['code', 'matches'],
      ['kind', 'isEnum'],
      ['name', 'isNotEmpty'],
      ['programId', 'isUuid'],
      ['source', 'maxLength'],
    ]);
    expect(invalid(PreviewFormulaInput, { programId: ID, source: '1', kind: 'SCORE', buckets: 0, sampleSize: 51 })).toEqual([
      ['buckets', 'min'],
      ['sampleSize', 'max'],
    ]);
    expect(invalid(FormulasArgs, { programId: ID, first: 501 })).toEqual([['first', 'max']]);
  });
});
