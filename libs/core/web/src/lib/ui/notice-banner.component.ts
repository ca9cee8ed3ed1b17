import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';

export type NoticeKind = 'info' | 'success' | 'warning';

const ICONS: Record<NoticeKind, string> = { info: 'info', success: 'check_circle', warning: 'warning' };

/** A short message that is not an error: a session that ended, a request sent for approval, a check that passed. */
@Component({
  selector: 'cm-notice-banner',
  imports: [MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'status', '[class]': 'kind()' },
  template: `
    <mat-icon class="icon" aria-hidden="true">{{ icon() }}</mat-icon>
    <div class="text"><ng-content /></div>
  `,
  styles: `
    :host {
      display: flex;
      align-items: flex-start;
      gap: 12px;
      padding: 12px 16px;
      margin-bottom: 16px;
      border-radius: var(--mat-sys-corner-medium);
      font: var(--mat-sys-body-medium);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    :host(.success) {
      background: #d7f0dd;
      color: #0f3d1c;
    }
    :host(.warning) {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .icon {
      flex: none;
    }
    .text {
      flex: 1;
      align-self: center;
      overflow-wrap: anywhere;
    }
  `,
})
export class NoticeBannerComponent {
  readonly kind = input<NoticeKind>('info');
  protected readonly icon = computed(() => ICONS[this.kind()]);
}
