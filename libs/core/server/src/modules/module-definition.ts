import type { Type } from '@nestjs/common';

export type Language = 'en' | 'fr' | 'pt';
export const LANGUAGES: readonly Language[] = ['en', 'fr', 'pt'];

export interface PermissionDefinition {
  code: string;
  /** i18n key describing the permission. */
  labelKey: string;
  /** Demo roles (`DEMO_ROLES`) that hold the permission in demo data, so the demo users can work every enabled module. */
  demoRoles?: readonly DemoRole[];
}

export const DEMO_ROLES = ['programme_officer', 'district_officer'] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];

export interface MenuEntryDefinition {
  path: string;
  labelKey: string;
  icon: string;
  permission?: string;
}

/** Server translations of a module: one nested dictionary per language, namespaced by module key. */
export type ModuleTranslations = Record<Language, Record<string, unknown>>;

export interface DemoSeeder {
  seed(dataSource: import('typeorm').DataSource): Promise<void>;
}

/** The single public description of a CoreMIS module, read by the API, the worker and the migrator. */
export interface CoreMisModuleDefinition {
  key: string;
  dependsOn: readonly string[];
  /** Imported by the API (resolvers, services). */
  apiModule?: Type<unknown>;
  /** Imported by the worker and, in in-process mode, by the API (job processors). */
  workerModule?: Type<unknown>;
  entities: readonly (new (...args: never[]) => unknown)[];
  /** Migration classes in the order they must run; they touch only this module's PostgreSQL schema. */
  migrations: readonly (new () => import('typeorm').MigrationInterface)[];
  permissions: readonly PermissionDefinition[];
  menu: readonly MenuEntryDefinition[];
  translations: ModuleTranslations;
  demo?: DemoSeeder;
}

export function defineModule(definition: CoreMisModuleDefinition): CoreMisModuleDefinition {
  if (!/^[a-z][a-z0-9_]*$/.test(definition.key)) throw new Error(`Invalid module key "${definition.key}"`);
  return definition;
}
