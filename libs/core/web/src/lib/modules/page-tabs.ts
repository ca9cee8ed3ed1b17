import { computed, inject, type Signal } from '@angular/core';
import { AuthService } from '../auth/auth.service';
import { EnabledModulesService } from './enabled-modules.service';
import { PAGE_TABS, type ContributedTab } from './page-tab-contribution';

/**
 * The tabs contributed to `page` that the current user may see, in order: only from modules the API
 * reports enabled. Call in an injection context (a component field initialiser).
 */
export function contributedTabs(page: string): Signal<readonly ContributedTab[]> {
  const all = inject(PAGE_TABS, { optional: true }) ?? [];
  const modules = inject(EnabledModulesService);
  const auth = inject(AuthService);
  modules.load().catch(() => undefined); // the shell loads them too; an error leaves the list empty
  return computed(() => {
    const enabled = new Set(modules.modules().map((m) => m.key));
    return all
      .filter((tab) => tab.page === page && enabled.has(tab.module) && (!tab.permission || auth.can(tab.permission)))
      .sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.key.localeCompare(b.key));
  });
}
