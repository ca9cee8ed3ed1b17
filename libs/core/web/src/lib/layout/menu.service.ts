import { computed, inject, Injectable } from '@angular/core';
import { AuthService, PermissionRequirement } from '../auth/auth.service';
import { EnabledModulesService } from '../modules/enabled-modules.service';

export interface NavEntry {
  readonly path: string;
  readonly labelKey: string;
  readonly icon: string;
  readonly testId: string;
}

export interface NavSection {
  readonly key: string;
  readonly titleKey: string;
  readonly descriptionKey: string;
  readonly entries: readonly NavEntry[];
}

interface WebMenuSection {
  readonly key: string;
  readonly titleKey: string;
  readonly descriptionKey: string;
  readonly entries: readonly (Omit<NavEntry, 'testId'> & { readonly id: string; readonly permission: PermissionRequirement })[];
}

/** Where the application mounts the administration screens (ADMIN_ROUTES). */
export const ADMIN_BASE_PATH = '/admin';

/**
 * The platform's own screens. The API's `core` module has no menu: its screens are part of the web
 * shell, shown to the people holding their permissions.
 */
export const CORE_MENU_SECTIONS: readonly WebMenuSection[] = [
  {
    key: 'approvals',
    titleKey: 'core.menu.approvals',
    descriptionKey: 'core.menu.approvalsDescription',
    entries: [
      {
        id: 'approvals',
        path: `${ADMIN_BASE_PATH}/approvals`,
        labelKey: 'core.menu.approvalInbox',
        icon: 'fact_check',
        permission: ['core.approvals.view', 'core.approvals.decide'],
      },
    ],
  },
  {
    key: 'admin',
    titleKey: 'core.menu.administration',
    descriptionKey: 'core.menu.administrationDescription',
    entries: [
      { id: 'users', path: `${ADMIN_BASE_PATH}/users`, labelKey: 'core.menu.users', icon: 'group', permission: 'core.users.view' },
      { id: 'roles', path: `${ADMIN_BASE_PATH}/roles`, labelKey: 'core.menu.roles', icon: 'admin_panel_settings', permission: 'core.roles.manage' },
      { id: 'audit', path: `${ADMIN_BASE_PATH}/audit`, labelKey: 'core.menu.audit', icon: 'history', permission: 'core.audit.view' },
      {
        id: 'approval-flows',
        path: `${ADMIN_BASE_PATH}/approval-flows`,
        labelKey: 'core.menu.approvalFlows',
        icon: 'rule',
        permission: 'core.approvals.configure',
      },
    ],
  },
];

/**
 * The navigation the signed-in person may use: the menus of the enabled modules, then the
 * platform's screens, each entry only for the holders of its permission.
 */
@Injectable({ providedIn: 'root' })
export class MenuService {
  private readonly modules = inject(EnabledModulesService);
  private readonly auth = inject(AuthService);

  readonly sections = computed<readonly NavSection[]>(() => {
    this.auth.permissions(); // recompute when the permissions change
    const moduleSections = this.modules.featureModules().map((module) => ({
      key: module.key,
      titleKey: `${module.key}.module.title`,
      descriptionKey: `${module.key}.module.description`,
      // the test id keeps the entry's position in the module's menu, whatever is hidden before it
      entries: module.menu
        .map((entry, index) => ({ entry, testId: `nav-${module.key}-${index}` }))
        .filter(({ entry }) => this.auth.can(entry.permission))
        .map(({ entry, testId }) => ({ path: entry.path, labelKey: entry.labelKey, icon: entry.icon, testId })),
    }));
    const coreSections = CORE_MENU_SECTIONS.map((section) => ({
      key: section.key,
      titleKey: section.titleKey,
      descriptionKey: section.descriptionKey,
      entries: section.entries
        .filter((entry) => this.auth.can(entry.permission))
        .map((entry) => ({ path: entry.path, labelKey: entry.labelKey, icon: entry.icon, testId: `nav-admin-${entry.id}` })),
    }));
    return [...moduleSections, ...coreSections].filter((section) => section.entries.length > 0);
  });

  readonly paths = computed(() => this.sections().flatMap((section) => section.entries.map((entry) => entry.path)));
}
