import { AreaPathPipe, formatAreaPath } from './area-path.pipe';

describe('areaPath', () => {
  it('shows the names above an area that make it unambiguous, nearest first', () => {
    expect(formatAreaPath({ name: 'Kigwati', shortPath: ['Kigwati', 'Bugendana'] })).toBe('Kigwati · Bugendana');
    expect(new AreaPathPipe().transform({ name: 'Rugari', shortPath: ['Rugari'] })).toBe('Rugari');
  });

  it('falls back to the name when the path was not asked for, and to nothing without an area', () => {
    expect(formatAreaPath({ name: 'Gitega' })).toBe('Gitega');
    expect(formatAreaPath(null)).toBe('');
  });
});
