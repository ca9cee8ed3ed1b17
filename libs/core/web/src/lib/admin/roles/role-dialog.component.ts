import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import { ALL_PERMISSIONS } from '../../auth/auth.service';
import { ErrorBannerComponent } from '../../ui/error-banner.component';
import { FormSubmission } from '../../ui/form-errors';
import { NoticeBannerComponent } from '../../ui/notice-banner.component';
import { ValidationMessagePipe } from '../../ui/validation-message.pipe';
import { PermissionInfo, Role } from '../data/identity-admin.queries';
import { IdentityAdminService } from '../data/identity-admin.service';

/** Same rule as the API. */
const ROLE_CODE_PATTERN = /^[a-z][a-z0-9_.-]{1,49}$/;

export interface RoleDialogData {
  readonly role?: Role;
  /** Every permission of the enabled modules, with labels in the interface language. */
  readonly permissions: readonly PermissionInfo[];
}

interface PermissionGroup {
  readonly module: string;
  readonly permissions: readonly PermissionInfo[];
}

/** Creates or edits a role: its name, its permissions grouped by module, and whether it requires two-step verification. */
@Component({
  selector: 'cm-role-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInput,
    MatCheckbox,
    MatSlideToggle,
    MatButton,
    TranslatePipe,
    ErrorBannerComponent,
    NoticeBannerComponent,
    ValidationMessagePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './role-dialog.component.html',
  styleUrl: './role-dialog.component.scss',
})
export class RoleDialogComponent {
  protected readonly data = inject<RoleDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<RoleDialogComponent, Role>>(MatDialogRef);
  private readonly admin = inject(IdentityAdminService);

  protected readonly role = this.data.role;
  protected readonly codeMessages = { pattern: 'core.admin.roles.codePattern' };

  protected readonly selected = signal<ReadonlySet<string>>(new Set(this.role?.permissions ?? []));
  protected readonly all = computed(() => this.selected().has(ALL_PERMISSIONS));
  protected readonly groups: readonly PermissionGroup[] = groupByModule(this.data.permissions);

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: [{ value: this.role?.code ?? '', disabled: !!this.role }, [Validators.required, Validators.pattern(ROLE_CODE_PATTERN)]],
    name: [this.role?.name ?? '', [Validators.required, Validators.maxLength(200)]],
    requireTwoFactor: [this.role?.requireTwoFactor ?? false],
  });
  private readonly submission = new FormSubmission(this.form, { fixFieldsKey: 'core.auth.fixFields' });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  protected readonly errorMessageKey = this.submission.errorMessageKey;

  protected isChecked(code: string): boolean {
    return this.all() || this.selected().has(code);
  }

  protected groupState(group: PermissionGroup): 'all' | 'some' | 'none' {
    if (this.all()) return 'all';
    const count = group.permissions.filter((p) => this.selected().has(p.code)).length;
    return count === 0 ? 'none' : count === group.permissions.length ? 'all' : 'some';
  }

  protected toggle(code: string, checked: boolean): void {
    this.selected.update((set) => {
      const next = new Set(set);
      if (checked) next.add(code);
      else next.delete(code);
      return next;
    });
  }

  protected toggleGroup(group: PermissionGroup, checked: boolean): void {
    this.selected.update((set) => {
      const next = new Set(set);
      for (const permission of group.permissions) {
        if (checked) next.add(permission.code);
        else next.delete(permission.code);
      }
      return next;
    });
  }

  protected toggleAll(checked: boolean): void {
    this.toggle(ALL_PERMISSIONS, checked);
  }

  protected async save(): Promise<void> {
    const value = this.form.getRawValue();
    const known = new Set(this.data.permissions.map((p) => p.code));
    // "*" alone says it all; the API refuses codes of modules that are not enabled (any more)
    const permissions = this.all() ? [ALL_PERMISSIONS] : [...this.selected()].filter((code) => known.has(code));
    const saved = await this.submission.run(() =>
      this.admin.saveRole({
        id: this.role?.id,
        code: value.code.trim(),
        name: value.name.trim(),
        permissions,
        requireTwoFactor: value.requireTwoFactor,
      }),
    );
    if (saved) this.dialogRef.close(saved);
  }

}

function groupByModule(permissions: readonly PermissionInfo[]): PermissionGroup[] {
  const groups = new Map<string, PermissionInfo[]>();
  for (const permission of permissions) {
    const list = groups.get(permission.module) ?? [];
    list.push(permission);
    groups.set(permission.module, list);
  }
  return [...groups].map(([module, list]) => ({ module, permissions: list }));
}

export function openRoleDialog(dialog: MatDialog, data: RoleDialogData): Observable<Role | undefined> {
  return dialog
    .open<RoleDialogComponent, RoleDialogData, Role>(RoleDialogComponent, {
      data,
      width: '720px',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    })
    .afterClosed();
}
