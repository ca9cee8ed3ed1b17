import { FileMapping, ImportField, ImportFileRole, ImportLayout, ImportMapping } from './registry-import.queries';

export const EXTRA_PREFIX = 'extra.';
/** In one file, household extra fields are told apart from the person's. */
export const HOUSEHOLD_EXTRA_PREFIX = 'extra.household.';

export interface ExtraField {
  readonly name: string;
  readonly title: string;
  /** JSON Schema type and enum, when the schema says. */
  readonly type?: string | null;
  readonly choices?: readonly string[] | null;
}

/** One select of the mapping step: a field, and the file whose column fills it. */
export interface MappingSlot {
  /** Unique: `<file>:<field>`. */
  readonly key: string;
  readonly file: ImportFileRole;
  /** The key in the file's mapping: a field name, `extra.<property>` or `extra.household.<property>`. */
  readonly field: string;
  readonly label: string;
  readonly group: 'household' | 'member';
  readonly required: boolean;
  readonly extra: boolean;
  /** Accepted values, shown as a hint. */
  readonly choices: readonly string[] | null;
  /** text, int, decimal, date, choice, list, phones; for extra fields, boolean or choice when the schema says. */
  readonly kind: string;
}

export function slotKey(file: ImportFileRole, field: string): string {
  return `${file}:${field}`;
}

/** The file a layout reads a field from. */
export function fileOf(target: ImportField['target'], layout: ImportLayout): ImportFileRole {
  return layout === 'TWO_FILES' && target === 'household' ? 'households' : 'members';
}

/**
 * Every select of the mapping step for a layout, households first. With two files, the household key
 * is read from both (it joins them); with one file, household extra fields are `extra.household.*`.
 */
export function mappingSlots(
  layout: ImportLayout,
  fields: readonly ImportField[],
  householdExtras: readonly ExtraField[],
  individualExtras: readonly ExtraField[],
): MappingSlot[] {
  const household: MappingSlot[] = [];
  const member: MappingSlot[] = [];
  for (const field of fields) {
    const base = { label: field.label, required: field.required, extra: false, choices: field.choices, kind: field.kind };
    if (field.name === 'householdKey') {
      if (layout === 'TWO_FILES') {
        household.push({ ...base, key: slotKey('households', field.name), file: 'households', field: field.name, group: 'household' });
        member.push({ ...base, key: slotKey('members', field.name), file: 'members', field: field.name, group: 'member' });
      } else {
        household.push({ ...base, key: slotKey('members', field.name), file: 'members', field: field.name, group: 'household' });
      }
      continue;
    }
    const file = fileOf(field.target, layout);
    const slot: MappingSlot = { ...base, key: slotKey(file, field.name), file, field: field.name, group: field.target === 'household' ? 'household' : 'member' };
    (field.target === 'household' ? household : member).push(slot);
  }
  const householdFile = layout === 'TWO_FILES' ? 'households' : 'members';
  const householdPrefix = layout === 'TWO_FILES' ? EXTRA_PREFIX : HOUSEHOLD_EXTRA_PREFIX;
  for (const extra of householdExtras) {
    const field = `${householdPrefix}${extra.name}`;
    household.push({ key: slotKey(householdFile, field), file: householdFile, field, label: extra.title, group: 'household', required: false, extra: true, ...extraKind(extra) });
  }
  for (const extra of individualExtras) {
    const field = `${EXTRA_PREFIX}${extra.name}`;
    member.push({ key: slotKey('members', field), file: 'members', field, label: extra.title, group: 'member', required: false, extra: true, ...extraKind(extra) });
  }
  return [...household, ...member];
}

function extraKind(extra: ExtraField): { kind: string; choices: readonly string[] | null } {
  if (extra.choices?.length) return { kind: 'choice', choices: extra.choices };
  return { kind: extra.type === 'boolean' ? 'boolean' : 'text', choices: null };
}

/** Column per slot key, from a `{ members, households }` mapping (a template, the server's suggestions). */
export function assignmentsOf(mapping: Partial<Record<ImportFileRole, FileMapping>> & { options?: unknown }): Record<string, string> {
  const assigned: Record<string, string> = {};
  for (const file of ['members', 'households'] as const) {
    for (const [field, column] of Object.entries(mapping[file] ?? {})) {
      if (typeof column === 'string' && column) assigned[slotKey(file, field)] = column;
    }
  }
  return assigned;
}

/** What the server expects, from the column chosen per slot (empty ones left out). */
export function mappingOf(layout: ImportLayout, slots: readonly MappingSlot[], assigned: Readonly<Record<string, string>>): ImportMapping {
  const members: Record<string, string> = {};
  const households: Record<string, string> = {};
  for (const slot of slots) {
    const column = assigned[slot.key];
    if (!column) continue;
    (slot.file === 'households' ? households : members)[slot.field] = column;
  }
  return layout === 'TWO_FILES' ? { members, households } : { members };
}

/** Headers compared as the server does: case, accents, spaces and punctuation ignored. */
export function simplifyHeader(header: string): string {
  return header
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Household extra fields of a single file: the server only suggests the person's extra fields there,
 * so a column named like a household property (and like no person property) is matched here.
 */
export function suggestHouseholdExtras(
  headers: readonly string[],
  householdExtras: readonly ExtraField[],
  individualExtras: readonly ExtraField[],
): Record<string, string> {
  const byKey = new Map(headers.map((header) => [simplifyHeader(header), header]));
  const personal = new Set(individualExtras.map((extra) => simplifyHeader(extra.name)));
  const suggested: Record<string, string> = {};
  for (const extra of householdExtras) {
    const key = simplifyHeader(extra.name);
    const column = byKey.get(key);
    if (column && !personal.has(key)) suggested[`${HOUSEHOLD_EXTRA_PREFIX}${extra.name}`] = column;
  }
  return suggested;
}
