import { ColumnChoice, ListColumn } from './column-choice';

const COLUMNS: ListColumn[] = [
  { key: 'code', label: 'c', fixed: true },
  { key: 'head', label: 'h', compact: true },
  { key: 'area', label: 'a' },
  { key: 'registered', label: 'r', optional: true },
];

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value), data };
}

describe('ColumnChoice', () => {
  it('shows the default columns, and only the compact ones on a small screen', () => {
    const choice = new ColumnChoice(COLUMNS, 'households', memoryStorage());
    expect(choice.visible(false)).toEqual(['code', 'head', 'area']);
    expect(choice.visible(true)).toEqual(['code', 'head']);
    expect(choice.choosable.map((c) => c.key)).toEqual(['head', 'area', 'registered']);
  });

  it('remembers the choice per list, and a fixed column cannot be hidden', () => {
    const storage = memoryStorage();
    const choice = new ColumnChoice(COLUMNS, 'households', storage);
    choice.toggle('area');
    choice.toggle('registered');
    choice.toggle('code');
    expect(choice.visible(false)).toEqual(['code', 'head', 'registered']);
    expect(new ColumnChoice(COLUMNS, 'households', storage).visible(false)).toEqual(['code', 'head', 'registered']);
    expect(new ColumnChoice(COLUMNS, 'individuals', storage).visible(false)).toEqual(['code', 'head', 'area']);
    choice.reset();
    expect(choice.visible(false)).toEqual(['code', 'head', 'area']);
  });

  it('ignores a stored preference it cannot read or that names unknown columns', () => {
    expect(new ColumnChoice(COLUMNS, 'x', memoryStorage({ 'cm.columns.x': '{oops' })).visible(false)).toEqual(['code', 'head', 'area']);
    expect(new ColumnChoice(COLUMNS, 'x', memoryStorage({ 'cm.columns.x': '["code","gone","area"]' })).visible(false)).toEqual([
      'code',
      'head',
      'registered',
    ]);
  });
});
