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
      ['plannedDate', 'isCalendarDate'],
      ['currency', 'isCurrencyCode'],
      ['areaId', 'isUuid'],
    ]);
    expect(invalid(CreateCycleInput, { programId: AREA_ID, code: 'X'.repeat(51), name: 'N'.repeat(201), period: '2026-12', plannedDate: '2026-12-15', currency: 'USD', areaId: AREA_ID })).toEqual([
      ['code', 'maxLength'],
      ['name', 'maxLength'],
    ]);
    expect(invalid(UpdateCycleInput, { id: AREA_ID, version: 0 })).toEqual([['version', 'min']]);
  });

  it('refuses a period, a planned date or a currency that does not exist, before the database sees it', () => {
    const cycle = (values: object) => invalid(CreateCycleInput, { programId: AREA_ID, code: 'A-01', name: 'First', period: '2026-12', plannedDate: '2026-12-15', currency: 'USD', areaId: AREA_ID, ...values });
    for (const period of ['2027-13', '0000-00', '2027-00', '0000-01', '1999-12', '2100-01', '2027-1', '2027-01-01', ' 2027-01', 'Q1-2027']) {
      expect([period, cycle({ period })]).toEqual([period, [['period', 'isYearMonth']]]);
    }
    for (const plannedDate of ['2027-02-30', '2027-02-29', '2027-04-31', '0000-01-01', '1999-12-31', '2100-01-01', '2027-1-1', '2027-01-01T00:00:00Z', '']) {
      expect([plannedDate, cycle({ plannedDate })]).toEqual([plannedDate, [['plannedDate', 'isCalendarDate']]]);
    }
    for (const currency of ['ZZZ', 'XXX', 'XAU', 'usd', 'US', 'HRK', 'USD ']) {
      expect([currency, cycle({ currency })]).toEqual([currency, [['currency', 'isCurrencyCode']]]);
    }
    expect(cycle({ period: '2000-01', plannedDate: '2028-02-29', currency: 'XOF' })).toEqual([]);
    expect(cycle({ period: '2099-12', plannedDate: '2099-12-31', currency: 'MZN' })).toEqual([]);
    expect(invalid(UpdateCycleInput, { id: AREA_ID, version: 1, plannedDate: '2027-02-30' })).toEqual([['plannedDate', 'isCalendarDate']]);
  });

  it('bounds the page size and the search text', () => {
    expect(invalid(CyclesArgs, { first: 501 })).toEqual([['first', 'max']]);
    expect(validateSync(plainToInstance(CyclesArgs, { first: 10, filter: { search: 'x'.repeat(101) } }))[0].children?.[0].constraints).toHaveProperty('maxLength');
  });
});
