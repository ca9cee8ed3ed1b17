import { RowSelection } from './row-selection';

interface Row {
  readonly id: string;
}
const rows = (...ids: string[]): Row[] => ids.map((id) => ({ id }));

describe('RowSelection', () => {
  it('chooses rows by id across pages, and the header box chooses or drops a page', () => {
    const selection = new RowSelection<Row>((row) => row.id);
    const page1 = rows('a', 'b');
    const page2 = rows('c', 'd');
    selection.toggle(page1[0]);
    expect(selection.pageState(page1)).toBe('some');
    selection.togglePage(page1);
    expect(selection.pageState(page1)).toBe('all');
    selection.toggle(page2[1], true);
    expect(selection.ids()).toEqual(['a', 'b', 'd']);
    selection.togglePage(page1);
    expect(selection.ids()).toEqual(['d']);
    expect(selection.isSelected({ id: 'd' })).toBe(true); // another object with the same id
    selection.clear();
    expect([selection.count(), selection.pageState(page2)]).toEqual([0, 'none']);
  });

  it('toggle with an explicit state is idempotent', () => {
    const selection = new RowSelection<Row>((row) => row.id);
    selection.toggle({ id: 'a' }, true);
    selection.toggle({ id: 'a' }, true);
    expect(selection.count()).toBe(1);
    selection.toggle({ id: 'a' }, false);
    expect(selection.count()).toBe(0);
  });
});

describe('RowSelection.keepFor', () => {
  it('keeps the choice while the filter stays the same (page change, reload) and drops it when the filter changes', () => {
    const selection = new RowSelection<Row>((row) => row.id);
    selection.keepFor('{"q":"a"}');
    selection.toggle({ id: 'a1' });
    selection.keepFor('{"q":"a"}');
    expect(selection.ids()).toEqual(['a1']);
    selection.keepFor('{"q":"b"}');
    expect(selection.count()).toBe(0);
    selection.toggle({ id: 'b1' });
    selection.keepFor('{"q":"b"}');
    expect(selection.ids()).toEqual(['b1']);
  });
});
