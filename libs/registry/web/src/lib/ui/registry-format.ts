import { TranslateService } from '@ngx-translate/core';

export const REGISTRY_BASE_PATH = '/registry';
export const INDIVIDUALS_PATH = '/registry/individuals';

export const householdLink = (id: string): string[] => [REGISTRY_BASE_PATH, 'households', id];
export const individualLink = (id: string): string[] => [INDIVIDUALS_PATH, id];

export function personName(person: { readonly givenName: string; readonly familyName: string } | null | undefined): string {
  return person ? `${person.givenName} ${person.familyName}`.trim() : '';
}

/** "nameEn" → "Name en", "iron_sheet" → "Iron sheet": a last resort for codes nobody translated. */
export function humanize(name: string): string {
  const words = name
    .replace(/[_.-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A translation, or `fallback` when the key has none. */
export function translateOr(translate: TranslateService, key: string, fallback: string, params?: Record<string, unknown>): string {
  const text: unknown = translate.instant(key, params);
  return typeof text === 'string' && text !== key ? text : fallback;
}

/**
 * The label of a coded value (`registry.values.<list>.<value>`): a relationship, a wall material, a
 * document type… Codes the interface does not know are shown readable rather than raw.
 */
export function codeLabel(translate: TranslateService, list: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return translateOr(translate, `registry.values.${list}.${value}`, humanize(value));
}

/** The label of a field of a household or a person (`registry.fields.<name>`). */
export function fieldLabel(translate: TranslateService, name: string): string {
  return translateOr(translate, `registry.fields.${name}`, humanize(name));
}

/** Today in the browser's time zone, as YYYY-MM-DD (the maximum of a date of birth). */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

