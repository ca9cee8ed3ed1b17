import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { TranslatePipe } from '@ngx-translate/core';

@Component({
  selector: 'cm-loading-indicator',
  imports: [MatProgressSpinner, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'status', 'aria-live': 'polite', 'data-testid': 'loading' },
  template: `
    <mat-progress-spinner mode="indeterminate" diameter="32" aria-hidden="true" />
    <span>{{ labelKey() | translate }}</span>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 16px;
      padding: 32px 16px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class LoadingIndicatorComponent {
  readonly labelKey = input('core.loading');
}
