import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { TicketsArgs, CreateTicketInput, UpdateTicketInput } from './ticket.inputs';

const AREA_ID = '0192f3a4-5b6c-7d8e-9f00-112233445566';
const invalid = (type: new () => object, value: object) =>
  validateSync(plainToInstance(type, value)).map((error) => [error.property, Object.keys(error.constraints ?? {}).sort().join()]);

describe('grm inputs', () => {
  it('accepts a well-formed record', () => {
    expect(invalid(CreateTicketInput, { code: 'A-01', name: 'First', areaId: AREA_ID })).toEqual([]);
    expect(invalid(UpdateTicketInput, { id: AREA_ID, version: 1, name: 'Renamed' })).toEqual([]);
  });

  it('refuses empty, oversized and malformed values', () => {
    expect(invalid(CreateTicketInput, { code: ' bad code', name: '', areaId: 'north' })).toEqual([
      ['code', 'matches'],
      ['name', 'isNotEmpty'],
      ['areaId', 'isUuid'],
    ]);
    expect(invalid(CreateTicketInput, { code: 'X'.repeat(51), name: 'N'.repeat(201), areaId: AREA_ID })).toEqual([
      ['code', 'maxLength'],
      ['name', 'maxLength'],
    ]);
    expect(invalid(UpdateTicketInput, { id: AREA_ID, version: 0 })).toEqual([['version', 'min']]);
  });

  it('bounds the page size and the search text', () => {
    expect(invalid(TicketsArgs, { first: 501 })).toEqual([['first', 'max']]);
    expect(validateSync(plainToInstance(TicketsArgs, { first: 10, filter: { search: 'x'.repeat(101) } }))[0].children?.[0].constraints).toHaveProperty('maxLength');
  });
});
