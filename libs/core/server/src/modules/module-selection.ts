import { readFileSync } from 'node:fs';
import type { CoreConfig } from '../config/core-config';
import { ConfigError } from '../config/core-config';
import type { CoreMisModuleDefinition } from './module-definition';

/** Names of the modules the deployment asks for, from ENABLED_MODULES or MODULES_CONFIG; `undefined` means all. */
export function requestedModules(config: Pick<CoreConfig, 'ENABLED_MODULES' | 'MODULES_CONFIG'>): string[] | undefined {
  if (config.ENABLED_MODULES !== undefined) {
    const names = config.ENABLED_MODULES.split(',').map((s) => s.trim()).filter(Boolean);
    return names.length === 1 && names[0] === 'all' ? undefined : names;
  }
  if (config.MODULES_CONFIG) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(config.MODULES_CONFIG, 'utf8'));
    } catch (error) {
      throw new ConfigError(`Cannot read MODULES_CONFIG ${config.MODULES_CONFIG}: ${(error as Error).message}`);
    }
    const modules = (parsed as { modules?: unknown }).modules;
    if (!Array.isArray(modules) || !modules.every((m) => typeof m === 'string')) {
      throw new ConfigError(`MODULES_CONFIG ${config.MODULES_CONFIG} must contain {"modules": ["geo", ...]}`);
    }
    return modules as string[];
  }
  return undefined;
}

/**
 * Resolves the requested module names against the catalogue: fails on unknown names and on
 * dependencies that are not enabled, and returns the definitions in dependency order (core first).
 */
export function resolveModules(
  catalogue: readonly CoreMisModuleDefinition[],
  requested: readonly string[] | undefined,
): CoreMisModuleDefinition[] {
  const byKey = new Map(catalogue.map((d) => [d.key, d]));
  const names = new Set(requested ?? catalogue.map((d) => d.key));
  names.add('core');
  const unknown = [...names].filter((n) => !byKey.has(n));
  if (unknown.length) {
    throw new ConfigError(
      `Unknown module(s) in ENABLED_MODULES: ${unknown.join(', ')}. Available modules: ${catalogue.map((d) => d.key).join(', ')}`,
    );
  }
  const missing: string[] = [];
  for (const name of names) {
    for (const dep of byKey.get(name)!.dependsOn) {
      if (!names.has(dep)) missing.push(`"${name}" needs "${dep}"`);
    }
  }
  if (missing.length) {
    throw new ConfigError(`Missing module dependencies: ${missing.join('; ')}. Add them to ENABLED_MODULES.`);
  }
  const ordered: CoreMisModuleDefinition[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new ConfigError(`Module dependency cycle: ${[...path, name].join(' -> ')}`);
    state.set(name, 'visiting');
    const definition = byKey.get(name)!;
    for (const dep of definition.dependsOn) visit(dep, [...path, name]);
    state.set(name, 'done');
    ordered.push(definition);
  };
  visit('core', []);
  for (const name of [...names].sort()) visit(name, []);
  return ordered;
}
