import { combinedCursor, splitCursor } from './duplicate-cursor';

describe('the cursor of the duplicate lists', () => {
  it('is the server cursor itself for a list of one status', () => {
    expect(combinedCursor(['PENDING'], [{ hasNextPage: true, endCursor: 'c1' }])).toBe('c1');
    expect(combinedCursor(['PENDING'], [{ hasNextPage: false, endCursor: 'c1' }])).toBeNull();
    expect(splitCursor(['PENDING'], 'c1')).toEqual({ PENDING: 'c1' });
    expect(splitCursor(['PENDING'], null)).toEqual({ PENDING: null });
  });

  it('carries each status of the decided pairs, and marks the one with no page left', () => {
    const statuses = ['DUPLICATE', 'NOT_DUPLICATE'] as const;
    const cursor = combinedCursor(statuses, [
      { hasNextPage: true, endCursor: 'd1' },
      { hasNextPage: false, endCursor: 'n1' },
    ]);
    expect(splitCursor(statuses, cursor)).toEqual({ DUPLICATE: 'd1', NOT_DUPLICATE: '' });
    expect(combinedCursor(statuses, [{ hasNextPage: false, endCursor: 'd1' }, { hasNextPage: false, endCursor: null }])).toBeNull();
  });

  it('reads a cursor edited by hand as the first page', () => {
    expect(splitCursor(['DUPLICATE', 'NOT_DUPLICATE'], 'not json')).toEqual({ DUPLICATE: null, NOT_DUPLICATE: null });
    expect(splitCursor(['DUPLICATE', 'NOT_DUPLICATE'], '{"DUPLICATE":5}')).toEqual({ DUPLICATE: '', NOT_DUPLICATE: '' });
  });
});
