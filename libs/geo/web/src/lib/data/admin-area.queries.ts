import { gql } from 'apollo-angular';

export interface AdminLevel {
  readonly id: string;
  readonly depth: number;
  readonly code: string;
  /** In the request language. */
  readonly name: string;
}

export interface AdminArea {
  readonly id: string;
  readonly code: string;
  /** In the request language, English when there is no translation. */
  readonly name: string;
  readonly nameEn: string;
  readonly nameFr: string | null;
  readonly namePt: string | null;
  readonly parentId: string | null;
  readonly childCount: number;
  readonly isActive: boolean;
  readonly version: number;
  readonly level: AdminLevel;
}

export interface AdminAreaWithAncestors extends AdminArea {
  /** Root first, without the area itself. */
  readonly ancestors: readonly Pick<AdminArea, 'id' | 'code' | 'name'>[];
}

export interface AdminAreaFilter {
  readonly search?: string;
  readonly parentId?: string;
  readonly levelId?: string;
  readonly rootsOnly?: boolean;
}

export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface AdminAreaConnection {
  readonly totalCount: number;
  readonly pageInfo: PageInfo;
  readonly edges: readonly { readonly cursor: string; readonly node: AdminArea }[];
}

export interface CreateAdminAreaInput {
  readonly code: string;
  readonly levelId: string;
  readonly parentId?: string | null;
  readonly nameEn: string;
  readonly nameFr?: string | null;
  readonly namePt?: string | null;
}

export interface UpdateAdminAreaInput {
  readonly id: string;
  readonly version: number;
  readonly code?: string;
  readonly nameEn?: string;
  readonly nameFr?: string | null;
  readonly namePt?: string | null;
  readonly isActive?: boolean;
}

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

export const ADMIN_AREAS_QUERY = gql<
  { adminAreas: AdminAreaConnection },
  { first: number; after?: string | null; filter?: AdminAreaFilter }
>`
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

export const ADMIN_AREA_QUERY = gql<{ adminArea: AdminAreaWithAncestors | null }, { id: string }>`
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

export const ADMIN_LEVELS_QUERY = gql<{ adminLevels: AdminLevel[] }, Record<string, never>>`
  query AdminLevels {
    adminLevels {
      id
      depth
      code
      name
    }
  }
`;

export const CREATE_ADMIN_AREA_MUTATION = gql<{ createAdminArea: AdminArea }, { input: CreateAdminAreaInput }>`
  mutation CreateAdminArea($input: CreateAdminAreaInput!) {
    createAdminArea(input: $input) {
      ...AdminAreaFields
    }
  }
  ${ADMIN_AREA_FIELDS}
`;

export const UPDATE_ADMIN_AREA_MUTATION = gql<{ updateAdminArea: AdminArea }, { input: UpdateAdminAreaInput }>`
  mutation UpdateAdminArea($input: UpdateAdminAreaInput!) {
    updateAdminArea(input: $input) {
      ...AdminAreaFields
    }
  }
  ${ADMIN_AREA_FIELDS}
`;

export const DELETE_ADMIN_AREA_MUTATION = gql<{ deleteAdminArea: boolean }, { id: string }>`
  mutation DeleteAdminArea($id: ID!) {
    deleteAdminArea(id: $id)
  }
`;
