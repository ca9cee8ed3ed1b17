import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, ReactiveFormsModule, ValidationErrors } from '@angular/forms';
import { MatIconButton } from '@angular/material/button';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { LanguageService, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { debounceTime } from 'rxjs';
import { AreaOption } from '../data/registry.queries';
import { RegistryService } from '../data/registry.service';

const SEARCH_DEBOUNCE_MS = 250;

/** What an area field holds: the chosen area, or the text typed while searching for one. */
export type AreaValue = AreaOption | string | null;

export function isArea(value: AreaValue): value is AreaOption {
  return typeof value === 'object' && value !== null && 'id' in value;
}

/** Typed text that was not turned into an area by choosing it in the list. */
export function areaChosen(control: AbstractControl<AreaValue>): ValidationErrors | null {
  const value = control.value;
  return typeof value === 'string' && value.trim() !== '' ? { areaNotChosen: true } : null;
}

/**
 * Chooses one administrative area (any level) by typing part of its name or code. The control holds
 * the chosen `AreaOption`; add `areaChosen` (and `Validators.required`) to its validators.
 */
@Component({
  selector: 'cm-area-autocomplete',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInput, MatAutocompleteModule, MatIcon, MatIconButton, TranslatePipe, ValidationMessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field class="field" subscriptSizing="dynamic" [appearance]="appearance()">
      <mat-label>{{ label() | translate }}</mat-label>
      @if (icon()) {
        <mat-icon matPrefix>location_on</mat-icon>
      }
      <input
        matInput
        [formControl]="control()"
        [matAutocomplete]="auto"
        [required]="required()"
        (input)="text.set(input.value)"
        autocomplete="off"
        #input
        [attr.data-testid]="testId()"
      />
      @if (clearable() && control().value) {
        <button mat-icon-button matSuffix type="button" [attr.aria-label]="'registry.area.clear' | translate" (click)="clear()">
          <mat-icon>close</mat-icon>
        </button>
      }
      <mat-autocomplete #auto="matAutocomplete" [displayWith]="display" autoActiveFirstOption>
        @if (options.isLoading()) {
          <mat-option disabled>{{ 'core.loading' | translate }}</mat-option>
        }
        @for (area of optionList(); track area.id) {
          <mat-option [value]="area" [attr.data-testid]="'area-option-' + area.code">
            <span>{{ area.name }}</span>
            <span class="code">{{ area.code }}</span>
            <span class="level">· {{ area.level.name }}</span>
          </mat-option>
        } @empty {
          @if (search() && !options.isLoading()) {
            <mat-option disabled>{{ 'registry.area.none' | translate: { search: search() } }}</mat-option>
          }
        }
      </mat-autocomplete>
      @if (hint()) {
        <mat-hint>{{ hint()! | translate }}</mat-hint>
      }
      <mat-error>{{ control().errors | validationMessage: messages }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    .field {
      width: 100%;
    }
    .code {
      margin-left: 6px;
      font-family: 'Roboto Mono', ui-monospace, monospace;
      font-size: 12px;
      opacity: 0.75;
    }
    .level {
      margin-left: 4px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class AreaAutocompleteComponent {
  readonly control = input.required<FormControl<AreaValue>>();
  readonly label = input('registry.fields.area');
  readonly hint = input<string>();
  readonly required = input(false);
  readonly clearable = input(false);
  readonly icon = input(false);
  readonly appearance = input<'fill' | 'outline'>('fill');
  readonly testId = input('area-input');

  private readonly registry = inject(RegistryService);
  private readonly language = inject(LanguageService);

  protected readonly messages = { areaNotChosen: 'registry.area.notChosen' };
  protected readonly text = signal('');
  protected readonly search = signal('');
  protected readonly options = resource({
    params: () => (this.search() ? { search: this.search(), lang: this.language.current() } : undefined),
    loader: ({ params }) => this.registry.searchAreas(params.search),
  });
  protected readonly optionList = computed(() => (this.options.hasValue() ? this.options.value() : []));
  protected readonly display = (value: AreaValue): string => (isArea(value) ? `${value.name} (${value.code})` : (value ?? ''));

  constructor() {
    toObservable(this.text)
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), takeUntilDestroyed())
      .subscribe((text) => this.search.set(text.trim()));
  }

  protected clear(): void {
    this.control().setValue(null);
    this.control().markAsDirty();
    this.text.set('');
  }
}
