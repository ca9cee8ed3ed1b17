import { afterNextRender, Injector, signal } from '@angular/core';
import { AbstractControl } from '@angular/forms';
import { toUserError } from '../graphql/user-error';

/**
 * Puts the server's validation messages (`extensions.fieldErrors` of a BAD_USER_INPUT) under the
 * matching form controls, as a `server` error that `validationMessage` shows as it is. The server's
 * path is followed (`members.1.documents.0.number` is the number of the first document of the
 * second member), so a roster shows each problem on the right person; `aliases` renames fields the
 * form holds elsewhere (`{ areaId: 'area' }`). True when every message found its control: the banner
 * above the form can then just say "correct the fields marked in red".
 */
export function showServerFieldErrors(form: AbstractControl, error: unknown, aliases: Readonly<Record<string, string>> = {}): boolean {
  const fieldErrors = toUserError(error).fieldErrors;
  const find = (field: string) => {
    const stripped = field.replace(/^(input|member)\./, '');
    const last = field.split('.').pop() ?? field;
    // the whole path first (rosters), then without the input's name, then the last name (flat forms)
    return form.get(aliases[field] ?? field) ?? form.get(aliases[stripped] ?? stripped) ?? form.get(aliases[last] ?? last);
  };
  const messages = new Map<AbstractControl, string>();
  let placed = 0;
  for (const { field, message } of fieldErrors) {
    const control = find(field);
    if (!control) continue;
    placed++;
    messages.set(control, messages.has(control) ? `${messages.get(control)} ${message}` : message);
  }
  for (const [control, message] of messages) {
    control.setErrors({ ...control.errors, server: message });
    control.markAsTouched();
  }
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

export interface FormSubmissionOptions {
  /** Server field names the form holds under another name. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** The banner's message when every server message found its field. */
  readonly fixFieldsKey?: string;
  /** Shows a form's client-side problems or the server's (a long form scrolls to the first). */
  readonly reveal?: () => void;
  /** An error the dialog answers itself (sent for approval…): true, and no banner is shown. */
  readonly handled?: (error: unknown) => boolean;
}

/**
 * The one way a form dialog saves: refuses an invalid form (showing its errors), runs the save once
 * at a time, and on failure keeps the error for the banner and puts the server's field messages
 * under their fields. Templates read `saving()`, `error()` and `errorMessageKey()`.
 */
export class FormSubmission {
  readonly saving = signal(false);
  readonly error = signal<unknown>(null);
  readonly errorMessageKey = signal<string | undefined>(undefined);

  constructor(
    private readonly form: AbstractControl,
    private readonly options: FormSubmissionOptions = {},
  ) {}

  /** The save's result, or undefined when the form is invalid, a save is running, or it failed. */
  async run<R>(save: () => Promise<R>): Promise<R | undefined> {
    if (this.saving()) return undefined;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.options.reveal?.();
      return undefined;
    }
    this.saving.set(true);
    this.clear();
    try {
      return await save();
    } catch (error) {
      if (this.options.handled?.(error)) return undefined;
      this.error.set(error);
      if (showServerFieldErrors(this.form, error, this.options.aliases) && this.options.fixFieldsKey) {
        this.errorMessageKey.set(this.options.fixFieldsKey);
      }
      this.options.reveal?.();
      return undefined;
    } finally {
      this.saving.set(false);
    }
  }

  clear(): void {
    this.error.set(null);
    this.errorMessageKey.set(undefined);
  }
}
