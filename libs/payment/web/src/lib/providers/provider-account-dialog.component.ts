import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { approvalPending, ErrorBannerComponent, FormSubmission, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import type { PaymentProviderKind, ProviderAccount } from '../data/provider-account.queries';
import { ProviderAccountService } from '../data/provider-account.service';
import { PROVIDER_CREDENTIALS, PROVIDER_KINDS } from './provider-kinds';
import { PAYMENT_CODE_PATTERN } from '../ui/payment-format';

const URL_PATTERN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~\-/%]*)?$/;

export interface ProviderAccountDialogData {
  readonly account?: ProviderAccount;
}

export type ProviderAccountDialogResult = ProviderAccount | { sentForApproval: true };

/** Creates or edits a provider account. Secrets are write-only: stored values are never shown, blank keeps them. */
@Component({
  selector: 'cm-payment-provider-account-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInput, MatSelectModule, MatSlideToggle, MatButton, TranslatePipe, ErrorBannerComponent, ValidationMessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './provider-account-dialog.component.html',
  styleUrl: './provider-account-dialog.component.scss',
})
export class ProviderAccountDialogComponent {
  protected readonly data = inject<ProviderAccountDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ProviderAccountDialogComponent, ProviderAccountDialogResult>>(MatDialogRef);
  private readonly accounts = inject(ProviderAccountService);

  protected readonly account = this.data.account;
  protected readonly kinds = PROVIDER_KINDS;
  protected readonly codeMessages = { pattern: 'paymentProviders.form.codePattern' };
  protected readonly urlMessages = { pattern: 'paymentProviders.form.urlPattern' };
  protected readonly currencyMessages = { pattern: 'paymentProviders.form.currencyPattern' };

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: [{ value: this.account?.code ?? '', disabled: !!this.account }, [Validators.required, Validators.maxLength(50), Validators.pattern(PAYMENT_CODE_PATTERN)]],
    name: [this.account?.name ?? '', [Validators.required, Validators.maxLength(200)]],
    kind: [{ value: (this.account?.kind ?? 'MTN_MOMO') as PaymentProviderKind, disabled: !!this.account }, Validators.required],
    baseUrl: [this.account?.baseUrl ?? '', [Validators.required, Validators.maxLength(500), Validators.pattern(URL_PATTERN)]],
    currency: [this.account?.currency ?? '', [Validators.required, Validators.pattern(/^[A-Z]{3}$/)]],
    timeoutMs: [this.account?.timeoutMs ?? 15000, [Validators.required, Validators.min(1000), Validators.max(120000)]],
    callbackSecret: ['', [Validators.minLength(16), Validators.maxLength(200)]],
    rotateCallbackSecret: [false],
    credentials: new FormGroup<{ [key: string]: FormControl<string> }>({}),
  });
  private readonly submission = new FormSubmission(this.form, { fixFieldsKey: 'paymentProviders.form.fixFields', handled: (error) => this.sentForApproval(error) });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  protected readonly errorMessageKey = this.submission.errorMessageKey;
  protected readonly kind = toSignal(this.form.controls.kind.valueChanges, { initialValue: this.form.controls.kind.value });

  constructor() {
    this.resetCredentials(this.form.controls.kind.value);
    this.form.controls.kind.valueChanges.subscribe((kind) => this.resetCredentials(kind));
  }

  protected credentialNames(): readonly string[] {
    return PROVIDER_CREDENTIALS[this.kind()] ?? [];
  }

  protected isStored(name: string): boolean {
    return this.account?.credentialKeys.includes(name) ?? false;
  }

  protected async save(): Promise<void> {
    const value = this.form.getRawValue();
    const credentials = Object.entries(value.credentials)
      .filter(([name, secret]) => secret !== '' || this.isStored(name))
      .map(([key, secret]) => ({ key, value: secret }));
    const saved = await this.submission.run(() =>
      this.account
        ? this.accounts.update({
            id: this.account.id,
            version: this.account.version,
            name: value.name.trim(),
            baseUrl: value.baseUrl.trim(),
            currency: value.currency,
            timeoutMs: Number(value.timeoutMs),
            credentials: credentials.filter((credential) => credential.value !== ''),
            callbackSecret: value.callbackSecret || null,
            rotateCallbackSecret: value.rotateCallbackSecret || null,
          })
        : this.accounts.create({
            code: value.code.trim(),
            name: value.name.trim(),
            kind: value.kind,
            baseUrl: value.baseUrl.trim(),
            currency: value.currency,
            timeoutMs: Number(value.timeoutMs),
            credentials,
            callbackSecret: value.callbackSecret || null,
          }),
    );
    if (saved) this.dialogRef.close(saved);
  }

  private resetCredentials(kind: PaymentProviderKind): void {
    const group = this.form.controls.credentials as unknown as FormGroup;
    for (const name of Object.keys(group.controls)) group.removeControl(name);
    for (const name of PROVIDER_CREDENTIALS[kind] ?? []) group.addControl(name, new FormControl('', { nonNullable: true, validators: [Validators.maxLength(4000)] }));
  }

  /** A change held for approval closes the dialog: the page says it was sent. */
  private sentForApproval(error: unknown): boolean {
    if (!approvalPending(error)) return false;
    this.dialogRef.close({ sentForApproval: true });
    return true;
  }
}

export function openProviderAccountDialog(dialog: MatDialog, data: ProviderAccountDialogData): Observable<ProviderAccountDialogResult | undefined> {
  return dialog
    .open<ProviderAccountDialogComponent, ProviderAccountDialogData, ProviderAccountDialogResult>(ProviderAccountDialogComponent, {
      data,
      width: '680px',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    })
    .afterClosed();
}
