import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';

const WORKSPACE = resolve(__dirname, '../../..');
export type Language = 'en' | 'fr' | 'pt';
type Dictionary = { [key: string]: string | Dictionary };
type Bundle = Record<Language, Dictionary>;

function translationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : translationFiles(path);
    return entry.name.endsWith('.translations.ts') ? [path] : [];
  });
}

/**
 * Every web translation bundle (`libs/<module>/web/**\/*.translations.ts`), read from source: the files
 * are plain data whose only import is `defineTranslations`, stood in for by the identity.
 */
export function webBundles(): Bundle[] {
  const libs = join(WORKSPACE, 'libs');
  const files = readdirSync(libs).flatMap((lib) => {
    try {
      return translationFiles(join(libs, lib, 'web', 'src'));
    } catch {
      return [];
    }
  });
  return files.flatMap((file) => {
    const { outputText } = transpileModule(readFileSync(file, 'utf8'), { compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022 } });
    const exports: Record<string, unknown> = {};
    const fakeRequire = () => ({ defineTranslations: (bundle: Bundle) => bundle });
    new Function('exports', 'require', outputText)(exports, fakeRequire);
    return Object.values(exports).filter((value): value is Bundle => typeof value === 'object' && value !== null && 'en' in value && 'fr' in value && 'pt' in value);
  });
}

function flatten(dictionary: Dictionary, prefix = '', into = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(dictionary)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') into.set(path, value);
    else flatten(value, path, into);
  }
  return into;
}

/** Each language's strings by key, all bundles merged. */
export function flatTranslations(): Record<Language, Map<string, string>> {
  const merged: Record<Language, Map<string, string>> = { en: new Map(), fr: new Map(), pt: new Map() };
  for (const bundle of webBundles()) {
    for (const lang of ['en', 'fr', 'pt'] as const) for (const [key, value] of flatten(bundle[lang])) merged[lang].set(key, value);
  }
  return merged;
}

/** A string as a matcher: its `{{params}}` stand for anything. */
export function templateMatcher(template: string): RegExp {
  const parts = template.split(/\{\{\s*\w+\s*\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+?')}$`, 's');
}
