import { TranslateService } from '@ngx-translate/core';

/** A translation, or `fallback` when the key has none (codes of modules this build does not know). */
export function translateOr(translate: TranslateService, key: string, fallback: string, params?: Record<string, unknown>): string {
  const text = translate.instant(key, params);
  return typeof text === 'string' && text !== key ? text : fallback;
}

/**
 * A role's name: the translation of a built-in role (`roles.builtIn.<code>.name`), else the name
 * its administrator gave it.
 */
export function roleName(translate: TranslateService, role: { readonly code: string; readonly name: string }): string {
  return translateOr(translate, `roles.builtIn.${role.code}.name`, role.name);
}

/** What a built-in role is for, in the interface language; null for roles made by administrators. */
export function roleDescription(translate: TranslateService, code: string): string | null {
  const key = `roles.builtIn.${code}.description`;
  const text = translate.instant(key);
  return typeof text === 'string' && text !== key ? text : null;
}

/** A coded value of an audit detail (`auditValues.<field>.<value>`), else as it was recorded. */
export function auditValue(translate: TranslateService, field: string, value: unknown): string {
  const shown = displayValue(translate, value);
  return typeof value === 'string' && value ? translateOr(translate, `auditValues.${field}.${value}`, shown) : shown;
}

/** "nameEn" → "Name en": a last resort for field names nobody translated. */
export function humanize(name: string): string {
  const words = name
    .replace(/[_.-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label of a field of a record or request: `fields.<name>` when a module named it. */
export function fieldLabel(translate: TranslateService, name: string): string {
  return translateOr(translate, `fields.${name}`, humanize(name));
}

/** A value of a record, as text; objects as compact JSON. */
export function displayValue(translate: TranslateService, value: unknown): string {
  if (value === null || value === undefined || value === '') return translate.instant('core.admin.empty');
  if (typeof value === 'boolean') return translate.instant(value ? 'core.admin.yes' : 'core.admin.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.join(', ');
  return JSON.stringify(value);
}
