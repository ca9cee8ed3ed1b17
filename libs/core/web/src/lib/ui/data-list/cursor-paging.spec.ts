import { CursorPaging, pageRange } from './cursor-paging';

describe('CursorPaging', () => {
  it('keeps the after cursor of each page passed, to go back', () => {
    const paging = new CursorPaging();
    expect([paging.index(), paging.after()]).toEqual([0, null]);
    paging.next('c1');
    paging.next('c2');
    expect([paging.index(), paging.after(), paging.cursors()]).toEqual([2, 'c2', ['c1', 'c2']]);
    paging.previous();
    expect([paging.index(), paging.after()]).toEqual([1, 'c1']);
    paging.previous();
    paging.previous();
    expect([paging.index(), paging.after()]).toEqual([0, null]);
  });

  it('does not move without an end cursor (the last page)', () => {
    const paging = new CursorPaging();
    paging.next(null);
    paging.next('');
    expect(paging.index()).toBe(0);
  });

  it('restores a page read from the URL, dropping empty cursors, and resets', () => {
    const paging = new CursorPaging();
    paging.restore(['c1', ' ', 'c2']);
    expect([paging.index(), paging.after()]).toEqual([2, 'c2']);
    paging.reset();
    expect([paging.index(), paging.after()]).toEqual([0, null]);
  });

  it('numbers the rows of the page shown', () => {
    expect(pageRange(0, 50, 50)).toEqual({ from: 1, to: 50 });
    expect(pageRange(2, 50, 7)).toEqual({ from: 101, to: 107 });
    expect(pageRange(0, 50, 0)).toEqual({ from: 0, to: 0 });
  });
});
