import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { PRODUCT_NAME } from '../i18n/translated-title.strategy';
import { LanguageSwitcherComponent } from '../layout/language-switcher.component';
import { InlineIconComponent } from '../ui/inline-icon.component';

/** The frame of the pages shown before the application: sign-in, forced password change. */
@Component({
  selector: 'cm-auth-layout',
  imports: [InlineIconComponent, LanguageSwitcherComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="top">
      <span class="brand">
        <cm-inline-icon class="brand-icon" name="brand" />
        <span>{{ productName }}</span>
      </span>
      <cm-language-switcher />
    </header>
    <main class="page">
      <section class="card" [class.wide]="wide()">
        <ng-content />
      </section>
    </main>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100dvh;
      background:
        radial-gradient(circle at 15% 0%, color-mix(in srgb, var(--mat-sys-primary) 14%, transparent), transparent 45%),
        var(--mat-sys-surface-container-low);
    }
    .top {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 16px;
      padding: 12px 24px;
    }
    .brand {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      font: var(--mat-sys-title-large);
      color: var(--mat-sys-primary);
    }
    .brand-icon {
      width: 28px;
      height: 28px;
    }
    .page {
      flex: 1;
      display: flex;
      align-items: flex-start;
      justify-content: center;
      padding: 24px 16px 48px;
    }
    .card {
      box-sizing: border-box;
      width: 100%;
      max-width: 480px;
      padding: 32px;
      transition: max-width 150ms ease;
    }
    .card.wide {
      max-width: 600px;
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface);
      box-shadow: var(--mat-sys-level1);
    }
    @media (max-width: 599.98px) {
      .top {
        padding: 8px 12px;
      }
      .card {
        padding: 24px 16px;
      }
    }
  `,
})
export class AuthLayoutComponent {
  /** For steps with more to show (QR code, recovery codes). */
  readonly wide = input(false);
  protected readonly productName = PRODUCT_NAME;
}
