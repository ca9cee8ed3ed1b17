import { isoDay } from '@coremis/core-web';
import { AbstractControl, FormControl, FormGroup, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { ExtraValues } from '../data/registry.queries';

/** The kinds of extra field the simple editor and the forms handle. */
export type ExtraFieldType = 'string' | 'number' | 'integer' | 'boolean' | 'date';
export const EXTRA_FIELD_TYPES: readonly ExtraFieldType[] = ['string', 'number', 'integer', 'boolean', 'date'];

/** One extra field, as declared in the deployment's JSON Schema. */
export interface ExtraFieldDef {
  readonly name: string;
  /** The schema's `title`, when the administrator gave one. */
  readonly title: string | null;
  readonly type: ExtraFieldType;
  readonly required: boolean;
  /** The schema's `enum`: the only values accepted. */
  readonly allowed: readonly (string | number)[];
}

/** Property names JSON Schema and the forms accept: letters, digits and underscores. */
export const EXTRA_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

const SIMPLE_PROPERTY_KEYS = new Set(['type', 'format', 'enum', 'title']);
/**
 * PostgreSQL keeps JSON objects with their keys in its own order, so the order of the fields (in
 * forms and on the record pages) is written apart, as a list: an annotation validators ignore.
 */
export const ORDER_KEY = 'x-order';
const SIMPLE_SCHEMA_KEYS = new Set(['type', 'properties', 'required', 'additionalProperties', '$schema', 'title', ORDER_KEY]);

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(property: JsonObject): ExtraFieldType | null {
  const type = property['type'];
  if (type === 'string') return property['format'] === 'date' ? 'date' : property['format'] === undefined ? 'string' : null;
  if (type === 'number' || type === 'integer' || type === 'boolean') return property['format'] === undefined ? type : null;
  return null;
}

/**
 * The extra fields a schema declares that the forms can show. Properties of other shapes (objects,
 * arrays, combinations) are left out: their values are kept as they are.
 */
export function extraFieldsOf(schema: JsonObject | null | undefined): ExtraFieldDef[] {
  const properties = isObject(schema?.['properties']) ? (schema['properties'] as JsonObject) : {};
  const required = Array.isArray(schema?.['required']) ? (schema['required'] as unknown[]) : [];
  const fields: ExtraFieldDef[] = [];
  for (const [name, property] of Object.entries(properties)) {
    if (!isObject(property)) continue;
    const type = typeOf(property);
    if (!type) continue;
    const allowed = Array.isArray(property['enum'])
      ? (property['enum'] as unknown[]).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
      : [];
    const title = typeof property['title'] === 'string' && property['title'].trim() ? property['title'].trim() : null;
    fields.push({ name, title, type, required: required.includes(name), allowed });
  }
  const order = Array.isArray(schema?.[ORDER_KEY]) ? (schema[ORDER_KEY] as unknown[]) : [];
  const rank = (name: string) => {
    const index = order.indexOf(name);
    return index < 0 ? order.length : index;
  };
  return fields.sort((a, b) => rank(a.name) - rank(b.name));
}

/**
 * Whether the simple editor can show and rewrite this schema without losing anything: an object
 * whose properties are plain strings, numbers, integers, booleans or dates, optionally with a title
 * and a list of allowed values.
 */
export function isSimpleSchema(schema: unknown): boolean {
  if (!isObject(schema) || schema['type'] !== 'object') return false;
  if (Object.keys(schema).some((key) => !SIMPLE_SCHEMA_KEYS.has(key))) return false;
  if (schema['additionalProperties'] !== undefined && typeof schema['additionalProperties'] !== 'boolean') return false;
  const properties = schema['properties'] ?? {};
  if (!isObject(properties)) return false;
  for (const property of Object.values(properties)) {
    if (!isObject(property) || !typeOf(property)) return false;
    if (Object.keys(property).some((key) => !SIMPLE_PROPERTY_KEYS.has(key))) return false;
    if (property['enum'] !== undefined && !Array.isArray(property['enum'])) return false;
    if (property['title'] !== undefined && typeof property['title'] !== 'string') return false;
  }
  const order = schema[ORDER_KEY];
  if (order !== undefined && !(Array.isArray(order) && order.every((name) => typeof name === 'string'))) return false;
  const required = schema['required'];
  return required === undefined || (Array.isArray(required) && required.every((name) => typeof name === 'string'));
}

/** The JSON Schema of a list of simple fields; other properties are refused (additionalProperties: false). */
export function schemaOf(fields: readonly ExtraFieldDef[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const field of fields) {
    const property: Record<string, unknown> =
      field.type === 'date' ? { type: 'string', format: 'date' } : { type: field.type };
    if (field.title) property['title'] = field.title;
    if (field.allowed.length) property['enum'] = [...field.allowed];
    properties[field.name] = property;
  }
  const required = fields.filter((field) => field.required).map((field) => field.name);
  return {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
    [ORDER_KEY]: fields.map((field) => field.name),
  };
}

export type ExtraFormGroup = FormGroup<Record<string, FormControl<unknown>>>;

const integer: ValidatorFn = (control: AbstractControl): ValidationErrors | null =>
  control.value === null || control.value === '' || Number.isInteger(control.value) ? null : { integer: true };

const number: ValidatorFn = (control: AbstractControl): ValidationErrors | null =>
  control.value === null || control.value === '' || typeof control.value === 'number' ? null : { number: true };

/** One control per extra field, filled with the record's values. */
export function extraFormGroup(fields: readonly ExtraFieldDef[], values: ExtraValues = {}): ExtraFormGroup {
  const controls: Record<string, FormControl<unknown>> = {};
  for (const field of fields) {
    const validators: ValidatorFn[] = field.required ? [Validators.required] : [];
    if (field.type === 'integer') validators.push(integer);
    if (field.type === 'number') validators.push(number);
    const value = values[field.name];
    controls[field.name] = new FormControl<unknown>(value === undefined ? null : value, validators);
  }
  return new FormGroup(controls);
}

/**
 * The extra values to send: the record's current values (those of fields the form does not show are
 * kept), replaced by the form's; empty fields are left out.
 */
export function extraValuesOf(group: ExtraFormGroup, current: ExtraValues = {}): Record<string, unknown> {
  const values: Record<string, unknown> = { ...current };
  for (const [name, control] of Object.entries(group.controls)) {
    const value = control.value instanceof Date ? isoDay(control.value) : typeof control.value === 'string' ? control.value.trim() : control.value;
    if (value === null || value === undefined || value === '') delete values[name];
    else values[name] = value;
  }
  return values;
}

/** Extra values next to their fields, for reading: declared fields first, then any other value kept. */
export function extraEntries(fields: readonly ExtraFieldDef[], values: ExtraValues): { name: string; field: ExtraFieldDef | null; value: unknown }[] {
  const entries: { name: string; field: ExtraFieldDef | null; value: unknown }[] = fields.map((field) => ({
    name: field.name,
    field,
    value: values[field.name],
  }));
  for (const [name, value] of Object.entries(values)) {
    if (!fields.some((field) => field.name === name)) entries.push({ name, field: null, value });
  }
  return entries;
}
