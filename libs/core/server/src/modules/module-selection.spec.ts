import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/core-config';
import { type CoreMisModuleDefinition, defineModule } from './module-definition';
import { requestedModules, resolveModules } from './module-selection';

const mod = (key: string, dependsOn: string[] = ['core']): CoreMisModuleDefinition =>
  defineModule({ key, dependsOn, entities: [], migrations: [], permissions: [], menu: [], translations: { en: {}, fr: {}, pt: {} } });

const catalogue = [mod('core', []), mod('geo'), mod('registry', ['core', 'geo']), mod('payment', ['registry']), mod('grm')];

describe('resolveModules', () => {
  it('enables the whole catalogue when nothing is requested, dependencies first', () => {
    const keys = resolveModules(catalogue, undefined).map((m) => m.key);
    expect(keys[0]).toBe('core');
    expect(keys.indexOf('geo')).toBeLessThan(keys.indexOf('registry'));
    expect(keys.indexOf('registry')).toBeLessThan(keys.indexOf('payment'));
    expect(keys).toHaveLength(5);
  });

  it('always includes core, even when not listed', () => {
    expect(resolveModules(catalogue, ['geo']).map((m) => m.key)).toEqual(['core', 'geo']);
  });

  it('orders by dependency whatever the order requested', () => {
    expect(resolveModules(catalogue, ['payment', 'registry', 'geo']).map((m) => m.key)).toEqual(['core', 'geo', 'registry', 'payment']);
  });

  it('refuses unknown module names and lists the available ones', () => {
    expect(() => resolveModules(catalogue, ['geo', 'payroll'])).toThrow(ConfigError);
    expect(() => resolveModules(catalogue, ['geo', 'payroll'])).toThrow(/Unknown module\(s\) in ENABLED_MODULES: payroll\. Available modules: core, geo, registry, payment, grm/);
  });

  it('refuses a module whose dependency is not enabled, naming both', () => {
    expect(() => resolveModules(catalogue, ['registry'])).toThrow(/Missing module dependencies: "registry" needs "geo"/);
  });

  it('detects dependency cycles', () => {
    const cyclic = [mod('core', []), mod('a', ['b']), mod('b', ['a'])];
    expect(() => resolveModules(cyclic, ['a', 'b'])).toThrow(/cycle/);
  });
});

describe('requestedModules', () => {
  it('reads a comma list, trimming blanks', () => {
    expect(requestedModules({ ENABLED_MODULES: ' geo, registry ,' })).toEqual(['geo', 'registry']);
  });

  it('treats "all" and an absent setting as the whole catalogue', () => {
    expect(requestedModules({ ENABLED_MODULES: 'all' })).toBeUndefined();
    expect(requestedModules({})).toBeUndefined();
  });

  it('reads a modules config file and rejects a malformed one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coremis-'));
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ modules: ['geo'] }));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ modules: 'geo' }));
    expect(requestedModules({ MODULES_CONFIG: join(dir, 'ok.json') })).toEqual(['geo']);
    expect(() => requestedModules({ MODULES_CONFIG: join(dir, 'bad.json') })).toThrow(/must contain/);
    expect(() => requestedModules({ MODULES_CONFIG: join(dir, 'missing.json') })).toThrow(/Cannot read MODULES_CONFIG/);
  });
});
