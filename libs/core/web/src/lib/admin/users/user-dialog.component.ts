import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatTooltip } from '@angular/material/tooltip';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../auth/change-password-form.component';
import { ErrorBannerComponent } from '../../ui/error-banner.component';
import { FormSubmission } from '../../ui/form-errors';
import { ValidationMessagePipe } from '../../ui/validation-message.pipe';
import { AdminUser, AreaOption } from '../data/identity-admin.queries';
import { IdentityAdminService } from '../data/identity-admin.service';
import { generatePassword } from './generate-password';
import { AreaPickerComponent } from '../../ui/area-picker/area-picker.component';
import { RoleNamePipe } from '../ui/role-name.pipe';
import { roleName } from '../data/readable';

/** Same rule as the API. */
const USERNAME_PATTERN = /^[a-zA-Z0-9._@-]{3,100}$/;

export interface UserDialogData {
  /** When editing. */
  readonly user?: AdminUser;
  /** Geographic restrictions need the geography module. */
  readonly geoEnabled: boolean;
}

/** Creates a user (with a temporary password) or edits one; closes with the saved user. */
@Component({
  selector: 'cm-user-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInput,
    MatSelectModule,
    MatRadioModule,
    MatSlideToggle,
    MatButton,
    MatIconButton,
    MatIcon,
    MatTooltip,
    TranslatePipe,
    RoleNamePipe,
    AreaPickerComponent,
    ErrorBannerComponent,
    ValidationMessagePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-dialog.component.html',
  styleUrl: './user-dialog.component.scss',
})
export class UserDialogComponent {
  protected readonly data = inject<UserDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<UserDialogComponent, AdminUser>>(MatDialogRef);
  private readonly admin = inject(IdentityAdminService);
  private readonly translate = inject(TranslateService);

  protected readonly user = this.data.user;
  protected readonly areas = signal<readonly AreaOption[]>([]);
  protected readonly areaError = signal<string | null>(null);
  protected readonly minPassword = PASSWORD_MIN_LENGTH;
  protected readonly usernameMessages = { pattern: 'core.admin.users.usernamePattern' };
  protected readonly emailMessages = { email: 'core.admin.users.emailInvalid' };

  protected readonly roles = resource({ loader: () => this.admin.roles() });
  /** The names of the areas the user is restricted to, when editing. */
  private readonly initialAreas = resource({
    params: () => (this.user?.areaIds?.length && this.data.geoEnabled ? { ids: this.user.areaIds } : undefined),
    loader: async ({ params }) => {
      const areas = await this.admin.areas(params.ids);
      if (this.areas().length === 0) this.areas.set(areas);
      return areas;
    },
  });
  protected readonly areasLoading = computed(() => this.initialAreas.isLoading());
  protected readonly areasFailed = computed(() => this.initialAreas.error());

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: [
      { value: this.user?.username ?? '', disabled: !!this.user },
      [Validators.required, Validators.pattern(USERNAME_PATTERN)],
    ],
    displayName: [this.user?.displayName ?? '', [Validators.required, Validators.maxLength(200)]],
    email: [this.user?.email ?? '', [Validators.email, Validators.maxLength(254)]],
    password: [
      { value: '', disabled: !!this.user },
      [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)],
    ],
    roleIds: [this.user?.roles.map((role) => role.id) ?? ([] as string[])],
    restriction: [(this.user?.areaIds ? 'areas' : 'all') as 'all' | 'areas'],
    isActive: [this.user?.isActive ?? true],
  });
  private readonly submission = new FormSubmission(this.form, { fixFieldsKey: 'core.auth.fixFields' });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  protected readonly errorMessageKey = this.submission.errorMessageKey;
  protected readonly restriction = toSignal(this.form.controls.restriction.valueChanges, {
    initialValue: this.form.controls.restriction.value,
  });

  protected roleNamesOf(ids: readonly string[]): string {
    const roles = this.roles.value() ?? [];
    return ids
      .map((id) => {
        const role = roles.find((candidate) => candidate.id === id);
        return role ? roleName(this.translate, role) : id;
      })
      .join(', ');
  }

  protected generate(): void {
    this.form.controls.password.setValue(generatePassword());
    this.form.controls.password.markAsTouched();
  }

  protected areasChanged(areas: readonly AreaOption[]): void {
    this.areas.set(areas);
    if (areas.length) this.areaError.set(null);
  }

  protected async save(): Promise<void> {
    const restricted = this.data.geoEnabled && this.restriction() === 'areas';
    const missingAreas = restricted && this.areas().length === 0;
    this.areaError.set(missingAreas ? this.translate.instant('core.admin.users.areasRequired') : null);
    if (missingAreas) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const areaIds = this.areas().map((area) => area.id);
    const saved = await this.submission.run(() =>
      this.user
        ? this.admin.updateUser({
            id: this.user.id,
            displayName: value.displayName.trim(),
            email: value.email.trim() || null,
            isActive: value.isActive,
            roleIds: value.roleIds,
            ...(this.data.geoEnabled ? (restricted ? { areaIds } : { unrestricted: true }) : {}),
          })
        : this.admin.createUser({
            username: value.username.trim(),
            displayName: value.displayName.trim(),
            email: value.email.trim() || null,
            password: value.password,
            roleIds: value.roleIds,
            areaIds: restricted ? areaIds : null,
          }),
    );
    if (saved) this.dialogRef.close(saved);
  }

}

export function openUserDialog(dialog: MatDialog, data: UserDialogData): Observable<AdminUser | undefined> {
  return dialog
    .open<UserDialogComponent, UserDialogData, AdminUser>(UserDialogComponent, {
      data,
      width: '640px',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    })
    .afterClosed();
}
