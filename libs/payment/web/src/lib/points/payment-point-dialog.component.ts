import { ChangeDetectionStrategy, Component, inject, resource } from '@angular/core';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { AreaPickerComponent, areaChosen, AreaSearchService, type AreaValue, AuthService, ErrorBannerComponent, FormSubmission, isArea, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import type { PaymentPoint, PaymentPointType } from '../data/payment-point.queries';
import { PaymentPointService } from '../data/payment-point.service';
import { PAYMENT_CODE_PATTERN } from '../ui/payment-format';

export const POINT_TYPES: readonly PaymentPointType[] = ['AGENT', 'BANK_BRANCH', 'POST_OFFICE', 'MOBILE_MONEY'] as PaymentPointType[];
export const WEEK_DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

export interface PaymentPointDialogData {
  readonly point?: PaymentPoint;
}

/** Creates or edits a payment point: name, type, area (kit picker), GPS point, opening days and staff. */
@Component({
  selector: 'cm-payment-point-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInput, MatSelectModule, MatButtonToggleModule, MatButton, TranslatePipe, AreaPickerComponent, ErrorBannerComponent, ValidationMessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './payment-point-dialog.component.html',
  styleUrl: './payment-point-dialog.component.scss',
})
export class PaymentPointDialogComponent {
  protected readonly data = inject<PaymentPointDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<PaymentPointDialogComponent, PaymentPoint>>(MatDialogRef);
  private readonly points = inject(PaymentPointService);
  private readonly areas = inject(AreaSearchService);
  private readonly auth = inject(AuthService);

  protected readonly point = this.data.point;
  protected readonly types = POINT_TYPES;
  protected readonly days = WEEK_DAYS;
  protected readonly codeMessages = { pattern: 'paymentPoints.form.codePattern' };
  protected readonly canListStaff = this.auth.can('core.users.view');
  protected readonly staff = resource({ loader: () => (this.canListStaff ? this.points.staff() : Promise.resolve([])) });

  protected readonly area = new FormControl<AreaValue>(null, [Validators.required, areaChosen]);
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: [this.point?.code ?? '', [Validators.required, Validators.maxLength(50), Validators.pattern(PAYMENT_CODE_PATTERN)]],
    name: [this.point?.name ?? '', [Validators.required, Validators.maxLength(200)]],
    type: [(this.point?.type ?? 'AGENT') as PaymentPointType, Validators.required],
    area: this.area,
    latitude: [this.point?.latitude ?? (null as number | null), [Validators.min(-90), Validators.max(90)]],
    longitude: [this.point?.longitude ?? (null as number | null), [Validators.min(-180), Validators.max(180)]],
    openingDays: [[...(this.point?.openingDays ?? ['MON', 'TUE', 'WED', 'THU', 'FRI'])] as string[]],
    staffUserIds: [[...(this.point?.staffUserIds ?? [])] as string[]],
  });
  private readonly submission = new FormSubmission(this.form, { fixFieldsKey: 'paymentPoints.form.fixFields' });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  protected readonly errorMessageKey = this.submission.errorMessageKey;

  /** An edited point's area is looked up by id: a save clicked before it arrives waits for it. */
  private readonly areaLoaded = this.point ? this.areas.areas([this.point.areaId]).then(([area]) => area && this.area.setValue(area), () => undefined) : Promise.resolve();

  protected async save(): Promise<void> {
    await this.areaLoaded;
    const value = this.form.getRawValue();
    const area = value.area;
    if (!isArea(area)) {
      this.area.markAsTouched();
      return;
    }
    const number = (v: number | string | null) => (v === null || v === '' ? null : Number(v));
    const saved = await this.submission.run(() =>
      this.points.save({
        id: this.point?.id,
        code: value.code.trim(),
        name: value.name.trim(),
        type: value.type,
        areaId: area.id,
        latitude: number(value.latitude),
        longitude: number(value.longitude),
        openingDays: WEEK_DAYS.filter((day) => value.openingDays.includes(day)),
        staffUserIds: value.staffUserIds,
      }),
    );
    if (saved) this.dialogRef.close(saved);
  }
}

export function openPaymentPointDialog(dialog: MatDialog, data: PaymentPointDialogData): Observable<PaymentPoint | undefined> {
  return dialog
    .open<PaymentPointDialogComponent, PaymentPointDialogData, PaymentPoint>(PaymentPointDialogComponent, { data, width: '640px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
    .afterClosed();
}
