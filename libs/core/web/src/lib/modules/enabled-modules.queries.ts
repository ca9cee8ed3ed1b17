import { gql } from 'apollo-angular';

export interface MenuEntry {
  readonly path: string;
  readonly labelKey: string;
  readonly icon: string;
  readonly permission: string | null;
}

export interface EnabledModule {
  readonly key: string;
  readonly dependsOn: readonly string[];
  readonly menu: readonly MenuEntry[];
}

export const ENABLED_MODULES_QUERY = gql<{ enabledModules: EnabledModule[] }, Record<string, never>>`
  query EnabledModules {
    enabledModules {
      key
      dependsOn
      menu {
        path
        labelKey
        icon
        permission
      }
    }
  }
`;
