import { randomUUID } from 'node:crypto';
import { decodeCursor, encodeCursor } from './connection';

describe('decodeCursor', () => {
  const id = randomUUID();
  const b64 = (text: string) => Buffer.from(text).toString('base64url');

  it('gives back what encodeCursor encoded, of the expected shape', () => {
    expect(decodeCursor(encodeCursor(['A01', id]), ['scalar', 'uuid'])).toEqual(['A01', id]);
    expect(decodeCursor(encodeCursor(['0.93', id]), ['numeric', 'uuid'])).toEqual(['0.93', id]);
    expect(decodeCursor(encodeCursor([null, 3]), 2)).toEqual([null, 3]);
  });

  it.each([
    ['garbage', '!!!'],
    ['JSON that is not a list', b64('{"a":1}')],
    ['a list of the wrong length', encodeCursor(['A01', id, 3])],
    ['an object inside', encodeCursor([{ x: 1 }, id])],
    ['an id that is not a UUID', encodeCursor(['A01', 'not-a-uuid'])],
    ['a number for the id', encodeCursor(['A01', 42])],
    ['a score that is not a number', encodeCursor(['high', id])],
    ['a NUL byte', encodeCursor(['\u0000', id])],
    ['a lone surrogate', b64('["\\ud800","' + id + '"]')],
    ['a very long value', encodeCursor(['x'.repeat(1001), id])],
  ])('refuses %s as bad input', (_name, cursor) => {
    const shape = _name === 'a score that is not a number' ? (['numeric', 'uuid'] as const) : (['scalar', 'uuid'] as const);
    expect(() => decodeCursor(cursor, [...shape])).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', messageKey: 'core.errors.invalidCursor' }));
  });
});
