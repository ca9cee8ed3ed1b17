import { signal } from '@angular/core';

export const SEARCH_DEBOUNCE_MS = 300;

/**
 * What a person types, and what is searched once they pause typing: `settled` changes only after
 * `delayMs` without a key stroke, trimmed, and only when it differs from what was searched.
 */
export class DebouncedText {
  readonly text = signal('');
  private readonly settledText = signal('');
  readonly settled = this.settledText.asReadonly();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly onSettled: (text: string) => void = () => undefined,
    private readonly delayMs = SEARCH_DEBOUNCE_MS,
  ) {}

  /** A key stroke. */
  type(text: string): void {
    this.text.set(text);
    this.cancel();
    this.timer = setTimeout(() => this.settle(), this.delayMs);
  }

  /** Shows a value that came from elsewhere (the URL, a saved search) without searching again. */
  reset(text: string): void {
    this.cancel();
    this.text.set(text);
    this.settledText.set(text.trim());
  }

  /** Searches now (Enter, the clear button). */
  flush(): void {
    this.cancel();
    this.settle();
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private settle(): void {
    this.timer = null;
    const text = this.text().trim();
    if (text === this.settledText()) return;
    this.settledText.set(text);
    this.onSettled(text);
  }
}
