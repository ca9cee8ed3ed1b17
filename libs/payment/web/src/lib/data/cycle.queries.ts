import { gql } from 'apollo-angular';
import type { CycleFieldsFragment, CyclesQuery, CyclesQueryVariables } from './generated/graphql';

export type Cycle = CycleFieldsFragment;
export type { CycleFilter } from './generated/graphql';

const PAYMENT_FIELDS = gql`
  fragment CycleFields on Cycle {
    id
    code
    name
    period
    plannedDate
    currency
    areaId
    version
  }
`;

export const PAYMENT_LIST_QUERY = gql<CyclesQuery, CyclesQueryVariables>`
  query Cycles($first: Int!, $after: String, $filter: CycleFilter) {
    cycles(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...CycleFields
        }
      }
    }
  }
  ${PAYMENT_FIELDS}
`;
