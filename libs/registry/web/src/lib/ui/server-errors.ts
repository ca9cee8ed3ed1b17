import { afterNextRender, Injector } from '@angular/core';
import { AbstractControl } from '@angular/forms';
import { toUserError } from '@coremis/core-web';

/**
 * Puts the server's validation messages under the matching controls, following the whole path the
 * server names (`members.1.documents.0.number` is the number of the first document of the second
 * member), so that a roster with several people shows each problem on the right person. `aliases`
 * renames fields the form holds elsewhere (`{ areaId: 'area' }`). True when every message found its
 * control: the banner above the form can then just say "correct the fields marked in red".
 */
export function placeServerErrors(form: AbstractControl, error: unknown, aliases: Readonly<Record<string, string>> = {}): boolean {
  const fieldErrors = toUserError(error).fieldErrors;
  const messages = new Map<AbstractControl, string>();
  for (const { field, message } of fieldErrors) {
    const control = form.get(aliases[field] ?? field) ?? form.get(field.replace(/^(input|member)\./, ''));
    if (!control) continue;
    messages.set(control, messages.has(control) ? `${messages.get(control)} ${message}` : message);
  }
  for (const [control, message] of messages) {
    control.setErrors({ ...control.errors, server: message });
    control.markAsTouched();
  }
  const placed = fieldErrors.filter(({ field }) => !!(form.get(aliases[field] ?? field) ?? form.get(field.replace(/^(input|member)\./, '')))).length;
  return fieldErrors.length > 0 && placed === fieldErrors.length;
}

/**
 * Brings the first field in error (or the error banner) into view once the page shows it: in a long
 * form the problem may be far from the save button.
 */
export function revealFirstError(host: HTMLElement, injector: Injector): void {
  afterNextRender(
    () => {
      const target = host.querySelector('.mat-form-field-invalid, [role="alert"]');
      target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    },
    { injector },
  );
}
