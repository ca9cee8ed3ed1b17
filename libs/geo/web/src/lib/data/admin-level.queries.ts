import { gql } from 'apollo-angular';
import type { AdminLevelSettingsQuery, AdminLevelSettingsQueryVariables, SetAdminLevelsMutation, SetAdminLevelsMutationVariables } from './generated/graphql';

export type { AdminLevelInput } from './generated/graphql';
/** A level as the settings page edits it: its names in every language and how many areas sit at it. */
export type AdminLevelSetting = AdminLevelSettingsQuery['adminLevels'][number];

const ADMIN_LEVEL_SETTING_FIELDS = gql`
  fragment AdminLevelSettingFields on AdminLevel {
    id
    depth
    code
    name
    nameEn
    nameFr
    namePt
    areaCount
    version
  }
`;

export const ADMIN_LEVEL_SETTINGS_QUERY = gql<AdminLevelSettingsQuery, AdminLevelSettingsQueryVariables>`
  query AdminLevelSettings {
    adminLevels {
      ...AdminLevelSettingFields
    }
  }
  ${ADMIN_LEVEL_SETTING_FIELDS}
`;

export const SET_ADMIN_LEVELS_MUTATION = gql<SetAdminLevelsMutation, SetAdminLevelsMutationVariables>`
  mutation SetAdminLevels($input: SetAdminLevelsInput!) {
    setAdminLevels(input: $input) {
      ...AdminLevelSettingFields
    }
  }
  ${ADMIN_LEVEL_SETTING_FIELDS}
`;
