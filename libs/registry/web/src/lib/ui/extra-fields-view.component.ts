import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { LanguageService } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { ExtraValues } from '../data/registry.queries';
import { extraEntries, ExtraFieldDef } from './extra-fields';
import { DayPipe } from './registry-pipes';

/** The extra fields of a household or a person with their values, for reading. */
@Component({
  selector: 'cm-extra-fields-view',
  imports: [TranslatePipe, DayPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (entries().length) {
      <dl class="facts" data-testid="extra-fields">
        @for (entry of entries(); track entry.name) {
          <div class="fact" [attr.data-testid]="'extra-' + entry.name">
            <dt>{{ entry.field?.title ?? entry.name }}</dt>
            <dd>
              @if (entry.value === undefined || entry.value === null || entry.value === '') {
                <span class="muted">{{ 'registry.common.empty' | translate }}</span>
              } @else if (entry.value === true || entry.value === false) {
                {{ (entry.value ? 'registry.common.yes' : 'registry.common.no') | translate }}
              } @else if (entry.field?.type === 'date') {
                {{ $any(entry.value) | day: lang() }}
              } @else if (isObject(entry.value)) {
                <code>{{ json(entry.value) }}</code>
              } @else {
                {{ entry.value }}
              }
            </dd>
          </div>
        }
      </dl>
    } @else {
      <p class="muted none">{{ 'registry.extra.none' | translate }}</p>
    }
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
      gap: 12px 24px;
      margin: 0;
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 2px 0 0;
      overflow-wrap: anywhere;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .none {
      margin: 0;
    }
  `,
})
export class ExtraFieldsViewComponent {
  readonly fields = input.required<readonly ExtraFieldDef[]>();
  readonly values = input.required<ExtraValues>();
  protected readonly lang = inject(LanguageService).current;

  protected readonly entries = computed(() => extraEntries(this.fields(), this.values() ?? {}));

  protected isObject(value: unknown): boolean {
    return typeof value === 'object' && value !== null;
  }

  protected json(value: unknown): string {
    return JSON.stringify(value);
  }
}
