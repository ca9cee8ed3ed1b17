import { coreDefinition, LANGUAGES, type CoreMisModuleDefinition } from '@coremis/core';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
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

/**
 * Constraint names of every class-validator rule declared so far (loading the catalogue loads every module's inputs),
 * as they appear in validation errors, hence in the `core.validation.<constraint>` keys.
 */
export function constraintsInUse(): Set<string> {
  const storage = getMetadataStorage();
  // the storage has no public list of its targets
  const declared = (storage as unknown as { validationMetadatas: Map<unknown, { type: string; constraintCls: new () => unknown }[]> }).validationMetadatas;
  // raised by the validation itself rather than by one rule: an unknown field, a nested value that is not an object,
  // a value class-validator cannot validate, a body that is not an object (Nest's ValidationPipe)
  const names = new Set(['whitelistValidation', 'nestedValidation', 'unknownValue', 'isObject']);
  const silent = new Set<string>([ValidationTypes.CONDITIONAL_VALIDATION, ValidationTypes.WHITELIST, ValidationTypes.PROMISE_VALIDATION]);
  for (const metadata of [...declared.values()].flat()) {
    if (metadata.type === ValidationTypes.CUSTOM_VALIDATION) {
      for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) names.add(constraint.name);
    } else if (!silent.has(metadata.type)) {
      names.add(metadata.type);
    }
  }
  return names;
}

describe('server translations', () => {
  it.each(MODULE_CATALOGUE.map((definition) => [definition.key, definition] as const))(
    '%s has the same keys and placeholders in EN, FR and PT, and labels for its permissions',
    (_key, definition) => {
      expect(translationProblems(definition)).toEqual([]);
    },
  );

  it('has a validation message for every class-validator constraint used by an input', () => {
    const messages = (coreDefinition.translations.en as { validation: Record<string, string> }).validation;
    const used = constraintsInUse();
    // the modules' inputs were loaded with the catalogue
    expect([...used]).toEqual(expect.arrayContaining(['isUuid', 'isNotEmpty', 'arrayMaxSize', 'isLatitude', 'isCurrencyCode']));
    expect([...used].filter((constraint) => !messages[constraint]).sort()).toEqual([]);
  });

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
