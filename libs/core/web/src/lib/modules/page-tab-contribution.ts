import { InjectionToken, type Type } from '@angular/core';
import type { PermissionRequirement } from '../auth/auth.service';

/**
 * A tab one module adds to another module's record page (a "Programmes" tab on the registry's household
 * page, a "Workflow" tab on a programme page), without the host page importing the contributing module.
 * The host names its page (`PAGE_TAB_HOSTS`) and shows the contributions of the enabled modules.
 */
export interface PageTabContribution {
  /** The host page, e.g. `registry.household` (see `PAGE_TAB_HOSTS`). */
  readonly page: string;
  /** Unique on the page; also the tab's `data-testid` suffix. */
  readonly key: string;
  /** Translation key of the tab label (in the contributing module's translations). */
  readonly labelKey: string;
  /** Position among the contributed tabs (lower first); 100 by default. */
  readonly order?: number;
  /** Shown only to users with this permission (or one of these). */
  readonly permission?: PermissionRequirement;
  /** The tab's content, loaded when the tab is first opened; it receives the record id as input `recordId`. */
  readonly component: () => Promise<Type<unknown>>;
}

/** Host pages that accept contributed tabs: the ids contributions use in `page`. */
export const PAGE_TAB_HOSTS = {
  registryHousehold: 'registry.household',
  registryIndividual: 'registry.individual',
  programsProgram: 'programs.program',
} as const;

/** A contribution with the key of the module that made it (its tab shows only when that module is enabled). */
export interface ContributedTab extends PageTabContribution {
  readonly module: string;
}

export const PAGE_TABS = new InjectionToken<readonly ContributedTab[]>('PAGE_TABS');
