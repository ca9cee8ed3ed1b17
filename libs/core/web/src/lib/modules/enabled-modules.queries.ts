import { gql } from 'apollo-angular';
import type {
  EnabledModulesQuery,
  EnabledModulesQueryVariables,
} from '../data/generated/graphql';

export type EnabledModule = EnabledModulesQuery['enabledModules'][number];
export type MenuEntry = EnabledModule['menu'][number];

export const ENABLED_MODULES_QUERY = gql<EnabledModulesQuery, EnabledModulesQueryVariables>`
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
