import { ComponentType } from '@angular/cdk/portal';
import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { approvalPending, ErrorBannerComponent, LanguageService, showServerFieldErrors, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { debounceTime, Observable } from 'rxjs';
import { Household, HouseholdRow, LEAVE_REASONS, Person, Relationship, RELATIONSHIPS } from '../data/registry.queries';
import { RegistryService } from '../data/registry.service';
import { CodePipe } from '../ui/registry-pipes';
import { personName } from '../ui/registry-format';

/** How a roster change ended: done, or waiting for another person's approval. */
export type RosterResult = 'done' | 'sentForApproval';

export interface RosterDialogData {
  readonly household: Household;
  readonly person: Person;
}

const NOT_HEAD: readonly Relationship[] = RELATIONSHIPS.filter((relationship) => relationship !== 'HEAD');

/** The shared saving logic of the roster dialogs: errors under the fields, approval notice. */
abstract class RosterDialog {
  protected readonly data = inject<RosterDialogData>(MAT_DIALOG_DATA);
  protected readonly dialogRef = inject<MatDialogRef<unknown, RosterResult>>(MatDialogRef);
  protected readonly registry = inject(RegistryService);
  protected readonly lang = inject(LanguageService).current;
  protected readonly saving = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly errorMessageKey = signal<string | undefined>(undefined);
  protected readonly name = personName(this.data.person);
  protected abstract readonly form: FormGroup;

  protected async run(action: () => Promise<void>, aliases: Readonly<Record<string, string>> = {}): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    this.errorMessageKey.set(undefined);
    try {
      await action();
      this.dialogRef.close('done');
    } catch (error) {
      if (approvalPending(error)) {
        this.dialogRef.close('sentForApproval');
        return;
      }
      this.error.set(error);
      if (showServerFieldErrors(this.form, error, aliases)) this.errorMessageKey.set('registry.forms.fixFields');
    } finally {
      this.saving.set(false);
    }
  }
}

const DIALOG_IMPORTS = [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatSelectModule, MatButton, TranslatePipe, ErrorBannerComponent, ValidationMessagePipe, CodePipe];
const DIALOG_STYLES = `
  mat-dialog-content {
    display: flex;
    flex-direction: column;
    gap: 16px;
  }
  p {
    margin: 0;
  }
  .hint {
    color: var(--mat-sys-on-surface-variant);
  }
  mat-form-field {
    width: 100%;
  }
  .mono {
    font-family: 'Roboto Mono', ui-monospace, monospace;
  }
  .destructive {
    --mat-button-filled-container-color: var(--mat-sys-error);
    --mat-button-filled-label-text-color: var(--mat-sys-on-error);
  }
`;

/** Makes a member the head; asks what the former head becomes to the new one. */
@Component({
  selector: 'cm-set-head-dialog',
  imports: DIALOG_IMPORTS,
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: DIALOG_STYLES,
  template: `
    <h2 mat-dialog-title>{{ 'registry.roster.setHeadTitle' | translate }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="set-head-form">
      <mat-dialog-content>
        <p>{{ 'registry.roster.setHeadMessage' | translate: { name: name, code: data.household.code } }}</p>
        @if (error(); as error) {
          <cm-error-banner [error]="error" titleKey="registry.roster.failed" [messageKey]="errorMessageKey()" />
        }
        @if (previousHead) {
          <p>{{ 'registry.roster.previousHeadRelationship' | translate: { name: headName } }}</p>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'registry.roster.previousHeadLabel' | translate: { name: headName } }}</mat-label>
            <mat-select formControlName="previousHeadRelationship" required data-testid="set-head-previous-relationship">
              @for (relationship of relationships; track relationship) {
                <mat-option [value]="relationship">{{ relationship | code: 'relationship' : lang() }}</mat-option>
              }
            </mat-select>
            <mat-hint>{{ 'registry.roster.previousHeadHint' | translate }}</mat-hint>
            <mat-error>{{ form.controls.previousHeadRelationship.errors | validationMessage }}</mat-error>
          </mat-form-field>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'core.actions.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()" data-testid="set-head-save">
          {{ (saving() ? 'registry.forms.saving' : 'registry.roster.makeHead') | translate }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class SetHeadDialogComponent extends RosterDialog {
  protected readonly relationships = NOT_HEAD;
  protected readonly previousHead = this.data.household.members.find((member) => member.relationship === 'HEAD') ?? null;
  protected readonly headName = personName(this.previousHead);
  protected readonly form = new FormGroup({
    previousHeadRelationship: new FormControl<Relationship | null>(null, Validators.required),
  });

  protected save(): Promise<void> {
    return this.run(() =>
      this.registry.setHead(this.data.household.id, this.data.person.id, this.form.getRawValue().previousHeadRelationship ?? 'OTHER_RELATIVE'),
    );
  }
}

/** Ends a person's membership, with the reason. */
@Component({
  selector: 'cm-remove-member-dialog',
  imports: DIALOG_IMPORTS,
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: DIALOG_STYLES,
  template: `
    <h2 mat-dialog-title>{{ 'registry.roster.removeTitle' | translate }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="remove-member-form">
      <mat-dialog-content>
        <p>{{ 'registry.roster.removeMessage' | translate: { name: name, code: data.household.code } }}</p>
        @if (error(); as error) {
          <cm-error-banner [error]="error" titleKey="registry.roster.failed" [messageKey]="errorMessageKey()" />
        }
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'registry.roster.reason' | translate }}</mat-label>
          <mat-select formControlName="reason" required data-testid="remove-member-reason">
            @for (reason of reasons; track reason) {
              <mat-option [value]="reason">{{ reason | code: 'endReason' : lang() }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.reason.errors | validationMessage }}</mat-error>
        </mat-form-field>
        <p class="hint">{{ 'registry.roster.removeHint' | translate }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'core.actions.cancel' | translate }}</button>
        <button mat-flat-button type="submit" class="destructive" [disabled]="saving()" data-testid="remove-member-save">
          {{ (saving() ? 'registry.forms.saving' : 'registry.roster.remove') | translate }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class RemoveMemberDialogComponent extends RosterDialog {
  protected readonly reasons = LEAVE_REASONS;
  protected readonly form = new FormGroup({ reason: new FormControl<string | null>(null, Validators.required) });

  protected save(): Promise<void> {
    return this.run(() => this.registry.removeMember(this.data.person.id, this.form.getRawValue().reason ?? 'MOVED_OUT'));
  }
}

function householdChosen(control: AbstractControl<HouseholdRow | string | null>): ValidationErrors | null {
  return typeof control.value === 'object' && control.value !== null ? null : { householdNotChosen: true };
}

/** Moves a person into another household, with their relationship to its head. */
@Component({
  selector: 'cm-move-member-dialog',
  imports: [...DIALOG_IMPORTS, MatInput, MatAutocompleteModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: DIALOG_STYLES,
  template: `
    <h2 mat-dialog-title>{{ 'registry.roster.moveTitle' | translate }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="move-member-form">
      <mat-dialog-content>
        <p>{{ 'registry.roster.moveMessage' | translate: { name: name, code: data.household.code } }}</p>
        @if (error(); as error) {
          <cm-error-banner [error]="error" titleKey="registry.roster.failed" [messageKey]="errorMessageKey()" />
        }
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'registry.roster.targetHousehold' | translate }}</mat-label>
          <input
            matInput
            formControlName="household"
            [matAutocomplete]="auto"
            (input)="text.set(input.value)"
            autocomplete="off"
            required
            #input
            data-testid="move-member-household"
          />
          <mat-autocomplete #auto="matAutocomplete" [displayWith]="display" autoActiveFirstOption>
            @if (options.isLoading()) {
              <mat-option disabled>{{ 'core.loading' | translate }}</mat-option>
            }
            @for (household of optionList(); track household.id) {
              <mat-option [value]="household" [attr.data-testid]="'move-option-' + household.code">
                <span class="mono">{{ household.code }}</span> · {{ personName(household.head) }} · {{ household.area.name }}
              </mat-option>
            } @empty {
              @if (search() && !options.isLoading()) {
                <mat-option disabled>{{ 'registry.roster.noHousehold' | translate: { search: search() } }}</mat-option>
              }
            }
          </mat-autocomplete>
          <mat-hint>{{ 'registry.roster.targetHint' | translate }}</mat-hint>
          <mat-error>{{ form.controls.household.errors | validationMessage: messages }}</mat-error>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'registry.roster.newRelationship' | translate }}</mat-label>
          <mat-select formControlName="relationship" required data-testid="move-member-relationship">
            @for (relationship of relationships; track relationship) {
              <mat-option [value]="relationship">{{ relationship | code: 'relationship' : lang() }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.relationship.errors | validationMessage }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'core.actions.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()" data-testid="move-member-save">
          {{ (saving() ? 'registry.forms.saving' : 'registry.roster.move') | translate }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class MoveMemberDialogComponent extends RosterDialog {
  protected readonly relationships = NOT_HEAD;
  protected readonly personName = personName;
  protected readonly messages = { householdNotChosen: 'registry.roster.householdNotChosen' };
  protected readonly form = new FormGroup({
    household: new FormControl<HouseholdRow | string | null>(null, [Validators.required, householdChosen]),
    relationship: new FormControl<Relationship | null>(null, Validators.required),
  });
  protected readonly text = signal('');
  protected readonly search = signal('');
  protected readonly options = resource({
    params: () => (this.search() ? { search: this.search() } : undefined),
    loader: ({ params }) => this.registry.households({ search: params.search }, null, 10),
  });
  protected readonly optionList = computed(() =>
    this.options.hasValue() ? (this.options.value()?.rows ?? []).filter((household) => household.id !== this.data.household.id) : [],
  );
  protected readonly display = (value: HouseholdRow | string | null): string =>
    typeof value === 'object' && value !== null ? `${value.code} · ${personName(value.head)}` : (value ?? '');

  constructor() {
    super();
    toObservable(this.text)
      .pipe(debounceTime(250), takeUntilDestroyed())
      .subscribe((text) => this.search.set(text.trim()));
  }

  protected save(): Promise<void> {
    const value = this.form.getRawValue();
    const target = value.household;
    if (typeof target !== 'object' || target === null) return Promise.resolve();
    return this.run(() => this.registry.moveMember(this.data.person.id, target.id, value.relationship ?? 'OTHER_RELATIVE'), {
      householdId: 'household',
    });
  }
}

function open<C>(dialog: MatDialog, component: ComponentType<C>, data: RosterDialogData): Observable<RosterResult | undefined> {
  return dialog.open<C, RosterDialogData, RosterResult>(component, { data, width: '520px', maxWidth: '95vw', autoFocus: 'first-tabbable' }).afterClosed();
}

export const openSetHeadDialog = (dialog: MatDialog, data: RosterDialogData) => open(dialog, SetHeadDialogComponent, data);
export const openRemoveMemberDialog = (dialog: MatDialog, data: RosterDialogData) => open(dialog, RemoveMemberDialogComponent, data);
export const openMoveMemberDialog = (dialog: MatDialog, data: RosterDialogData) => open(dialog, MoveMemberDialogComponent, data);
