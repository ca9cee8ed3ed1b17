import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { ErrorBannerComponent, FormSubmission, LanguageService, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import type { GoodsItemRow } from './goods.queries';
import { GoodsService } from './goods.service';
import { CURRENCY_PATTERN, currencyDigits, majorInputText, minorFromText, PAYMENT_CODE_PATTERN } from '../ui/payment-format';

/** Same rules as the API. */
const UNIT_PATTERN = /^[A-Z][A-Z0-9_]{0,19}$/;
const MAX_MINOR_DIGITS = 16;

/** A unit value the currency can hold: digits with at most its decimals. */
function amountValidator(control: AbstractControl): ValidationErrors | null {
  const currency = String(control.parent?.get('currency')?.value ?? '');
  const minor = minorFromText(String(control.value ?? ''), CURRENCY_PATTERN.test(currency) ? currencyDigits(currency) : 2);
  return minor === null || minor.length > MAX_MINOR_DIGITS ? { amount: true } : null;
}

/** A new catalogue item, or an existing one changed (code, names per language, unit, unit value, active). */
@Component({
  selector: 'cm-payment-goods-item-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInput, MatCheckbox, MatButton, TranslatePipe, ErrorBannerComponent, ValidationMessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/payment-dialog.scss',
  template: `
    <h2 mat-dialog-title>{{ (item ? 'paymentGoods.item.editTitle' : 'paymentGoods.item.newTitle') | translate }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="goods-item-form">
      <mat-dialog-content>
        @if (error(); as error) {
          <cm-error-banner [error]="error" titleKey="paymentGoods.item.failed" [messageKey]="errorMessageKey()" />
        }
        <div class="row">
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'paymentGoods.catalogue.code' | translate }}</mat-label>
            <input matInput formControlName="code" autocomplete="off" spellcheck="false" required class="mono" data-testid="goods-item-code" />
            <mat-error>{{ form.controls.code.errors | validationMessage: codeMessages }}</mat-error>
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'paymentGoods.catalogue.unit' | translate }}</mat-label>
            <input matInput formControlName="unit" autocomplete="off" spellcheck="false" required class="mono" data-testid="goods-item-unit" />
            <mat-hint>{{ 'paymentGoods.item.unitHint' | translate }}</mat-hint>
            <mat-error>{{ form.controls.unit.errors | validationMessage: unitMessages }}</mat-error>
          </mat-form-field>
        </div>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'paymentGoods.item.nameEn' | translate }}</mat-label>
          <input matInput formControlName="en" required data-testid="goods-item-name-en" />
          <mat-error>{{ form.controls.en.errors | validationMessage }}</mat-error>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'paymentGoods.item.nameFr' | translate }}</mat-label>
          <input matInput formControlName="fr" data-testid="goods-item-name-fr" />
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'paymentGoods.item.namePt' | translate }}</mat-label>
          <input matInput formControlName="pt" data-testid="goods-item-name-pt" />
        </mat-form-field>
        <div class="row">
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'paymentGoods.catalogue.unitValue' | translate }}</mat-label>
            <input matInput formControlName="unitValue" inputmode="decimal" autocomplete="off" required class="mono" data-testid="goods-item-value" />
            <mat-error>{{ form.controls.unitValue.errors | validationMessage: valueMessages }}</mat-error>
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'paymentGoods.item.currency' | translate }}</mat-label>
            <input matInput formControlName="currency" autocomplete="off" spellcheck="false" required maxlength="3" class="mono" data-testid="goods-item-currency" />
            <mat-error>{{ form.controls.currency.errors | validationMessage: currencyMessages }}</mat-error>
          </mat-form-field>
        </div>
        <mat-checkbox formControlName="active" data-testid="goods-item-active">{{ 'paymentGoods.item.active' | translate }}</mat-checkbox>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'paymentGoods.distributions.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()" data-testid="goods-item-save">{{ 'paymentGoods.item.save' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .row {
      display: grid;
      grid-template-columns: 1fr 1fr;
      align-items: start;
      gap: 16px;
    }
  `,
})
export class GoodsItemDialogComponent {
  protected readonly item = inject<GoodsItemRow | null>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<GoodsItemDialogComponent, { id: string; code: string }>>(MatDialogRef);
  private readonly goods = inject(GoodsService);

  protected readonly codeMessages = { pattern: 'paymentGoods.distributions.codePattern' };
  private readonly lang = inject(LanguageService).current;
  protected readonly unitMessages = { pattern: 'paymentGoods.item.unitPattern' };
  protected readonly valueMessages = { amount: 'paymentGoods.item.valuePattern' };
  protected readonly currencyMessages = { pattern: 'paymentGoods.item.currencyPattern' };
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: [this.item?.code ?? '', [Validators.required, Validators.maxLength(50), Validators.pattern(PAYMENT_CODE_PATTERN)]],
    unit: [this.item?.unit ?? '', [Validators.required, Validators.pattern(UNIT_PATTERN)]],
    en: [this.item?.names.en ?? '', [Validators.required, Validators.maxLength(200)]],
    fr: [this.item?.names.fr ?? '', [Validators.maxLength(200)]],
    pt: [this.item?.names.pt ?? '', [Validators.maxLength(200)]],
    unitValue: [this.item ? majorInputText(this.item.unitValueMinor, currencyDigits(this.item.currency), this.lang()) : '', [Validators.required, amountValidator]],
    currency: [this.item?.currency ?? 'USD', [Validators.required, Validators.pattern(CURRENCY_PATTERN)]],
    active: [this.item?.active ?? true],
  });
  private readonly submission = new FormSubmission(this.form, { fixFieldsKey: 'paymentGoods.distributions.fixFields' });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  protected readonly errorMessageKey = this.submission.errorMessageKey;

  constructor() {
    // the unit value's decimals depend on the currency
    this.form.controls.currency.valueChanges.subscribe(() => this.form.controls.unitValue.updateValueAndValidity());
  }

  protected async save(): Promise<void> {
    const v = this.form.getRawValue();
    const currency = v.currency.trim().toUpperCase();
    const saved = await this.submission.run(() =>
      this.goods.saveItem({
        id: this.item?.id,
        code: v.code.trim(),
        unit: v.unit.trim().toUpperCase(),
        names: { en: v.en.trim(), fr: v.fr.trim() || null, pt: v.pt.trim() || null },
        unitValueMinor: minorFromText(v.unitValue, currencyDigits(currency)) ?? '',
        currency,
        active: v.active,
      }),
    );
    if (saved) this.dialogRef.close(saved);
  }
}

export function openGoodsItemDialog(dialog: MatDialog, item: GoodsItemRow | null): Observable<{ id: string; code: string } | undefined> {
  return dialog
    .open<GoodsItemDialogComponent, GoodsItemRow | null, { id: string; code: string }>(GoodsItemDialogComponent, { data: item, width: '560px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
    .afterClosed();
}
