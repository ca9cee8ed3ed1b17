import { ChangeDetectionStrategy, Component, effect, input, OnDestroy, output, untracked } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import { DebouncedText } from './debounced-text';

/**
 * The search box of a list: searches once the person pauses typing (or presses Enter), Escape or
 * the cross clears it. `value` is what is searched now (from the URL); `search` says the new text.
 */
@Component({
  selector: 'cm-search-field',
  imports: [MatFormFieldModule, MatInput, MatIcon, MatIconButton, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field class="field" appearance="outline" subscriptSizing="dynamic">
      <mat-icon matPrefix>search</mat-icon>
      <mat-label>{{ label() | translate }}</mat-label>
      <input
        #box
        matInput
        type="search"
        autocomplete="off"
        [value]="text.text()"
        (input)="text.type(box.value)"
        (keydown.enter)="text.flush()"
        (keydown.escape)="clear()"
        [attr.data-testid]="testId()"
      />
      @if (hint()) {
        <mat-hint>{{ hint()! | translate }}</mat-hint>
      }
      @if (text.text()) {
        <button mat-icon-button matSuffix type="button" [attr.aria-label]="'core.list.clearSearch' | translate" (click)="clear()">
          <mat-icon>close</mat-icon>
        </button>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
      flex: 1 1 280px;
      max-width: 480px;
    }
    .field {
      width: 100%;
    }
  `,
})
export class SearchFieldComponent implements OnDestroy {
  /** Translation keys. */
  readonly label = input.required<string>();
  readonly hint = input<string>();
  readonly value = input<string | null>('');
  readonly testId = input('search');
  readonly search = output<string>();

  protected readonly text = new DebouncedText((text) => this.search.emit(text));

  constructor() {
    // the URL changed (back button, a saved search, clear filters): show what is searched
    effect(() => {
      const value = this.value() ?? '';
      untracked(() => {
        if (value !== this.text.settled()) this.text.reset(value);
      });
    });
  }

  protected clear(): void {
    this.text.type('');
    this.text.flush();
  }

  ngOnDestroy(): void {
    this.text.cancel();
  }
}
