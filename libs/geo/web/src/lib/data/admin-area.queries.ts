import { gql } from 'apollo-angular';
import type {
  AdminAreaFieldsFragment,
  AdminAreaQuery,
  AdminAreaQueryVariables,
  AdminAreasQuery,
  AdminAreasQueryVariables,
  AdminLevelsQuery,
  AdminLevelsQueryVariables,
  CreateAdminAreaMutation,
  CreateAdminAreaMutationVariables,
  DeleteAdminAreaMutation,
  DeleteAdminAreaMutationVariables,
  UpdateAdminAreaMutation,
  UpdateAdminAreaMutationVariables,
} from './generated/graphql';

export type { AdminAreaFilter, CreateAdminAreaInput, UpdateAdminAreaInput } from './generated/graphql';

/** Names are in the request language (an area's falls back to English when there is no translation). */
export type AdminLevel = AdminLevelsQuery['adminLevels'][number];
export type AdminArea = AdminAreaFieldsFragment;
/** `ancestors`: root first, without the area itself. */
export type AdminAreaWithAncestors = NonNullable<AdminAreaQuery['adminArea']>;
export type PageInfo = AdminAreasQuery['adminAreas']['pageInfo'];
export type AdminAreaConnection = AdminAreasQuery['adminAreas'];

const ADMIN_AREA_FIELDS = gql`
  fragment AdminAreaFields on AdminArea {
    id
    code
    name
    nameEn
    nameFr
    namePt
    parentId
    childCount
    isActive
    version
    level {
      id
      depth
      code
      name
    }
  }
`;

export const ADMIN_AREAS_QUERY = gql<AdminAreasQuery, AdminAreasQueryVariables>`
  query AdminAreas($first: Int!, $after: String, $filter: AdminAreaFilter) {
    adminAreas(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...AdminAreaFields
        }
      }
    }
  }
  ${ADMIN_AREA_FIELDS}
`;

export const ADMIN_AREA_QUERY = gql<AdminAreaQuery, AdminAreaQueryVariables>`
  query AdminArea($id: ID!) {
    adminArea(id: $id) {
      ...AdminAreaFields
      ancestors {
        id
        code
        name
      }
    }
  }
  ${ADMIN_AREA_FIELDS}
`;

export const ADMIN_LEVELS_QUERY = gql<AdminLevelsQuery, AdminLevelsQueryVariables>`
  query AdminLevels {
    adminLevels {
      id
      depth
      code
      name
    }
  }
`;

export const CREATE_ADMIN_AREA_MUTATION = gql<CreateAdminAreaMutation, CreateAdminAreaMutationVariables>`
  mutation CreateAdminArea($input: CreateAdminAreaInput!) {
    createAdminArea(input: $input) {
      ...AdminAreaFields
    }
  }
  ${ADMIN_AREA_FIELDS}
`;

export const UPDATE_ADMIN_AREA_MUTATION = gql<UpdateAdminAreaMutation, UpdateAdminAreaMutationVariables>`
  mutation UpdateAdminArea($input: UpdateAdminAreaInput!) {
    updateAdminArea(input: $input) {
      ...AdminAreaFields
    }
  }
  ${ADMIN_AREA_FIELDS}
`;

export const DELETE_ADMIN_AREA_MUTATION = gql<DeleteAdminAreaMutation, DeleteAdminAreaMutationVariables>`
  mutation DeleteAdminArea($id: ID!) {
    deleteAdminArea(id: $id)
  }
`;
