import { ChangeDetectionStrategy, Component, computed, inject, Injector, input, resource } from '@angular/core';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { APPROVAL_DETAILS_RESOLVERS } from '../../approvals/approval-details';
import { LanguageService } from '../../i18n/language.service';
import { displayValue, fieldLabel } from '../data/readable';
import { unwrapPayload } from './approval-format';

const LONG_TEXT = 160;

interface Field {
  /** Dotted path in the payload. */
  readonly key: string;
  /** The last name of the path, which resolvers know. */
  readonly name: string;
  readonly label: string;
  readonly raw: unknown;
  readonly value: string;
  /** Multi-line or long values (a CSV file) show in a scrolling box. */
  readonly long: boolean;
}

/** Nested objects become "Parent › child" labels. */
function flatten(value: unknown, path: string[], out: { path: string[]; value: unknown }[]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, [...path, key], out);
    return;
  }
  out.push({ path, value });
}

/** The arguments of a request, as a list of fields and values anyone can read. */
@Component({
  selector: 'cm-payload-view',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (fields().length) {
      <dl class="fields" data-testid="payload-fields">
        @for (field of fields(); track field.key) {
          <dt>{{ field.label }}</dt>
          @if (field.long) {
            <dd><pre class="long">{{ field.value }}</pre></dd>
          } @else if (nameOf(field); as name) {
            <dd [attr.data-field]="field.key">{{ name }}</dd>
          } @else {
            <dd [attr.data-field]="field.key" [class.id]="isId(field.raw)">{{ field.value }}</dd>
          }
        }
      </dl>
    } @else {
      <p class="none">{{ 'core.admin.approvals.noDetails' | translate }}</p>
    }
  `,
  styles: `
    .fields {
      display: grid;
      grid-template-columns: minmax(120px, max-content) minmax(0, 1fr);
      gap: 6px 16px;
      margin: 0;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
      font-weight: 500;
    }
    dd.id {
      font: 12px/1.6 'Roboto Mono', ui-monospace, monospace;
      color: var(--mat-sys-on-surface-variant);
    }
    .long {
      margin: 0;
      max-height: 160px;
      overflow: auto;
      padding: 8px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-high);
      font: 12px/1.5 'Roboto Mono', ui-monospace, monospace;
      white-space: pre;
    }
    .none {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class PayloadViewComponent {
  /** The operation code, e.g. `geo.areas.create`. */
  readonly operation = input.required<string>();
  readonly payload = input.required<Readonly<Record<string, unknown>> | null>();

  private readonly translate = inject(TranslateService);
  private readonly injector = inject(Injector);
  private readonly language = inject(LanguageService);
  private readonly resolvers = inject(APPROVAL_DETAILS_RESOLVERS, { optional: true }) ?? [];

  protected readonly fields = computed<Field[]>(() => {
    this.language.current();
    const flat: { path: string[]; value: unknown }[] = [];
    flatten(unwrapPayload(this.payload()), [], flat);
    return flat
      .filter((item) => item.path.length > 0)
      .map((item) => {
        const value = displayValue(this.translate, item.value);
        return {
          key: item.path.join('.'),
          name: item.path[item.path.length - 1],
          label: item.path.map((name) => fieldLabel(this.translate, name)).join(' › '),
          raw: item.value,
          value,
          long: value.length > LONG_TEXT || value.includes('\n'),
        };
      });
  });

  /** Names of the records the request refers to, by field name then id. */
  private readonly names = resource({
    params: () => ({ operation: this.operation(), fields: this.fields(), lang: this.language.current() }),
    loader: async ({ params }) => {
      const names = new Map<string, ReadonlyMap<string, string>>();
      for (const source of this.resolvers) {
        const resolver = await source();
        if (!params.operation.startsWith(resolver.operationPrefix)) continue;
        for (const field of resolver.fields) {
          const ids = params.fields.filter((f) => f.name === field && typeof f.raw === 'string').map((f) => f.raw as string);
          if (ids.length) names.set(field, await resolver.resolve(field, ids, this.injector).catch(() => new Map<string, string>()));
        }
      }
      return names;
    },
  });

  protected nameOf(field: Field): string | undefined {
    if (typeof field.raw !== 'string' || !this.names.hasValue()) return undefined;
    return this.names.value().get(field.name)?.get(field.raw);
  }

  protected isId(value: unknown): boolean {
    return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
  }
}
