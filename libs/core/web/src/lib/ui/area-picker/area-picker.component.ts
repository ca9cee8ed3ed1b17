import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, input, model, viewChild } from '@angular/core';
import { AbstractControl, FormControl, ReactiveFormsModule, ValidationErrors } from '@angular/forms';
import { MatAutocompleteModule, MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatIconButton } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import { AreaPathPipe } from '../area-path.pipe';
import { searchOptions } from '../data-list/search-options';
import { ValidationMessagePipe } from '../validation-message.pipe';
import { AreaSearchService } from './area-search.service';
import { AreaOption } from './area.queries';

/** What a one-area field holds: the chosen area, or the text typed while searching for one. */
export type AreaValue = AreaOption | string | null;

export function isArea(value: AreaValue | undefined): value is AreaOption {
  return typeof value === 'object' && value !== null && 'id' in value;
}

/** Typed text that was not turned into an area by choosing it in the list. */
export function areaChosen(control: AbstractControl<AreaValue>): ValidationErrors | null {
  const value = control.value;
  return typeof value === 'string' && value.trim() !== '' ? { areaNotChosen: true } : null;
}

/**
 * The area picker of every module: an autocomplete over the whole hierarchy (any level, by code or
 * name), offering only the areas in the signed-in user's scope (the API filters them). One area
 * through a form `control` (add `areaChosen`, and `Validators.required`, to its validators), or
 * several as chips with `multiple` and `[(selected)]`.
 */
@Component({
  selector: 'cm-area-picker',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInput, MatChipsModule, MatAutocompleteModule, MatIcon, MatIconButton, TranslatePipe, ValidationMessagePipe, AreaPathPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './area-picker.component.html',
  styleUrl: './area-picker.component.scss',
})
export class AreaPickerComponent {
  /** One area: the form control holding it. */
  readonly control = input<FormControl<AreaValue>>();
  /** Several areas, as chips. */
  readonly multiple = input(false);
  readonly selected = model<readonly AreaOption[]>([]);
  /** Translation keys. */
  readonly label = input('core.area.label');
  readonly hint = input<string>();
  readonly placeholder = input<string>();
  /** Already translated (a server message). */
  readonly error = input<string | null>(null);
  readonly required = input(false);
  /** A list's filter: outlined, with a location icon and a clear button. */
  readonly filter = input(false);
  readonly clearable = input(false);
  readonly icon = input(false);
  readonly appearance = input<'fill' | 'outline'>('fill');
  protected readonly shownAppearance = computed(() => (this.filter() ? 'outline' : this.appearance()));
  readonly testId = input('area-picker-input');

  private readonly areaSearch = inject(AreaSearchService);
  protected readonly search = searchOptions((text) => this.areaSearch.search(text));
  protected readonly messages = { areaNotChosen: 'core.area.notChosen' };
  protected readonly single = computed(() => this.control() ?? new FormControl<AreaValue>(null));
  protected readonly display = (value: AreaValue): string => (isArea(value) ? `${value.name} (${value.code})` : (value ?? ''));
  private readonly chipInput = viewChild<ElementRef<HTMLInputElement>>('chipInput');

  protected isSelected(area: AreaOption): boolean {
    return this.multiple() && this.selected().some((a) => a.id === area.id);
  }

  protected chosen(event: MatAutocompleteSelectedEvent): void {
    if (!this.multiple()) return; // the control holds the option
    const area = event.option.value as AreaOption;
    if (!this.isSelected(area)) this.selected.update((areas) => [...areas, area]);
    const input = this.chipInput()?.nativeElement;
    if (input) input.value = '';
    this.search.text.reset('');
  }

  protected remove(area: AreaOption): void {
    this.selected.update((areas) => areas.filter((a) => a.id !== area.id));
  }

  protected clear(): void {
    this.single().setValue(null);
    this.single().markAsDirty();
    this.search.text.reset('');
  }
}
