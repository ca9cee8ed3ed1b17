import { gql } from 'apollo-angular';
import type {
  AdminUserFieldsFragment,
  CreateUserMutation,
  CreateUserMutationVariables,
  PermissionsQuery,
  PermissionsQueryVariables,
  ResetUserPasswordMutation,
  ResetUserPasswordMutationVariables,
  ResetUserTwoFactorMutation,
  ResetUserTwoFactorMutationVariables,
  RolesQuery,
  RolesQueryVariables,
  SaveRoleMutation,
  SaveRoleMutationVariables,
  SetUsersActiveMutation,
  SetUsersActiveMutationVariables,
  UnlockUserMutation,
  UnlockUserMutationVariables,
  UpdateUserMutation,
  UpdateUserMutationVariables,
  UsersQuery,
  UsersQueryVariables,
} from '../../data/generated/graphql';

export type { CreateUserInput, SaveRoleInput, UpdateUserInput } from '../../data/generated/graphql';

export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** The shape of every Relay connection the API returns. */
export interface Connection<T> {
  readonly totalCount: number;
  readonly pageInfo: PageInfo;
  readonly edges: readonly { readonly node: T }[];
}

/** `areaIds` null: no geographic restriction. */
export type AdminUser = AdminUserFieldsFragment;
export type Role = RolesQuery['roles'][number];
/** `label` in the request language. */
export type PermissionInfo = PermissionsQuery['permissions'][number];

const USER_FIELDS = gql`
  fragment AdminUserFields on User {
    id
    username
    displayName
    email
    isActive
    mustChangePassword
    lockedUntil
    totpEnabled
    areaIds
    createdAt
    roles {
      id
      code
      name
    }
  }
`;

export const USERS_QUERY = gql<UsersQuery, UsersQueryVariables>`
  query Users($search: String, $first: Int!, $after: String, $orderBy: UserOrder) {
    users(search: $search, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...AdminUserFields
        }
      }
    }
  }
  ${USER_FIELDS}
`;

export const CREATE_USER_MUTATION = gql<CreateUserMutation, CreateUserMutationVariables>`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...AdminUserFields
    }
  }
  ${USER_FIELDS}
`;

export const UPDATE_USER_MUTATION = gql<UpdateUserMutation, UpdateUserMutationVariables>`
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      ...AdminUserFields
    }
  }
  ${USER_FIELDS}
`;

export const RESET_USER_PASSWORD_MUTATION = gql<ResetUserPasswordMutation, ResetUserPasswordMutationVariables>`
  mutation ResetUserPassword($input: ResetPasswordInput!) {
    resetUserPassword(input: $input) {
      ...AdminUserFields
    }
  }
  ${USER_FIELDS}
`;

export const UNLOCK_USER_MUTATION = gql<UnlockUserMutation, UnlockUserMutationVariables>`
  mutation UnlockUser($id: ID!) {
    unlockUser(id: $id) {
      ...AdminUserFields
    }
  }
  ${USER_FIELDS}
`;

export const SET_USERS_ACTIVE_MUTATION = gql<SetUsersActiveMutation, SetUsersActiveMutationVariables>`
  mutation SetUsersActive($input: SetUsersActiveInput!) {
    setUsersActive(input: $input) {
      changed
      unchanged
    }
  }
`;

export const RESET_USER_TWO_FACTOR_MUTATION = gql<ResetUserTwoFactorMutation, ResetUserTwoFactorMutationVariables>`
  mutation ResetUserTwoFactor($id: ID!) {
    resetUserTwoFactor(id: $id) {
      ...AdminUserFields
    }
  }
  ${USER_FIELDS}
`;

export const ROLES_QUERY = gql<RolesQuery, RolesQueryVariables>`
  query Roles {
    roles {
      id
      code
      name
      permissions
      requireTwoFactor
    }
  }
`;

export const PERMISSIONS_QUERY = gql<PermissionsQuery, PermissionsQueryVariables>`
  query Permissions {
    permissions {
      code
      module
      label
    }
  }
`;

export const SAVE_ROLE_MUTATION = gql<SaveRoleMutation, SaveRoleMutationVariables>`
  mutation SaveRole($input: SaveRoleInput!) {
    saveRole(input: $input) {
      id
      code
      name
      permissions
      requireTwoFactor
    }
  }
`;

/** Administrative areas, for geographic restrictions (the geography module's API). */
export type { AreaOption } from '../../ui/area-picker/area.queries';
