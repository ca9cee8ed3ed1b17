import { inject, Pipe, PipeTransform } from '@angular/core';
import { ValidationErrors } from '@angular/forms';
import { TranslateService } from '@ngx-translate/core';

/** Translation keys for a validator's error, replacing the generic ones (`{ pattern: 'geo.form.codePattern' }`). */
export type ValidationMessageKeys = Readonly<Record<string, string>>;

const GENERIC_KEYS: ValidationMessageKeys = {
  required: 'core.validation.required',
  maxlength: 'core.validation.maxLength',
  minlength: 'core.validation.minLength',
  pattern: 'core.validation.pattern',
  // Material date pickers: the text is not a day in the interface language's order, or it is outside [min, max]
  matDatepickerParse: 'core.validation.day',
  matDatepickerMax: 'core.validation.dayTooLate',
  matDatepickerMin: 'core.validation.dayTooEarly',
};

const DATE_ERRORS = { matDatepickerParse: true, matDatepickerMax: true, matDatepickerMin: true };

/**
 * The message to show under a form field for its first validation error. A `server` error holds
 * the API's own message for that field, already in the person's language.
 */
@Pipe({ name: 'validationMessage' })
export class ValidationMessagePipe implements PipeTransform {
  private readonly translate = inject(TranslateService);

  transform(errors: ValidationErrors | null | undefined, keys: ValidationMessageKeys = {}): string {
    if (!errors) return '';
    if (typeof errors['server'] === 'string') return errors['server'];
    const [name, detail] = Object.entries(errors)[0];
    const key = keys[name] ?? GENERIC_KEYS[name] ?? 'core.validation.invalid';
    return this.translate.instant(key, typeof detail === 'object' && detail !== null && !(name in DATE_ERRORS) ? detail : {});
  }
}
