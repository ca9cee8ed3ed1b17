import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltip } from '@angular/material/tooltip';
import { LanguageService, provideDatepickerLabels, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { RECIPIENT_ROLES, Relationship, RELATIONSHIPS, SEXES } from '../data/registry.queries';
import { Vocabulary } from '../data/registry.service';
import { ExtraFieldDef } from './extra-fields';
import { ExtraFieldsFormComponent } from './extra-fields-form.component';
import { documentGroup, MAX_DOCUMENTS, PersonFormGroup } from './person-form';
import { CodePipe } from './registry-pipes';

/**
 * The fields of a person: names, sex, birth, situation, phones, documents and extra fields; with
 * `member`, also the relationship to the head and the recipient role.
 */
@Component({
  providers: [provideDatepickerLabels()],
  selector: 'cm-person-fields',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInput,
    MatDatepickerModule,
    MatSelectModule,
    MatButton,
    MatIconButton,
    MatIcon,
    MatTooltip,
    TranslatePipe,
    ValidationMessagePipe,
    CodePipe,
    ExtraFieldsFormComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './person-fields.component.html',
  styleUrl: './person-fields.component.scss',
})
export class PersonFieldsComponent {
  readonly group = input.required<PersonFormGroup>();
  readonly vocabulary = input.required<Vocabulary>();
  readonly extraFields = input<readonly ExtraFieldDef[]>([]);
  /** Shows the relationship to the head and the recipient role. */
  readonly member = input(false);
  /** Relationships that can be chosen (the head is left out when the household has one). */
  readonly relationships = input<readonly Relationship[]>(RELATIONSHIPS);
  /** Prefix of the test ids, e.g. `member-0-`. */
  readonly testIdPrefix = input('person-');

  protected readonly lang = inject(LanguageService).current;
  protected readonly sexes = SEXES;
  protected readonly roles = RECIPIENT_ROLES;
  protected readonly maxDocuments = MAX_DOCUMENTS;
  protected readonly today = new Date();
  protected readonly codes = computed(() => {
    const vocabulary = this.vocabulary();
    return {
      maritalStatus: vocabulary.get('maritalStatus') ?? [],
      disability: vocabulary.get('disability') ?? [],
      education: vocabulary.get('education') ?? [],
      documentType: vocabulary.get('documentType') ?? [],
    };
  });
  protected readonly messages = {
    phone: 'registry.forms.phone',
    tooManyPhones: 'registry.forms.tooManyPhones',
    future: 'registry.forms.future',
    integer: 'registry.forms.integer',
    min: 'registry.forms.age',
    max: 'registry.forms.age',
    pattern: 'registry.forms.documentNumber',
  };

  protected addDocument(): void {
    const documents = this.group().controls.documents;
    if (documents.length >= MAX_DOCUMENTS) return;
    documents.push(documentGroup(this.codes().documentType[0] ?? null));
  }

  protected removeDocument(index: number): void {
    this.group().controls.documents.removeAt(index);
    this.group().markAsDirty();
  }
}
