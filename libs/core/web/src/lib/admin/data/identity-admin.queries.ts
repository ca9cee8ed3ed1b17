import { gql } from 'apollo-angular';
import { RoleRef } from '../../auth/auth.queries';

export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface Connection<T> {
  readonly totalCount: number;
  readonly pageInfo: PageInfo;
  readonly edges: readonly { readonly node: T }[];
}

export interface AdminUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly isActive: boolean;
  readonly mustChangePassword: boolean;
  readonly lockedUntil: string | null;
  readonly totpEnabled: boolean;
  /** Null: no geographic restriction. */
  readonly areaIds: readonly string[] | null;
  readonly roles: readonly RoleRef[];
  readonly createdAt: string;
}

export interface Role extends RoleRef {
  readonly permissions: readonly string[];
  readonly requireTwoFactor: boolean;
}

export interface PermissionInfo {
  readonly code: string;
  readonly module: string;
  /** In the request language. */
  readonly label: string;
}

export interface CreateUserInput {
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly password: string;
  readonly roleIds: readonly string[];
  readonly areaIds: readonly string[] | null;
}

export interface UpdateUserInput {
  readonly id: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly isActive: boolean;
  readonly roleIds: readonly string[];
  readonly areaIds?: readonly string[];
  readonly unrestricted?: boolean;
}

export interface SaveRoleInput {
  readonly id?: string;
  readonly code: string;
  readonly name: string;
  readonly permissions: readonly string[];
  readonly requireTwoFactor: boolean;
}

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

export const USERS_QUERY = gql<
  { users: Connection<AdminUser> },
  { search: string | null; first: number; after: string | null }
>`
  query Users($search: String, $first: Int!, $after: String) {
    users(search: $search, first: $first, after: $after) {
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

export const CREATE_USER_MUTATION = gql<{ createUser: AdminUser }, { input: CreateUserInput }>`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...AdminUserFields
    }
  }
  ${USER_FIELDS}
`;

export const UPDATE_USER_MUTATION = gql<{ updateUser: AdminUser }, { input: UpdateUserInput }>`
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      ...AdminUserFields
    }
  }
  ${USER_FIELDS}
`;

export const RESET_USER_PASSWORD_MUTATION = gql<
  { resetUserPassword: AdminUser },
  { input: { userId: string; temporaryPassword: string } }
>`
  mutation ResetUserPassword($input: ResetPasswordInput!) {
    resetUserPassword(input: $input) {
      ...AdminUserFields
    }
  }
  ${USER_FIELDS}
`;

export const UNLOCK_USER_MUTATION = gql<{ unlockUser: AdminUser }, { id: string }>`
  mutation UnlockUser($id: ID!) {
    unlockUser(id: $id) {
      ...AdminUserFields
    }
  }
  ${USER_FIELDS}
`;

export const RESET_USER_TWO_FACTOR_MUTATION = gql<{ resetUserTwoFactor: AdminUser }, { id: string }>`
  mutation ResetUserTwoFactor($id: ID!) {
    resetUserTwoFactor(id: $id) {
      ...AdminUserFields
    }
  }
  ${USER_FIELDS}
`;

export const ROLES_QUERY = gql<{ roles: Role[] }, Record<string, never>>`
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

export const PERMISSIONS_QUERY = gql<{ permissions: PermissionInfo[] }, Record<string, never>>`
  query Permissions {
    permissions {
      code
      module
      label
    }
  }
`;

export const SAVE_ROLE_MUTATION = gql<{ saveRole: Role }, { input: SaveRoleInput }>`
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
