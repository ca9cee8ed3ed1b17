import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { type AbstractControl, FormArray, type FormControl, type FormGroup, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, type ValidatorFn, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltip } from '@angular/material/tooltip';
import { approvalPending, DateTimePipe, ErrorBannerComponent, FormSubmission, LanguageService, Notifier, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import type { BenefitBase, BenefitRuleSet } from '../data/payroll.queries';
import { PayrollService } from '../data/payroll.service';
import { currencyDigits, majorInputText, minorFromText } from '../ui/payment-format';

/** Same vocabulary and bounds as the API. */
const BASES: readonly BenefitBase[] = ['PER_HOUSEHOLD', 'PER_INDIVIDUAL', 'PER_MEMBER'] as BenefitBase[];
const CONDITIONS = ['CHILD_UNDER_5', 'CHILD_UNDER_18', 'ELDERLY_60', 'DISABLED', 'FEMALE_HEADED'] as const;
const LABEL_PATTERN = /^[A-Za-z0-9 _-]+$/;
const MAX_TOP_UPS = 20;
const MAX_MINOR_DIGITS = 16;

export interface BenefitRulesDialogData {
  readonly programId: string;
  /** The cycle's currency: amounts are typed in its units. */
  readonly currency: string;
}

type TopUpForm = FormGroup<{
  label: FormControl<string>;
  condition: FormControl<string>;
  minCount: FormControl<number | null>;
  amount: FormControl<string>;
  perMember: FormControl<boolean>;
}>;

/** An amount of the currency (at most its decimals); `positive` refuses zero. */
function amount(digits: number, positive = false): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const text = String(control.value ?? '').trim();
    if (!text) return null;
    const minor = minorFromText(text, digits);
    if (minor === null || minor.length > MAX_MINOR_DIGITS) return { amount: true };
    return positive && minor === '0' ? { amount: true } : null;
  };
}

/**
 * A programme's benefit rules: the base amount (per household, per person, or per member up to a cap), top-ups for
 * households with children, elderly or disabled members or a woman at their head, a maximum per transaction and a
 * rounding step. Saving writes a new version (payrolls keep the version they were generated with); an approval flow
 * may hold it. Amounts are typed in the cycle's currency and sent as exact minor units.
 */
@Component({
  selector: 'cm-payment-benefit-rules-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInput, MatSelectModule, MatCheckbox, MatButton, MatIconButton, MatIcon, MatTooltip, TranslatePipe, DateTimePipe, ErrorBannerComponent, ValidationMessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/payment-dialog.scss',
  template: `
    <h2 mat-dialog-title>{{ 'payroll.rules.title' | translate }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="benefit-rules-form">
      <mat-dialog-content>
        @if (error(); as error) {
          <cm-error-banner [error]="error" titleKey="payroll.rules.failed" [messageKey]="errorMessageKey()" />
        }
        <p class="hint" data-testid="benefit-rules-version">
          @if (current(); as c) {
            {{ 'payroll.rules.inForce' | translate: { version: c.ruleVersion } }} {{ c.createdAt | dateTime: lang() }}
          } @else if (sets.hasValue()) {
            {{ 'payroll.rules.none' | translate }}
          }
        </p>
        <div class="row">
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'payroll.rules.base' | translate }}</mat-label>
            <mat-select formControlName="base" required data-testid="benefit-rules-base">
              @for (b of bases; track b) {
                <mat-option [value]="b" [attr.data-testid]="'benefit-base-' + b">{{ 'payroll.rules.bases.' + b | translate }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'payroll.rules.baseAmount' | translate: { currency: data.currency } }}</mat-label>
            <input matInput formControlName="baseAmount" inputmode="decimal" autocomplete="off" required class="mono" data-testid="benefit-rules-amount" />
            <mat-error>{{ form.controls.baseAmount.errors | validationMessage: amountMessages }}</mat-error>
          </mat-form-field>
          @if (form.controls.base.value === 'PER_MEMBER') {
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ 'payroll.rules.memberCap' | translate }}</mat-label>
              <input matInput type="number" min="1" max="100" step="1" formControlName="memberCap" data-testid="benefit-rules-cap" />
              <mat-error>{{ form.controls.memberCap.errors | validationMessage }}</mat-error>
            </mat-form-field>
          }
        </div>
        <div class="row">
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'payroll.rules.maxPerTransaction' | translate: { currency: data.currency } }}</mat-label>
            <input matInput formControlName="maxPerTransaction" inputmode="decimal" autocomplete="off" class="mono" data-testid="benefit-rules-max" />
            <mat-hint>{{ 'payroll.rules.optional' | translate }}</mat-hint>
            <mat-error>{{ form.controls.maxPerTransaction.errors | validationMessage: amountMessages }}</mat-error>
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'payroll.rules.rounding' | translate: { currency: data.currency } }}</mat-label>
            <input matInput formControlName="rounding" inputmode="decimal" autocomplete="off" required class="mono" data-testid="benefit-rules-rounding" />
            <mat-hint>{{ 'payroll.rules.roundingHint' | translate }}</mat-hint>
            <mat-error>{{ form.controls.rounding.errors | validationMessage: amountMessages }}</mat-error>
          </mat-form-field>
        </div>

        <h3>{{ 'payroll.rules.topUps' | translate }}</h3>
        <div formArrayName="topUps" class="top-ups">
          @for (t of form.controls.topUps.controls; track t; let i = $index) {
            <div class="top-up" [formGroupName]="i" [attr.data-testid]="'benefit-topup-' + i">
              <mat-form-field subscriptSizing="dynamic">
                <mat-label>{{ 'payroll.rules.label' | translate }}</mat-label>
                <input matInput formControlName="label" autocomplete="off" required [attr.data-testid]="'benefit-topup-label-' + i" />
                <mat-error>{{ t.controls.label.errors | validationMessage: labelMessages }}</mat-error>
              </mat-form-field>
              <mat-form-field subscriptSizing="dynamic">
                <mat-label>{{ 'payroll.rules.condition' | translate }}</mat-label>
                <mat-select formControlName="condition" required [attr.data-testid]="'benefit-topup-condition-' + i">
                  @for (c of conditions; track c) {
                    <mat-option [value]="c" [attr.data-testid]="'benefit-condition-' + c">{{ 'payroll.rules.conditions.' + c | translate }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <mat-form-field subscriptSizing="dynamic" class="narrow">
                <mat-label>{{ 'payroll.rules.minCount' | translate }}</mat-label>
                <input matInput type="number" min="1" max="50" step="1" formControlName="minCount" required [attr.data-testid]="'benefit-topup-min-' + i" />
                <mat-error>{{ t.controls.minCount.errors | validationMessage }}</mat-error>
              </mat-form-field>
              <mat-form-field subscriptSizing="dynamic" class="narrow">
                <mat-label>{{ 'payroll.rules.topUpAmount' | translate: { currency: data.currency } }}</mat-label>
                <input matInput formControlName="amount" inputmode="decimal" autocomplete="off" required class="mono" [attr.data-testid]="'benefit-topup-amount-' + i" />
                <mat-error>{{ t.controls.amount.errors | validationMessage: amountMessages }}</mat-error>
              </mat-form-field>
              <mat-checkbox formControlName="perMember" [attr.data-testid]="'benefit-topup-per-member-' + i">{{ 'payroll.rules.perMember' | translate }}</mat-checkbox>
              <button mat-icon-button type="button" (click)="removeTopUp(i)" [matTooltip]="'payroll.rules.removeTopUp' | translate" [attr.aria-label]="'payroll.rules.removeTopUp' | translate">
                <mat-icon>delete</mat-icon>
              </button>
            </div>
          } @empty {
            <p class="hint">{{ 'payroll.rules.noTopUp' | translate }}</p>
          }
        </div>
        <div>
          <button mat-stroked-button type="button" (click)="addTopUp()" [disabled]="form.controls.topUps.length >= maxTopUps" data-testid="benefit-topup-add">
            <mat-icon aria-hidden="true">add</mat-icon>
            {{ 'payroll.rules.addTopUp' | translate }}
          </button>
        </div>
        <p class="hint">{{ 'payroll.rules.hint' | translate }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'payroll.actions.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving() || !sets.hasValue()" data-testid="benefit-rules-save">{{ 'payroll.rules.save' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    h3 {
      margin: 8px 0 0;
      font: var(--mat-sys-title-small);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 16px;
      mat-form-field {
        flex: 1 1 200px;
      }
    }
    .top-ups {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .top-up {
      display: grid;
      grid-template-columns: minmax(110px, 1fr) minmax(200px, 1.8fr) 84px 110px auto auto;
      align-items: center;
      gap: 8px;
    }
    @media (max-width: 720px) {
      .top-up {
        grid-template-columns: 1fr 1fr;
      }
    }
  `,
})
export class BenefitRulesDialogComponent {
  protected readonly data = inject<BenefitRulesDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<BenefitRulesDialogComponent, { ruleVersion: number } | 'held'>>(MatDialogRef);
  private readonly payrolls = inject(PayrollService);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly lang = inject(LanguageService).current;
  protected readonly bases = BASES;
  protected readonly conditions = CONDITIONS;
  protected readonly maxTopUps = MAX_TOP_UPS;
  protected readonly amountMessages = { amount: 'payroll.rules.amountPattern' };
  protected readonly labelMessages = { pattern: 'payroll.rules.labelPattern' };
  private readonly digits = currencyDigits(this.data.currency);

  protected readonly sets = resource({
    loader: async () => {
      const sets = await this.payrolls.benefitRuleSets(this.data.programId);
      if (sets[0]) this.fill(sets[0]);
      return sets;
    },
  });
  protected readonly current = computed(() => (this.sets.hasValue() ? (this.sets.value()[0] ?? null) : null));

  protected readonly form = this.fb.group({
    base: this.fb.control<BenefitBase>('PER_HOUSEHOLD' as BenefitBase, [Validators.required]),
    baseAmount: this.fb.control('', [Validators.required, amount(this.digits)]),
    memberCap: this.fb.control<number | null>(null, [Validators.min(1), Validators.max(100), Validators.pattern(/^\d+$/)]),
    maxPerTransaction: this.fb.control('', [amount(this.digits, true)]),
    rounding: this.fb.control(majorInputText('1', this.digits, this.lang()), [Validators.required, amount(this.digits, true)]),
    topUps: new FormArray<TopUpForm>([]),
  });
  private readonly submission = new FormSubmission(this.form, {
    fixFieldsKey: 'payroll.create.fixFields',
    // held for approval: nothing failed, the version is written once approved
    handled: (error) => {
      if (!approvalPending(error)) return false;
      this.notifier.notify('payroll.rules.heldForApproval');
      this.dialogRef.close('held');
      return true;
    },
  });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  protected readonly errorMessageKey = this.submission.errorMessageKey;

  /** The rules in force fill the form: a new version starts from them. */
  private fill(set: BenefitRuleSet): void {
    const r = set.rules;
    const text = (minor: string | null | undefined) => (minor === null || minor === undefined ? '' : majorInputText(minor, this.digits, this.lang()));
    this.form.patchValue({ base: r.base, baseAmount: text(r.baseAmountMinor), memberCap: r.memberCap ?? null, maxPerTransaction: text(r.maxPerTransactionMinor), rounding: text(r.roundingMinor) });
    this.form.controls.topUps.clear();
    for (const t of r.topUps) this.form.controls.topUps.push(this.topUp(t.label, t.condition, t.minCount, text(t.amountMinor), t.perMember));
  }

  private topUp(label = '', condition = 'CHILD_UNDER_5', minCount: number | null = 1, amountText = '', perMember = false): TopUpForm {
    return this.fb.group({
      label: this.fb.control(label, [Validators.required, Validators.maxLength(60), Validators.pattern(LABEL_PATTERN)]),
      condition: this.fb.control(condition, [Validators.required]),
      minCount: this.fb.control<number | null>(minCount, [Validators.required, Validators.min(1), Validators.max(50), Validators.pattern(/^\d+$/)]),
      amount: this.fb.control(amountText, [Validators.required, amount(this.digits)]),
      perMember: this.fb.control(perMember),
    });
  }

  protected addTopUp(): void {
    this.form.controls.topUps.push(this.topUp());
  }

  protected removeTopUp(index: number): void {
    this.form.controls.topUps.removeAt(index);
  }

  protected async save(): Promise<void> {
    const v = this.form.getRawValue();
    const minor = (text: string) => minorFromText(text, this.digits) ?? '';
    const saved = await this.submission.run(() =>
      this.payrolls.saveBenefitRules({
        programId: this.data.programId,
        base: v.base,
        baseAmountMinor: minor(v.baseAmount),
        memberCap: v.base === 'PER_MEMBER' && v.memberCap !== null && String(v.memberCap) !== '' ? Number(v.memberCap) : null,
        maxPerTransactionMinor: v.maxPerTransaction.trim() ? minor(v.maxPerTransaction) : null,
        roundingMinor: minor(v.rounding),
        topUps: v.topUps.map((t) => ({ label: t.label.trim(), condition: t.condition, minCount: Number(t.minCount), amountMinor: minor(t.amount), perMember: t.perMember })),
      }),
    );
    if (saved) this.dialogRef.close({ ruleVersion: saved.ruleVersion });
  }
}

export function openBenefitRulesDialog(dialog: MatDialog, data: BenefitRulesDialogData): Observable<{ ruleVersion: number } | 'held' | undefined> {
  return dialog
    .open<BenefitRulesDialogComponent, BenefitRulesDialogData, { ruleVersion: number } | 'held'>(BenefitRulesDialogComponent, { data, width: '980px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
    .afterClosed();
}
