import { gql } from 'apollo-angular';
import type { TicketFieldsFragment, TicketsQuery, TicketsQueryVariables } from './generated/graphql';

export type Ticket = TicketFieldsFragment;
export type { TicketFilter } from './generated/graphql';

const GRM_FIELDS = gql`
  fragment TicketFields on Ticket {
    id
    code
    name
    areaId
    version
  }
`;

export const GRM_LIST_QUERY = gql<TicketsQuery, TicketsQueryVariables>`
  query Tickets($first: Int!, $after: String, $filter: TicketFilter) {
    tickets(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...TicketFields
        }
      }
    }
  }
  ${GRM_FIELDS}
`;
