import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConnectorsArgs, CreateConnectorInput, UpdateConnectorInput } from './connector.inputs';

const AREA_ID = '0192f3a4-5b6c-7d8e-9f00-112233445566';
const invalid = (type: new () => object, value: object) =>
  validateSync(plainToInstance(type, value)).map((error) => [error.property, Object.keys(error.constraints ?? {}).sort().join()]);

describe('intake inputs', () => {
  it('accepts a well-formed record', () => {
    expect(invalid(CreateConnectorInput, { code: 'A-01', name: 'First', areaId: AREA_ID })).toEqual([]);
    expect(invalid(UpdateConnectorInput, { id: AREA_ID, version: 1, name: 'Renamed' })).toEqual([]);
  });

  it('refuses empty, oversized and malformed values', () => {
    expect(invalid(CreateConnectorInput, { code: ' bad code', name: '', areaId: 'north' })).toEqual([
      ['code', 'matches'],
      ['name', 'isNotEmpty'],
      ['areaId', 'isUuid'],
    ]);
    expect(invalid(CreateConnectorInput, { code: 'X'.repeat(51), name: 'N'.repeat(201), areaId: AREA_ID })).toEqual([
      ['code', 'maxLength'],
      ['name', 'maxLength'],
    ]);
    expect(invalid(UpdateConnectorInput, { id: AREA_ID, version: 0 })).toEqual([['version', 'min']]);
  });

  it('bounds the page size and the search text', () => {
    expect(invalid(ConnectorsArgs, { first: 501 })).toEqual([['first', 'max']]);
    expect(validateSync(plainToInstance(ConnectorsArgs, { first: 10, filter: { search: 'x'.repeat(101) } }))[0].children?.[0].constraints).toHaveProperty('maxLength');
  });
});
