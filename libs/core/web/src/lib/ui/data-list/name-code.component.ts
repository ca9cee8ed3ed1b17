import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A record's name over its code (a user and their user name, a role and its code), in a table cell. */
@Component({
  selector: 'cm-name-code',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<strong>{{ name() }}</strong><span class="code">{{ code() }}</span>`,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      padding: 6px 0;
    }
    .code {
      color: var(--mat-sys-on-surface-variant);
      font-family: 'Roboto Mono', ui-monospace, monospace;
      font-size: 13px;
    }
  `,
})
export class NameCodeComponent {
  readonly name = input.required<string>();
  readonly code = input.required<string>();
}
