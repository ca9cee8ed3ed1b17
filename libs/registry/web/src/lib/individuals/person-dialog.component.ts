import { ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { approvalPending, ErrorBannerComponent, revealFirstError, showServerFieldErrors } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import { Person, Relationship, RELATIONSHIPS } from '../data/registry.queries';
import { RegistryService, Vocabulary } from '../data/registry.service';
import { ExtraFieldDef, extraFieldsOf } from '../ui/extra-fields';
import { PersonFieldsComponent } from '../ui/person-fields.component';
import { newMemberInput, personFormGroup, updatePersonInput } from '../ui/person-form';
import { personName } from '../ui/registry-format';

export interface PersonDialogData {
  /** The person to edit; adds a new member to `household` when absent. */
  readonly person?: Person;
  readonly household?: { readonly id: string; readonly code: string; readonly hasHead: boolean };
  readonly vocabulary: Vocabulary;
  readonly extraFields: readonly ExtraFieldDef[];
}

export type PersonDialogResult = 'saved' | 'sentForApproval';

/** Edits a person's details, or adds a new person to a household's roster. */
@Component({
  selector: 'cm-person-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButton, TranslatePipe, ErrorBannerComponent, PersonFieldsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      @if (person) {
        {{ 'registry.personForm.editTitle' | translate: { name: name } }}
      } @else {
        {{ 'registry.personForm.addTitle' | translate: { code: data.household?.code } }}
      }
    </h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="person-form">
      <mat-dialog-content>
        @if (error(); as error) {
          <cm-error-banner [error]="error" titleKey="registry.personForm.saveFailed" [messageKey]="errorMessageKey()" />
        }
        <cm-person-fields
          [group]="form"
          [vocabulary]="data.vocabulary"
          [extraFields]="data.extraFields"
          [member]="!person"
          [relationships]="relationships"
        />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close data-testid="person-form-cancel">{{ 'core.actions.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()" data-testid="person-form-save">
          {{ (saving() ? 'registry.forms.saving' : person ? 'registry.forms.save' : 'registry.personForm.add') | translate }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      padding-top: 8px;
    }
  `,
})
export class PersonDialogComponent {
  protected readonly data = inject<PersonDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<PersonDialogComponent, PersonDialogResult>>(MatDialogRef);
  private readonly registry = inject(RegistryService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly injector = inject(Injector);

  protected readonly person = this.data.person ?? null;
  protected readonly name = personName(this.person);
  protected readonly relationships: readonly Relationship[] = this.data.household?.hasHead
    ? RELATIONSHIPS.filter((relationship) => relationship !== 'HEAD')
    : RELATIONSHIPS;
  protected readonly form = personFormGroup(this.data.extraFields, this.person, this.person ? undefined : { relationship: null });
  protected readonly saving = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly errorMessageKey = signal<string | undefined>(undefined);

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      revealFirstError(this.host, this.injector);
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    this.errorMessageKey.set(undefined);
    try {
      if (this.person) await this.registry.updateIndividual(updatePersonInput(this.form, this.person));
      else if (this.data.household) await this.registry.addMember(this.data.household.id, newMemberInput(this.form));
      this.dialogRef.close('saved');
    } catch (error) {
      if (approvalPending(error)) {
        this.dialogRef.close('sentForApproval');
        return;
      }
      this.error.set(error);
      if (showServerFieldErrors(this.form, error)) this.errorMessageKey.set('registry.forms.fixFields');
      revealFirstError(this.host, this.injector);
    } finally {
      this.saving.set(false);
    }
  }
}

/** Loads what the form needs (coded values, extra fields), then opens it. */
export async function openPersonDialog(
  dialog: MatDialog,
  registry: RegistryService,
  data: Omit<PersonDialogData, 'vocabulary' | 'extraFields'>,
): Promise<Observable<PersonDialogResult | undefined>> {
  const [vocabulary, schema] = await Promise.all([registry.vocabulary(), registry.fieldSchema('INDIVIDUAL')]);
  return dialog
    .open<PersonDialogComponent, PersonDialogData, PersonDialogResult>(PersonDialogComponent, {
      data: { ...data, vocabulary, extraFields: extraFieldsOf(schema.schema) },
      width: '860px',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
      disableClose: true,
    })
    .afterClosed();
}
