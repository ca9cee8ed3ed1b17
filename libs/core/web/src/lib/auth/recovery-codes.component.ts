import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, DOCUMENT, inject, input, output, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatIcon } from '@angular/material/icon';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { PRODUCT_NAME } from '../i18n/translated-title.strategy';
import { NoticeBannerComponent } from '../ui/notice-banner.component';

/** Shows the recovery codes once, right after the set-up, until the person confirms they saved them. */
@Component({
  selector: 'cm-recovery-codes',
  imports: [MatButton, MatCheckbox, MatIcon, TranslatePipe, NoticeBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <cm-notice-banner kind="success">{{ 'core.auth.recovery.enabled' | translate }}</cm-notice-banner>
    <h2 class="title">{{ 'core.auth.recovery.title' | translate }}</h2>
    <p class="intro">{{ 'core.auth.recovery.intro' | translate }}</p>
    <ul class="codes" data-testid="recovery-codes">
      @for (code of codes(); track code) {
        <li><code>{{ code }}</code></li>
      }
    </ul>
    <div class="tools">
      <button mat-stroked-button type="button" (click)="copy()">
        <mat-icon>{{ copied() ? 'check' : 'content_copy' }}</mat-icon>
        {{ (copied() ? 'core.auth.recovery.copied' : 'core.auth.recovery.copy') | translate }}
      </button>
      <button mat-stroked-button type="button" (click)="download()">
        <mat-icon>download</mat-icon>
        {{ 'core.auth.recovery.download' | translate }}
      </button>
    </div>
    <mat-checkbox [checked]="saved()" (change)="saved.set($event.checked)" data-testid="recovery-saved">
      {{ 'core.auth.recovery.saved' | translate }}
    </mat-checkbox>
    <div class="actions">
      <button mat-flat-button type="button" [disabled]="!saved()" (click)="confirmed.emit()" data-testid="recovery-continue">
        {{ continueKey() | translate }}
      </button>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .title {
      font: var(--mat-sys-title-large);
      margin: 0 0 8px;
    }
    .intro {
      margin: 0 0 16px;
      color: var(--mat-sys-on-surface-variant);
    }
    .codes {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
      gap: 8px;
      margin: 0 0 16px;
      padding: 16px;
      list-style: none;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-high);
    }
    code {
      font-family: 'Roboto Mono', ui-monospace, monospace;
      font-size: 15px;
      letter-spacing: 0.05em;
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-bottom: 16px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      margin-top: 16px;
    }
  `,
})
export class RecoveryCodesComponent {
  readonly codes = input.required<readonly string[]>();
  readonly continueKey = input('core.auth.recovery.continue');
  readonly confirmed = output<void>();

  private readonly clipboard = inject(Clipboard);
  private readonly document = inject(DOCUMENT);
  private readonly translate = inject(TranslateService);
  protected readonly saved = signal(false);
  protected readonly copied = signal(false);

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.codes().join('\n')));
  }

  protected download(): void {
    const heading = this.translate.instant('core.auth.recovery.fileHeading', { product: PRODUCT_NAME });
    const blob = new Blob([`${heading}\n\n${this.codes().join('\n')}\n`], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = this.document.createElement('a');
    link.href = url;
    link.download = `${PRODUCT_NAME.toLowerCase()}-recovery-codes.txt`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
