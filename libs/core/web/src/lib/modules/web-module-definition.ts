import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { LoadChildrenCallback, Route } from '@angular/router';
import { APPROVAL_DETAILS_RESOLVERS, ApprovalDetailsSource } from '../approvals/approval-details';
import { TRANSLATION_SOURCES, TranslationSource } from '../i18n/translation-bundle';
import { moduleEnabled } from './module-enabled.guard';
import { PAGE_TABS, type PageTabContribution } from './page-tab-contribution';

/**
 * Everything a module's web library adds to the application, in one object, as its server library's
 * `<module>.definition.ts` does for the API. The application lists the definitions of the modules it ships
 * once; routes, translations and approval-detail resolvers follow from that list.
 *
 * The menu is not here: it is declared in the server definition (`menu`), where the permissions live, and the
 * API serves it for the modules a deployment enables. The web shows it under the module's routes.
 *
 * Everything a definition points to is loaded lazily: a definition is imported eagerly by the application,
 * so it must reach its library only through `import()`.
 */
export interface WebModuleDefinition {
  /** The server module's key (`ENABLED_MODULES`): the routes match only when the API reports it enabled. */
  readonly key: string;
  /** URL segment of the module's pages under the shell; the module key by default. */
  readonly path?: string;
  /** The module's pages: `() => import('./lib/<module>.routes').then((m) => m.ROUTES)`. */
  readonly routes: LoadChildrenCallback;
  /** Its strings, EN/FR/PT (`defineTranslations`), each loaded when the first translation is needed. */
  readonly translations?: readonly TranslationSource[];
  /** Names the records its approvable operations refer to by id; loaded when an approval request is shown. */
  readonly approvalDetails?: ApprovalDetailsSource;
  /** Tabs it adds to other modules' record pages (`PAGE_TAB_HOSTS`), shown while it is enabled. */
  readonly pageTabs?: readonly PageTabContribution[];
  /** Pages open without signing in (a public form), mounted under `/public/<path>` outside the shell. */
  readonly publicRoutes?: LoadChildrenCallback;
}

/** Declares a web module (identity function: the type checks the object where it is written). */
export function defineWebModule(definition: WebModuleDefinition): WebModuleDefinition {
  return definition;
}

/** The shell's child routes of the listed modules, each matching only when its module is enabled. */
export function webModuleRoutes(modules: readonly WebModuleDefinition[]): Route[] {
  assertDistinct(modules);
  return modules.map((module) => ({
    path: module.path ?? module.key,
    canMatch: [moduleEnabled(module.key)],
    loadChildren: module.routes,
  }));
}

/** The public (no sign-in) routes of the listed modules, under `public/<path>`, each while its module is enabled. */
export function webModulePublicRoutes(modules: readonly WebModuleDefinition[]): Route[] {
  return modules
    .filter((module) => module.publicRoutes)
    .map((module) => ({ path: `public/${module.path ?? module.key}`, canMatch: [moduleEnabled(module.key)], loadChildren: module.publicRoutes }));
}

/** Translations, approval-detail resolvers and contributed page tabs of the listed modules. */
export function provideWebModules(modules: readonly WebModuleDefinition[]): EnvironmentProviders {
  assertDistinct(modules);
  return makeEnvironmentProviders([
    ...modules.flatMap((module) => (module.translations ?? []).map((source) => ({ provide: TRANSLATION_SOURCES, useValue: source, multi: true }))),
    ...modules.flatMap((module) =>
      module.approvalDetails ? [{ provide: APPROVAL_DETAILS_RESOLVERS, useValue: module.approvalDetails, multi: true }] : [],
    ),
    ...modules.flatMap((module) => (module.pageTabs ?? []).map((tab) => ({ provide: PAGE_TABS, useValue: { ...tab, module: module.key }, multi: true }))),
  ]);
}

function assertDistinct(modules: readonly WebModuleDefinition[]): void {
  const seen = new Set<string>();
  for (const module of modules) {
    const path = module.path ?? module.key;
    if (seen.has(module.key) || seen.has(`/${path}`)) throw new Error(`Web module "${module.key}" is listed twice or shares its path`);
    seen.add(module.key).add(`/${path}`);
  }
}
