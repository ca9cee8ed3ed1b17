import { AbstractControl, FormArray, FormControl, FormGroup, ValidationErrors, Validators } from '@angular/forms';
import { dayOf, isoDay } from '@coremis/core-web';
import { NewMemberInput, Person, PersonInput, RecipientRole, Relationship, Sex, UpdateIndividualInput } from '../data/registry.queries';
import { ExtraFieldDef, extraFormGroup, ExtraFormGroup, extraValuesOf } from './extra-fields';
import { today } from './registry-format';

/** Same rules as the API. */
export const PHONE_PATTERN = /^\+?[0-9]{6,15}$/;
export const DOCUMENT_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ./-]*$/;
const NAME_MAX = 100;
const OTHER_NAMES_MAX = 200;
const OCCUPATION_MAX = 100;
const DOCUMENT_MAX = 60;
export const MAX_PHONES = 5;
export const MAX_DOCUMENTS = 10;

export type DocumentGroup = FormGroup<{ type: FormControl<string | null>; number: FormControl<string> }>;

export type PersonFormGroup = FormGroup<{
  givenName: FormControl<string>;
  familyName: FormControl<string>;
  otherNames: FormControl<string>;
  sex: FormControl<Sex | null>;
  birthDate: FormControl<Date | null>;
  estimatedAge: FormControl<number | null>;
  maritalStatus: FormControl<string | null>;
  disability: FormControl<string | null>;
  education: FormControl<string | null>;
  occupation: FormControl<string>;
  phones: FormControl<string>;
  documents: FormArray<DocumentGroup>;
  extra: ExtraFormGroup;
  relationship: FormControl<Relationship | null>;
  recipientRole: FormControl<RecipientRole | null>;
}>;

/** Phone numbers typed in one field, separated by commas, semicolons or spaces. */
export function splitPhones(text: string): string[] {
  return [...new Set(text.split(/[,;\s]+/).map((phone) => phone.trim()).filter(Boolean))];
}

function phoneList(control: AbstractControl<string>): ValidationErrors | null {
  const phones = splitPhones(control.value ?? '');
  if (phones.length > MAX_PHONES) return { tooManyPhones: { max: MAX_PHONES } };
  const wrong = phones.find((phone) => !PHONE_PATTERN.test(phone));
  return wrong ? { phone: { value: wrong } } : null;
}

function notInFuture(control: AbstractControl<Date | null>): ValidationErrors | null {
  const day = isoDay(control.value);
  return day && day > today() ? { future: true } : null;
}

function wholeNumber(control: AbstractControl<number | null>): ValidationErrors | null {
  return control.value === null || Number.isInteger(control.value) ? null : { integer: true };
}

export function documentGroup(type: string | null = null, number = ''): DocumentGroup {
  return new FormGroup({
    type: new FormControl<string | null>(type, Validators.required),
    number: new FormControl(number, {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(DOCUMENT_MAX), Validators.pattern(DOCUMENT_NUMBER_PATTERN)],
    }),
  });
}

/**
 * The fields of a person, filled with `person` when editing. `member` adds the relationship to the
 * head and the recipient role (registering or adding a household member).
 */
export function personFormGroup(extraFields: readonly ExtraFieldDef[], person?: Person | null, member?: { relationship: Relationship | null }): PersonFormGroup {
  const text = (value: string | null | undefined, max: number, required = false) =>
    new FormControl(value ?? '', { nonNullable: true, validators: [...(required ? [Validators.required] : []), Validators.maxLength(max)] });
  const estimated = !!person?.birthDateEstimated;
  return new FormGroup({
    givenName: text(person?.givenName, NAME_MAX, true),
    familyName: text(person?.familyName, NAME_MAX, true),
    otherNames: text(person?.otherNames, OTHER_NAMES_MAX),
    sex: new FormControl<Sex | null>(person?.sex ?? null, Validators.required),
    birthDate: new FormControl<Date | null>(estimated ? null : dayOf(person?.birthDate), { validators: notInFuture }),
    estimatedAge: new FormControl<number | null>(estimated ? (person?.age ?? null) : null, [Validators.min(0), Validators.max(120), wholeNumber]),
    maritalStatus: new FormControl<string | null>(person?.maritalStatus ?? null),
    disability: new FormControl<string | null>(person?.disability ?? null),
    education: new FormControl<string | null>(person?.education ?? null),
    occupation: text(person?.occupation, OCCUPATION_MAX),
    phones: new FormControl((person?.phones ?? []).join(', '), { nonNullable: true, validators: phoneList }),
    documents: new FormArray((person?.documents ?? []).map((doc) => documentGroup(doc.type, doc.number))),
    extra: extraFormGroup(extraFields, person?.extra ?? {}),
    relationship: new FormControl<Relationship | null>(member?.relationship ?? null, member ? Validators.required : []),
    recipientRole: new FormControl<RecipientRole | null>(null),
  });
}

function orNull(value: string): string | null {
  return value.trim() || null;
}

/** The person fields to send when registering someone. */
export function newPersonInput(group: PersonFormGroup): PersonInput {
  const value = group.getRawValue();
  const birthDate = isoDay(value.birthDate);
  return {
    givenName: value.givenName.trim(),
    familyName: value.familyName.trim(),
    otherNames: orNull(value.otherNames),
    sex: value.sex as Sex,
    ...(birthDate ? { birthDate } : value.estimatedAge !== null ? { estimatedAge: value.estimatedAge } : {}),
    maritalStatus: value.maritalStatus,
    disability: value.disability,
    education: value.education,
    occupation: orNull(value.occupation),
    phones: splitPhones(value.phones),
    documents: value.documents.map((doc) => ({ type: doc.type as string, number: doc.number.trim() })),
    extra: extraValuesOf(group.controls.extra),
  };
}

export function newMemberInput(group: PersonFormGroup): NewMemberInput {
  const value = group.getRawValue();
  return { ...newPersonInput(group), relationship: value.relationship as Relationship, recipientRole: value.recipientRole };
}

/**
 * The changes to send for an existing person. The date of birth is sent only when it was touched:
 * an estimated one would otherwise be estimated again.
 */
export function updatePersonInput(group: PersonFormGroup, person: Person): UpdateIndividualInput {
  const { birthDate, estimatedAge, ...rest } = newPersonInput(group);
  const birthTouched = group.controls.birthDate.dirty || group.controls.estimatedAge.dirty;
  const birth = birthDate ? { birthDate } : estimatedAge !== undefined && estimatedAge !== null ? { estimatedAge } : { birthDate: null };
  return {
    id: person.id,
    version: person.version,
    ...rest,
    extra: extraValuesOf(group.controls.extra, person.extra),
    ...(birthTouched ? birth : {}),
  };
}
