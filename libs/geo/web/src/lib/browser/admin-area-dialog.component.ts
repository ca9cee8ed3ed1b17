import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { approvalPending, ErrorBannerComponent, FormSubmission, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import { AdminArea, AdminLevel } from '../data/admin-area.queries';
import { AdminAreaService } from '../data/admin-area.service';

const CODE_MAX_LENGTH = 50;
const NAME_MAX_LENGTH = 200;
/** Same rule as the API: letters and digits, then also dots, hyphens and underscores. */
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface AdminAreaDialogData {
  /** When creating: the area the new one belongs to, null for a top-level area. */
  readonly parent: Pick<AdminArea, 'id' | 'name' | 'level'> | null;
  /** When editing: the area to change. */
  readonly area?: AdminArea;
  /** The levels to choose from, ordered by depth. */
  readonly levels: readonly AdminLevel[];
}

/** What the dialog closes with: the saved area, or the news that the change waits for approval. */
export type AdminAreaDialogResult = AdminArea | { readonly sentForApproval: true };

export function isSentForApproval(result: AdminAreaDialogResult): result is { readonly sentForApproval: true } {
  return 'sentForApproval' in result;
}

/** Creates or edits an administrative area; closes with the saved area (or the approval notice). */
@Component({
  selector: 'cm-admin-area-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInput,
    MatSelectModule,
    MatSlideToggle,
    MatButton,
    TranslatePipe,
    ErrorBannerComponent,
    ValidationMessagePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './admin-area-dialog.component.html',
  styleUrl: './admin-area-dialog.component.scss',
})
export class AdminAreaDialogComponent {
  protected readonly data = inject<AdminAreaDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<AdminAreaDialogComponent, AdminAreaDialogResult>>(MatDialogRef);
  private readonly areasApi = inject(AdminAreaService);

  protected readonly area = this.data.area;
  protected readonly codeMessages = { pattern: 'geo.form.codePattern' };

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: [
      this.area?.code ?? '',
      [Validators.required, Validators.maxLength(CODE_MAX_LENGTH), Validators.pattern(CODE_PATTERN)],
    ],
    levelId: [
      { value: this.area?.level.id ?? this.data.levels[0]?.id ?? '', disabled: !!this.area },
      Validators.required,
    ],
    nameEn: [this.area?.nameEn ?? '', [Validators.required, Validators.maxLength(NAME_MAX_LENGTH)]],
    nameFr: [this.area?.nameFr ?? '', Validators.maxLength(NAME_MAX_LENGTH)],
    namePt: [this.area?.namePt ?? '', Validators.maxLength(NAME_MAX_LENGTH)],
    isActive: [this.area?.isActive ?? true],
  });
  private readonly submission = new FormSubmission(this.form, { fixFieldsKey: 'geo.form.fixFields', handled: (error) => this.sentForApproval(error) });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  protected readonly errorMessageKey = this.submission.errorMessageKey;

  protected async save(): Promise<void> {
    const value = this.form.getRawValue();
    const names = {
      nameEn: value.nameEn.trim(),
      nameFr: value.nameFr.trim() || null,
      namePt: value.namePt.trim() || null,
    };
    const saved = await this.submission.run(() =>
      this.area
        ? this.areasApi.update({ id: this.area.id, version: this.area.version, code: value.code.trim(), isActive: value.isActive, ...names })
        : this.areasApi.create({ code: value.code.trim(), levelId: value.levelId, parentId: this.data.parent?.id ?? null, ...names }),
    );
    if (saved) this.dialogRef.close(saved);
  }

  /** A change held for approval closes the dialog: the page says it was sent. */
  private sentForApproval(error: unknown): boolean {
    if (!approvalPending(error)) return false;
    this.dialogRef.close({ sentForApproval: true });
    return true;
  }

}

export function openAdminAreaDialog(dialog: MatDialog, data: AdminAreaDialogData): Observable<AdminAreaDialogResult | undefined> {
  return dialog
    .open<AdminAreaDialogComponent, AdminAreaDialogData, AdminAreaDialogResult>(AdminAreaDialogComponent, {
      data,
      width: '560px',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    })
    .afterClosed();
}
