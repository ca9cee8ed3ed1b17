import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { LanguageService } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { IndividualDocument } from '../data/registry.queries';
import { CodePipe } from './registry-pipes';

/** A person's identity documents (type over number), in a table cell of the people lists. */
@Component({
  selector: 'cm-person-documents',
  imports: [TranslatePipe, CodePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (doc of documents(); track doc.id) {
      <div class="doc">
        <span class="type">{{ doc.type | code: 'documentType' : lang() }}</span>
        <span class="number">{{ doc.number }}</span>
      </div>
    } @empty {
      <span class="type">{{ 'registry.common.empty' | translate }}</span>
    }
  `,
  styles: `
    .doc {
      display: flex;
      flex-direction: column;
      padding: 2px 0;
    }
    .type {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .number {
      font-family: 'Roboto Mono', ui-monospace, monospace;
      white-space: nowrap;
    }
  `,
})
export class PersonDocumentsComponent {
  readonly documents = input.required<readonly Pick<IndividualDocument, 'id' | 'type' | 'number'>[]>();
  protected readonly lang = inject(LanguageService).current;
}
