import { formatSort, parseSort } from './list-sort';

describe('list sort in the URL', () => {
  const keys = ['name', 'created'] as const;

  it('reads a column and its direction, and nothing else', () => {
    expect(parseSort('name', keys)).toEqual({ key: 'name', direction: 'ASC' });
    expect(parseSort('-created', keys)).toEqual({ key: 'created', direction: 'DESC' });
    expect(parseSort('password', keys)).toBeNull();
    expect(parseSort('--name', keys)).toBeNull();
    expect(parseSort(null, keys)).toBeNull();
  });

  it('writes what it reads', () => {
    for (const value of ['name', '-name', '-created']) expect(formatSort(parseSort(value, keys)!)).toBe(value);
  });
});
