import { ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal } from '@angular/core';
import { AbstractControl, FormArray, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltip } from '@angular/material/tooltip';
import { approvalPending, areaChosen, AreaPickerComponent, AreaValue, dayOf, ErrorBannerComponent, isArea, isoDay, LanguageService, provideDatepickerLabels, revealFirstError, showServerFieldErrors, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import { Household, HOUSEHOLD_STATUSES, HouseholdStatus } from '../data/registry.queries';
import { RegistryService, Vocabulary } from '../data/registry.service';
import { DwellingFieldsComponent } from '../ui/dwelling-fields.component';
import { dwellingFormGroup, dwellingInput } from '../ui/dwelling-form';
import { ExtraFieldDef, extraFieldsOf, extraFormGroup, extraValuesOf } from '../ui/extra-fields';
import { ExtraFieldsFormComponent } from '../ui/extra-fields-form.component';
import { PersonFieldsComponent } from '../ui/person-fields.component';
import { newMemberInput, personFormGroup, PersonFormGroup } from '../ui/person-form';
import { CodePipe } from '../ui/registry-pipes';
import { personName, today } from '../ui/registry-format';

export const MAX_ROSTER = 50;

export interface HouseholdDialogData {
  /** The household to edit; registers a new one when absent. */
  readonly household?: Household;
  readonly vocabulary: Vocabulary;
  readonly householdFields: readonly ExtraFieldDef[];
  readonly individualFields: readonly ExtraFieldDef[];
}

/** What the dialog closes with: the household saved, or the news that the change waits for approval. */
export type HouseholdDialogResult = { readonly id: string; readonly code: string } | { readonly sentForApproval: true };

/** One head, at most one primary and one alternate recipient. */
function rosterRules(control: AbstractControl): ValidationErrors | null {
  const members = (control as FormArray<PersonFormGroup>).controls.map((member) => member.getRawValue());
  if (members.length === 0) return null; // editing: the roster is changed from the household page
  const heads = members.filter((member) => member.relationship === 'HEAD').length;
  if (heads === 0) return { noHead: true };
  if (heads > 1) return { severalHeads: true };
  for (const role of ['PRIMARY', 'ALTERNATE'] as const) {
    if (members.filter((member) => member.recipientRole === role).length > 1) return { severalRecipients: { role } };
  }
  return null;
}

/**
 * Registers a household with its roster (area, dwelling, extra fields and at least the head), or edits
 * a household's area, status, dwelling and extra fields.
 */
@Component({
  providers: [provideDatepickerLabels()],
  selector: 'cm-household-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInput,
    MatDatepickerModule,
    MatSelectModule,
    MatButton,
    MatIconButton,
    MatIcon,
    MatTooltip,
    TranslatePipe,
    ErrorBannerComponent,
    ValidationMessagePipe,
    CodePipe,
    AreaPickerComponent,
    DwellingFieldsComponent,
    ExtraFieldsFormComponent,
    PersonFieldsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './household-dialog.component.html',
  styleUrl: './household-dialog.component.scss',
})
export class HouseholdDialogComponent {
  protected readonly data = inject<HouseholdDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<HouseholdDialogComponent, HouseholdDialogResult>>(MatDialogRef);
  private readonly registry = inject(RegistryService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  protected readonly lang = inject(LanguageService).current;

  protected readonly household = this.data.household ?? null;
  protected readonly statuses = HOUSEHOLD_STATUSES;
  protected readonly today = new Date();
  protected readonly maxRoster = MAX_ROSTER;
  protected readonly saving = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly errorMessageKey = signal<string | undefined>(undefined);
  protected readonly personName = personName;

  protected readonly form = new FormGroup({
    area: new FormControl<AreaValue>(this.household?.area ?? null, [Validators.required, areaChosen]),
    registrationDate: new FormControl<Date | null>(dayOf(this.household?.registrationDate ?? today())),
    status: new FormControl<HouseholdStatus>(this.household?.status ?? 'ACTIVE', { nonNullable: true }),
    dwelling: dwellingFormGroup(this.household),
    extra: extraFormGroup(this.data.householdFields, this.household?.extra ?? {}),
    members: new FormArray<PersonFormGroup>(
      this.household ? [] : [personFormGroup(this.data.individualFields, null, { relationship: 'HEAD' })],
      rosterRules,
    ),
  });

  protected addMember(): void {
    const members = this.form.controls.members;
    if (members.length >= MAX_ROSTER) return;
    members.push(personFormGroup(this.data.individualFields, null, { relationship: null }));
  }

  protected removeMember(index: number): void {
    this.form.controls.members.removeAt(index);
  }

  protected rosterError(): string | null {
    const errors = this.form.controls.members.errors;
    if (!errors) return null;
    if (typeof errors['server'] === 'string') return errors['server'];
    return null;
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      revealFirstError(this.host, this.injector);
      return;
    }
    const value = this.form.getRawValue();
    const area = value.area;
    if (!isArea(area)) return;
    this.saving.set(true);
    this.error.set(null);
    this.errorMessageKey.set(undefined);
    try {
      if (this.household) {
        await this.registry.updateHousehold({
          id: this.household.id,
          version: this.household.version,
          ...(area.id !== this.household.area.id ? { areaId: area.id } : {}),
          status: value.status,
          ...dwellingInput(this.form.controls.dwelling),
          extra: extraValuesOf(this.form.controls.extra, this.household.extra),
        });
        this.dialogRef.close({ id: this.household.id, code: this.household.code });
      } else {
        const created = await this.registry.createHousehold({
          areaId: area.id,
          registrationDate: isoDay(value.registrationDate),
          ...dwellingInput(this.form.controls.dwelling),
          extra: extraValuesOf(this.form.controls.extra),
          members: this.form.controls.members.controls.map((member) => newMemberInput(member)),
        });
        this.dialogRef.close(created);
      }
    } catch (error) {
      if (approvalPending(error)) {
        this.dialogRef.close({ sentForApproval: true });
        return;
      }
      this.error.set(error);
      if (showServerFieldErrors(this.form, error, SERVER_FIELD_ALIASES)) this.errorMessageKey.set('registry.forms.fixFields');
      revealFirstError(this.host, this.injector);
    } finally {
      this.saving.set(false);
    }
  }
}

/** Where the form holds the fields the API names. */
const SERVER_FIELD_ALIASES: Readonly<Record<string, string>> = {
  areaId: 'area',
  ...Object.fromEntries(
    ['address', 'latitude', 'longitude', 'rooms', 'wallMaterial', 'roofMaterial', 'floorMaterial', 'waterSource', 'sanitation', 'lighting', 'cookingFuel', 'assets'].map(
      (name) => [name, `dwelling.${name}`],
    ),
  ),
};

/** Loads what the form needs (coded values, extra fields), then opens it. */
export async function openHouseholdDialog(
  dialog: MatDialog,
  registry: RegistryService,
  household?: Household,
): Promise<Observable<HouseholdDialogResult | undefined>> {
  const [vocabulary, householdSchema, individualSchema] = await Promise.all([
    registry.vocabulary(),
    registry.fieldSchema('HOUSEHOLD'),
    registry.fieldSchema('INDIVIDUAL'),
  ]);
  return dialog
    .open<HouseholdDialogComponent, HouseholdDialogData, HouseholdDialogResult>(HouseholdDialogComponent, {
      data: {
        household,
        vocabulary,
        householdFields: extraFieldsOf(householdSchema.schema),
        individualFields: extraFieldsOf(individualSchema.schema),
      },
      width: '960px',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
      disableClose: true,
    })
    .afterClosed();
}
