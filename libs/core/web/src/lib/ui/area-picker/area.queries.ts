import { gql } from 'apollo-angular';
import type { AreaByIdQuery, AreaByIdQueryVariables, AreaSearchQuery, AreaSearchQueryVariables } from '../../data/generated/graphql';

/** An administrative area as pickers show it (the geography module's API), in the request language. */
export interface AreaOption {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly level: { readonly name: string };
  /** Names from the area upwards that tell it from another area of the same name (AdminArea.shortPath). */
  readonly shortPath?: readonly string[];
}

// `adminAreas` answers only with the areas in the signed-in user's scope: the picker offers no other.
export const AREA_SEARCH_QUERY = gql<AreaSearchQuery, AreaSearchQueryVariables>`
  query AreaSearch($search: String!, $first: Int!) {
    adminAreas(first: $first, filter: { search: $search }) {
      edges {
        node {
          id
          code
          name
          shortPath
          level {
            name
          }
        }
      }
    }
  }
`;

export const AREA_QUERY = gql<AreaByIdQuery, AreaByIdQueryVariables>`
  query AreaById($id: ID!) {
    adminArea(id: $id) {
      id
      code
      name
      shortPath
      level {
        name
      }
    }
  }
`;
