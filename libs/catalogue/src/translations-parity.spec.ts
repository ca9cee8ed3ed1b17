import { LANGUAGES, type CoreMisModuleDefinition } from '@coremis/core';
import { MODULE_CATALOGUE } from './index';

type Dictionary = Record<string, unknown>;

/** Every leaf of a nested dictionary as `a.b.c` → value. */
function leaves(dictionary: Dictionary, prefix = ''): Map<string, unknown> {
  const result = new Map<string, unknown>();
  for (const [key, value] of Object.entries(dictionary)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [leaf, leafValue] of leaves(value as Dictionary, path)) result.set(leaf, leafValue);
    } else {
      result.set(path, value);
    }
  }
  return result;
}

/** nestjs-i18n arguments: `{count}`, `{ field }`. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\s*([\w.]+)\s*\}/g)].map((match) => match[1]).sort();
}

/** Problems of one module's server translations; English is the reference. */
export function translationProblems(definition: Pick<CoreMisModuleDefinition, 'key' | 'translations' | 'permissions'>): string[] {
  const problems: string[] = [];
  const reference = leaves(definition.translations.en as Dictionary);
  for (const lang of LANGUAGES) {
    const dictionary = leaves((definition.translations[lang] ?? {}) as Dictionary);
    for (const [key, value] of dictionary) {
      if (typeof value !== 'string' || !value.trim()) problems.push(`${definition.key}.${key} (${lang}) is not a non-empty string`);
      if (!reference.has(key)) problems.push(`${definition.key}.${key} (${lang}) has no English original`);
    }
    if (lang === 'en') continue;
    for (const [key, english] of reference) {
      const translated = dictionary.get(key);
      if (translated === undefined) {
        problems.push(`${definition.key}.${key} is missing in ${lang}`);
      } else if (typeof english === 'string' && typeof translated === 'string') {
        if (placeholders(english).join() !== placeholders(translated).join()) {
          problems.push(`${definition.key}.${key} (${lang}) has placeholders {${placeholders(translated)}}, English {${placeholders(english)}}`);
        }
      }
    }
  }
  for (const permission of definition.permissions) {
    const [namespace, ...rest] = permission.labelKey.split('.');
    if (namespace !== definition.key || !reference.has(rest.join('.'))) {
      problems.push(`permission ${permission.code}: label key ${permission.labelKey} is not in ${definition.key}'s translations`);
    }
  }
  return problems;
}

describe('server translations', () => {
  it.each(MODULE_CATALOGUE.map((definition) => [definition.key, definition] as const))(
    '%s has the same keys and placeholders in EN, FR and PT, and labels for its permissions',
    (_key, definition) => {
      expect(translationProblems(definition)).toEqual([]);
    },
  );

  it('reports a key missing in one language, an extra key, an empty value and a changed placeholder', () => {
    const problems = translationProblems({
      key: 'demo',
      permissions: [{ code: 'demo.view', labelKey: 'demo.permissions.view' }],
      translations: {
        en: { errors: { tooMany: 'At most {max} rows', gone: 'Gone' }, permissions: { view: 'View' } },
        fr: { errors: { tooMany: 'Au plus {limit} lignes', gone: 'Parti' }, permissions: { view: 'Voir' }, extra: 'x' },
        pt: { errors: { tooMany: 'No máximo {max} linhas', gone: '' } },
      },
    });
    expect(problems).toEqual([
      'demo.extra (fr) has no English original',
      'demo.errors.tooMany (fr) has placeholders {limit}, English {max}',
      'demo.errors.gone (pt) is not a non-empty string',
      'demo.permissions.view is missing in pt',
    ]);
  });
});
