import { DebouncedText } from './debounced-text';

describe('DebouncedText', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('searches once the person pauses typing, trimmed', () => {
    const searched: string[] = [];
    const text = new DebouncedText((value) => searched.push(value), 300);
    text.type('T');
    jest.advanceTimersByTime(200);
    text.type('Tr');
    jest.advanceTimersByTime(200);
    text.type('Tra ');
    expect(searched).toEqual([]);
    jest.advanceTimersByTime(299);
    expect(searched).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(searched).toEqual(['Tra']);
    expect(text.settled()).toBe('Tra');
  });

  it('does not search again for the same text, and searches at once on Enter', () => {
    const searched: string[] = [];
    const text = new DebouncedText((value) => searched.push(value), 300);
    text.type('abc');
    text.flush();
    text.type('abc ');
    jest.advanceTimersByTime(300);
    expect(searched).toEqual(['abc']);
  });

  it('shows a value from the URL without searching, and a cancelled timer never fires', () => {
    const searched: string[] = [];
    const text = new DebouncedText((value) => searched.push(value), 300);
    text.type('x');
    text.reset('from url');
    jest.advanceTimersByTime(1000);
    expect(searched).toEqual([]);
    expect([text.text(), text.settled()]).toEqual(['from url', 'from url']);
  });
});
