const BUILT_IN = new Set([
  'address', 'latitude', 'longitude', 'rooms', 'wallMaterial', 'roofMaterial', 'floorMaterial', 'waterSource', 'sanitation', 'lighting', 'cookingFuel',
  'givenName', 'familyName', 'otherNames', 'sex', 'birthDate', 'maritalStatus', 'disability', 'education', 'occupation',
]);

/** The translation key of a registry field's label; a deployment's extra field shows its own name. */
export function fieldLabelKey(key: string): string {
  return BUILT_IN.has(key) ? `grm.changes.fields.${key}` : key.replace(/^extra\./, '');
}

/** A stored value as a reader sees it; null for an empty one (the template shows "(empty)"). */
export function displayValue(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
