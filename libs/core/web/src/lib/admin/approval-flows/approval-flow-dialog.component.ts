import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatTooltip } from '@angular/material/tooltip';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import { ErrorBannerComponent } from '../../ui/error-banner.component';
import { toUserError } from '../../graphql/user-error';
import { ValidationMessagePipe } from '../../ui/validation-message.pipe';
import { ApprovalFlow, ApprovalLevel, ApprovalPolicy } from '../data/approvals.queries';
import { ApprovalsService } from '../data/approvals.service';
import { Role } from '../data/identity-admin.queries';
import { roleName } from '../data/readable';

/** Same limits as the API. */
const MAX_LEVELS = 5;
const MAX_REQUIRED = 10;

export interface ApprovalFlowDialogData {
  readonly operation: string;
  /** Already translated. */
  readonly label: string;
  readonly flow: ApprovalFlow | null;
  /** Empty when the person may not list roles: codes are then typed. */
  readonly roles: readonly Role[];
}

type LevelForm = FormGroup<{
  roles: FormControl<string[]>;
  policy: FormControl<ApprovalPolicy>;
  required: FormControl<number>;
}>;

/** Edits the flow of one operation: on or off, and its levels in order. */
@Component({
  selector: 'cm-approval-flow-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInput,
    MatSelectModule,
    MatSlideToggle,
    MatButton,
    MatIconButton,
    MatIcon,
    MatTooltip,
    TranslatePipe,
    ErrorBannerComponent,
    ValidationMessagePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './approval-flow-dialog.component.html',
  styleUrl: './approval-flow-dialog.component.scss',
})
export class ApprovalFlowDialogComponent {
  protected readonly data = inject<ApprovalFlowDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ApprovalFlowDialogComponent, ApprovalFlow>>(MatDialogRef);
  private readonly approvals = inject(ApprovalsService);
  private readonly translate = inject(TranslateService);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly maxLevels = MAX_LEVELS;
  protected readonly maxRequired = MAX_REQUIRED;
  protected readonly policies: readonly ApprovalPolicy[] = ['ANY', 'ALL', 'N'];
  protected readonly saving = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly errorMessageKey = signal<string | undefined>(undefined);
  /** Role codes a stored flow names that no longer exist, still selectable so that nothing is lost silently. */
  protected readonly roleOptions: readonly { code: string; name: string }[] = [
    ...this.data.roles.map((role) => ({ code: role.code, name: roleName(this.translate, role) })),
    ...[...new Set((this.data.flow?.levels ?? []).flatMap((level) => level.roles))]
      .filter((code) => !this.data.roles.some((role) => role.code === code))
      .map((code) => ({ code, name: code })),
  ];

  protected readonly form = this.fb.group({
    enabled: [this.data.flow?.enabled ?? true],
    levels: this.fb.array<LevelForm>(
      (this.data.flow?.levels.length ? this.data.flow.levels : [{ roles: [], policy: 'ANY', required: null } as ApprovalLevel]).map((level) =>
        this.levelForm(level),
      ),
    ),
  });

  protected roleNamesOf(codes: readonly string[]): string {
    return codes.map((code) => this.roleOptions.find((role) => role.code === code)?.name ?? code).join(', ');
  }

  protected get levels(): FormArray<LevelForm> {
    return this.form.controls.levels;
  }

  protected addLevel(): void {
    if (this.levels.length < MAX_LEVELS) this.levels.push(this.levelForm({ roles: [], policy: 'ANY', required: null }));
  }

  protected removeLevel(index: number): void {
    if (this.levels.length > 1) this.levels.removeAt(index);
  }

  protected move(index: number, by: -1 | 1): void {
    const target = index + by;
    if (target < 0 || target >= this.levels.length) return;
    const level = this.levels.at(index);
    this.levels.removeAt(index, { emitEvent: false });
    this.levels.insert(target, level);
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    this.errorMessageKey.set(undefined);
    const value = this.form.getRawValue();
    try {
      const saved = await this.approvals.saveFlow({
        operation: this.data.operation,
        enabled: value.enabled,
        levels: value.levels.map((level) => ({
          roles: level.roles,
          policy: level.policy,
          required: level.policy === 'N' ? level.required : null,
        })),
      });
      this.dialogRef.close(saved);
    } catch (error) {
      this.error.set(error);
      if (this.showLevelErrors(error)) this.errorMessageKey.set('core.auth.fixFields');
    } finally {
      this.saving.set(false);
    }
  }

  private levelForm(level: ApprovalLevel): LevelForm {
    return this.fb.group({
      roles: this.fb.control<string[]>([...level.roles], Validators.required),
      policy: this.fb.control<ApprovalPolicy>(level.policy),
      required: this.fb.control<number>(level.required ?? 2, [Validators.required, Validators.min(1), Validators.max(MAX_REQUIRED)]),
    });
  }

  /** The API names fields like `levels.0.roles`. */
  private showLevelErrors(error: unknown): boolean {
    const fieldErrors = toUserError(error).fieldErrors;
    let placed = 0;
    for (const { field, message } of fieldErrors) {
      const match = /levels\.(\d+)\.(roles|required|policy)/.exec(field);
      const control = match ? this.levels.at(Number(match[1]))?.get(match[2]) : null;
      if (!control) continue;
      control.setErrors({ ...control.errors, server: message });
      control.markAsTouched();
      placed++;
    }
    return fieldErrors.length > 0 && placed === fieldErrors.length;
  }
}

export function openApprovalFlowDialog(dialog: MatDialog, data: ApprovalFlowDialogData): Observable<ApprovalFlow | undefined> {
  return dialog
    .open<ApprovalFlowDialogComponent, ApprovalFlowDialogData, ApprovalFlow>(ApprovalFlowDialogComponent, {
      data,
      width: '680px',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    })
    .afterClosed();
}
