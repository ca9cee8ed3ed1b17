import { ChangeDetectionStrategy, Component, ElementRef, inject, input, model, resource, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatAutocompleteModule, MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import { debounceTime } from 'rxjs';
import { LanguageService } from '../../i18n/language.service';
import { AreaOption } from '../data/identity-admin.queries';
import { IdentityAdminService } from '../data/identity-admin.service';



/** Picks administrative areas by searching their code or name (any level). */
@Component({
  selector: 'cm-area-picker',
  imports: [MatFormFieldModule, MatChipsModule, MatAutocompleteModule, MatIcon, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field class="field" subscriptSizing="dynamic">
      <mat-label>{{ 'core.admin.users.areasLabel' | translate }}</mat-label>
      <mat-chip-grid #chips [attr.aria-label]="'core.admin.users.areasLabel' | translate" data-testid="area-picker-chips">
        @for (area of selected(); track area.id) {
          <mat-chip-row (removed)="remove(area)" [attr.data-testid]="'area-chip-' + area.code">
            {{ area.name }} <span class="code">{{ area.code }}</span>
            <button matChipRemove type="button" [attr.aria-label]="'core.admin.users.removeArea' | translate: { name: area.name }">
              <mat-icon>cancel</mat-icon>
            </button>
          </mat-chip-row>
        }
        <input
          #searchInput
          [placeholder]="'core.admin.users.areasPlaceholder' | translate"
          [matChipInputFor]="chips"
          [matAutocomplete]="auto"
          (input)="text.set(searchInput.value)"
          autocomplete="off"
          data-testid="area-picker-input"
        />
      </mat-chip-grid>
      <mat-autocomplete #auto="matAutocomplete" (optionSelected)="add($event)">
        @if (options.isLoading()) {
          <mat-option disabled>{{ 'core.loading' | translate }}</mat-option>
        }
        @for (area of options.value() ?? []; track area.id) {
          <mat-option [value]="area" [disabled]="isSelected(area)" [attr.data-testid]="'area-option-' + area.code">
            {{ area.name }} <span class="code">{{ area.code }}</span> <span class="level">· {{ area.level.name }}</span>
          </mat-option>
        } @empty {
          @if (search() && !options.isLoading()) {
            <mat-option disabled>{{ 'core.admin.users.noArea' | translate: { search: search() } }}</mat-option>
          }
        }
      </mat-autocomplete>
      @if (error(); as error) {
        <mat-hint class="error" role="alert">{{ error }}</mat-hint>
      } @else {
        <mat-hint>{{ 'core.admin.users.areasHint' | translate }}</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    .field {
      width: 100%;
    }
    .code {
      margin-left: 4px;
      font-family: 'Roboto Mono', ui-monospace, monospace;
      font-size: 12px;
      opacity: 0.75;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .level {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class AreaPickerComponent {
  readonly selected = model<readonly AreaOption[]>([]);
  /** Already translated. */
  readonly error = input<string | null>(null);

  private readonly admin = inject(IdentityAdminService);
  private readonly language = inject(LanguageService);
  private readonly searchInput = viewChild.required<ElementRef<HTMLInputElement>>('searchInput');

  protected readonly text = signal('');
  protected readonly search = signal('');
  protected readonly options = resource({
    params: () => (this.search() ? { search: this.search(), lang: this.language.current() } : undefined),
    loader: ({ params }) => this.admin.searchAreas(params.search),
  });

  constructor() {
    toObservable(this.text)
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), takeUntilDestroyed())
      .subscribe((text) => this.search.set(text.trim()));
  }

  protected isSelected(area: AreaOption): boolean {
    return this.selected().some((a) => a.id === area.id);
  }

  protected add(event: MatAutocompleteSelectedEvent): void {
    const area = event.option.value as AreaOption;
    if (!this.isSelected(area)) this.selected.update((areas) => [...areas, area]);
    this.searchInput().nativeElement.value = '';
    this.text.set('');
    this.search.set('');
  }

  protected remove(area: AreaOption): void {
    this.selected.update((areas) => areas.filter((a) => a.id !== area.id));
  }
}
