import { AbstractControl } from '@angular/forms';
import { fieldErrorMap, toUserError } from '../graphql/user-error';

/**
 * Puts the server's validation messages under the matching form controls (as a `server` error,
 * which `validationMessage` shows as it is). True when every message found its control, so that the
 * banner above the form can just say "correct the fields marked in red".
 */
export function showServerFieldErrors(form: AbstractControl, error: unknown, aliases: Readonly<Record<string, string>> = {}): boolean {
  const fieldErrors = Object.entries(fieldErrorMap(toUserError(error)));
  let placed = 0;
  for (const [field, message] of fieldErrors) {
    const control = form.get(aliases[field] ?? field);
    if (!control) continue;
    control.setErrors({ ...control.errors, server: message });
    control.markAsTouched();
    placed++;
  }
  return fieldErrors.length > 0 && placed === fieldErrors.length;
}
