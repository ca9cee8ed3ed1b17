import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { ErrorBannerComponent, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import { HouseholdFilter, SavedSearch } from '../data/registry.queries';
import { RegistryService } from '../data/registry.service';

export interface SaveSearchDialogData {
  readonly filter: HouseholdFilter;
  /** A readable summary of the filter, already translated. */
  readonly summary: string;
  readonly existing: readonly SavedSearch[];
}

/** Names the current household search and saves it (a search of the same name is replaced). */
@Component({
  selector: 'cm-save-search-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInput, MatButton, TranslatePipe, ErrorBannerComponent, ValidationMessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'registry.savedSearches.saveTitle' | translate }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="save-search-form">
      <mat-dialog-content>
        <p class="summary">{{ data.summary }}</p>
        @if (error(); as error) {
          <cm-error-banner [error]="error" titleKey="registry.savedSearches.saveFailed" />
        }
        <mat-form-field subscriptSizing="dynamic" class="name">
          <mat-label>{{ 'registry.savedSearches.name' | translate }}</mat-label>
          <input matInput formControlName="name" required maxlength="100" autocomplete="off" data-testid="save-search-name" />
          @if (replaces()) {
            <mat-hint>{{ 'registry.savedSearches.replaces' | translate }}</mat-hint>
          }
          <mat-error>{{ name.errors | validationMessage }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'core.actions.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()" data-testid="save-search-submit">
          {{ (saving() ? 'registry.forms.saving' : 'registry.forms.save') | translate }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .summary {
      margin: 0 0 16px;
      color: var(--mat-sys-on-surface-variant);
    }
    .name {
      width: 100%;
    }
  `,
})
export class SaveSearchDialogComponent {
  protected readonly data = inject<SaveSearchDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<SaveSearchDialogComponent, SavedSearch>>(MatDialogRef);
  private readonly registry = inject(RegistryService);

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
  });
  protected readonly name = this.form.controls.name;
  protected readonly saving = signal(false);
  protected readonly error = signal<unknown>(null);

  protected replaces(): boolean {
    const name = this.name.value.trim();
    return !!name && this.data.existing.some((search) => search.name === name);
  }

  protected async save(): Promise<void> {
    if (!this.name.value.trim()) this.name.setValue('');
    if (this.name.invalid) {
      this.name.markAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      this.dialogRef.close(await this.registry.saveSearch(this.name.value.trim(), this.data.filter));
    } catch (error) {
      this.error.set(error);
    } finally {
      this.saving.set(false);
    }
  }
}

export function openSaveSearchDialog(dialog: MatDialog, data: SaveSearchDialogData): Observable<SavedSearch | undefined> {
  return dialog
    .open<SaveSearchDialogComponent, SaveSearchDialogData, SavedSearch>(SaveSearchDialogComponent, { data, width: '440px', maxWidth: '95vw' })
    .afterClosed();
}
