import { ChangeDetectionStrategy, Component, inject, resource } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ErrorBannerComponent, FormSubmission, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import { CycleService } from '../data/cycle.service';
import type { GoodsDistributionRow } from './goods.queries';
import { GoodsService } from './goods.service';
import { PAYMENT_CODE_PATTERN } from '../ui/payment-format';

/** A new DRAFT goods distribution for a cycle, with its programme's latest goods rules; its generation starts at once. */
@Component({
  selector: 'cm-payment-create-goods-distribution-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInput, MatSelectModule, MatButton, TranslatePipe, ErrorBannerComponent, ValidationMessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/payment-dialog.scss',
  template: `
    <h2 mat-dialog-title>{{ 'paymentGoods.distributions.createTitle' | translate }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="goods-distribution-form">
      <mat-dialog-content>
        @if (error(); as error) {
          <cm-error-banner [error]="error" titleKey="paymentGoods.distributions.createFailed" [messageKey]="errorMessageKey()" />
        }
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'paymentGoods.distributions.cycle' | translate }}</mat-label>
          <mat-select formControlName="cycleId" required data-testid="goods-distribution-form-cycle">
            @for (cycle of cycles.value() ?? []; track cycle.id) {
              <mat-option [value]="cycle.id" [attr.data-testid]="'goods-cycle-' + cycle.code">{{ cycle.name }} ({{ cycle.code }})</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.cycleId.errors | validationMessage }}</mat-error>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'paymentGoods.distributions.code' | translate }}</mat-label>
          <input matInput formControlName="code" autocomplete="off" spellcheck="false" required class="mono" data-testid="goods-distribution-form-code" />
          <mat-error>{{ form.controls.code.errors | validationMessage: codeMessages }}</mat-error>
        </mat-form-field>
        <p class="hint">{{ 'paymentGoods.distributions.createHint' | translate }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'paymentGoods.distributions.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()" data-testid="goods-distribution-form-save">{{ 'paymentGoods.distributions.create' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class CreateGoodsDistributionDialogComponent {
  private readonly dialogRef = inject<MatDialogRef<CreateGoodsDistributionDialogComponent, GoodsDistributionRow>>(MatDialogRef);
  private readonly goods = inject(GoodsService);
  private readonly cycleService = inject(CycleService);

  protected readonly codeMessages = { pattern: 'paymentGoods.distributions.codePattern' };
  protected readonly cycles = resource({ loader: async () => (await this.cycleService.list({})).rows });
  protected readonly form = inject(NonNullableFormBuilder).group({
    cycleId: ['', [Validators.required]],
    code: ['', [Validators.required, Validators.maxLength(60), Validators.pattern(PAYMENT_CODE_PATTERN)]],
  });
  private readonly submission = new FormSubmission(this.form, { fixFieldsKey: 'paymentGoods.distributions.fixFields' });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  protected readonly errorMessageKey = this.submission.errorMessageKey;

  protected async save(): Promise<void> {
    const value = this.form.getRawValue();
    const saved = await this.submission.run(() => this.goods.createDistribution(value.cycleId, value.code.trim()));
    if (saved) this.dialogRef.close(saved);
  }
}

export function openCreateGoodsDistributionDialog(dialog: MatDialog): Observable<GoodsDistributionRow | undefined> {
  return dialog
    .open<CreateGoodsDistributionDialogComponent, void, GoodsDistributionRow>(CreateGoodsDistributionDialogComponent, { width: '520px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
    .afterClosed();
}
