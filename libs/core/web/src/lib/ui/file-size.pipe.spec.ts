import { formatFileSize } from './file-size.pipe';

describe('file sizes', () => {
  it('are shown in the unit that fits, with the language\'s decimal sign', () => {
    expect(formatFileSize(999, 'en')).toBe('999 B');
    expect(formatFileSize(1_234_567, 'en')).toBe('1.2 MB');
    expect(formatFileSize(1_234_567, 'fr')).toBe('1,2 MB');
    expect(formatFileSize(5_000, 'pt')).toBe('5 kB');
  });
});
