import { gql } from 'apollo-angular';
import type { ProgramFieldsFragment, ProgramsQuery, ProgramsQueryVariables } from './generated/graphql';

export type Program = ProgramFieldsFragment;
export type { ProgramFilter } from './generated/graphql';

const PROGRAMS_FIELDS = gql`
  fragment ProgramFields on Program {
    id
    code
    name {
      en
      fr
      pt
    }
    description
    targetUnit
    coverageAreaIds
    budget
    currency
    maxBeneficiaries
    startDate
    endDate
    status
    benefits {
      kind
      label
      amount
      basis
    }
    version
  }
`;

export const PROGRAMS_LIST_QUERY = gql<ProgramsQuery, ProgramsQueryVariables>`
  query Programs($first: Int!, $after: String, $filter: ProgramFilter) {
    programs(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ProgramFields
        }
      }
    }
  }
  ${PROGRAMS_FIELDS}
`;
