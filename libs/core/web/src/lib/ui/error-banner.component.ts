import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import { toUserError } from '../graphql/user-error';

/**
 * Explains a failed request: the server's own (translated) message when it sent one, otherwise a
 * plain-language description of what went wrong, such as the server being unreachable.
 */
@Component({
  selector: 'cm-error-banner',
  imports: [MatButton, MatIconButton, MatIcon, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'alert', 'data-testid': 'error-banner' },
  template: `
    <div class="banner">
      <mat-icon class="icon" aria-hidden="true">error_outline</mat-icon>
      <div class="text">
        @if (titleKey()) {
          <strong>{{ titleKey()! | translate }}</strong>
        }
        <span>{{ messageKey() ? (messageKey()! | translate) : (userError().message ?? (userError().messageKey! | translate)) }}</span>
      </div>
      @if (retryable() || dismissible()) {
        <div class="actions">
          @if (retryable()) {
            <button mat-button type="button" (click)="retry.emit()">{{ 'core.actions.retry' | translate }}</button>
          }
          @if (dismissible()) {
            <button mat-icon-button type="button" [attr.aria-label]="'core.actions.close' | translate" (click)="dismiss.emit()">
              <mat-icon>close</mat-icon>
            </button>
          }
        </div>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
      container-type: inline-size;
      margin-bottom: 16px;
    }
    .banner {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 8px 8px 8px 16px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      font: var(--mat-sys-body-medium);
    }
    .icon {
      flex: none;
    }
    .text {
      flex: 1;
      display: flex;
      flex-direction: column;
      gap: 2px;
      padding: 8px 0;
      white-space: pre-line;
    }
    .actions {
      flex: none;
      display: flex;
      align-items: center;
      --mat-button-text-label-text-color: var(--mat-sys-on-error-container);
      --mat-icon-button-icon-color: var(--mat-sys-on-error-container);
    }
    /* In narrow places such as the side navigation, the buttons go under the text. */
    @container (max-width: 400px) {
      .banner {
        flex-wrap: wrap;
        align-items: flex-start;
      }
      .icon {
        margin-top: 8px;
      }
      .text {
        flex-basis: calc(100% - 52px);
      }
      .actions {
        margin: -8px 0 0 auto;
      }
    }
  `,
})
export class ErrorBannerComponent {
  readonly error = input.required<unknown>();
  /** Optional bold first line, e.g. "The area could not be saved". */
  readonly titleKey = input<string>();
  /** Replaces the error's own message, e.g. when its details are already shown next to form fields. */
  readonly messageKey = input<string>();
  readonly retryable = input(false);
  readonly dismissible = input(false);
  readonly retry = output<void>();
  readonly dismiss = output<void>();

  protected readonly userError = computed(() => toUserError(this.error()));
}
