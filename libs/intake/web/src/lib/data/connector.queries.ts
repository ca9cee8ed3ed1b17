import { gql } from 'apollo-angular';
import type { ConnectorFieldsFragment, ConnectorsQuery, ConnectorsQueryVariables } from './generated/graphql';

export type Connector = ConnectorFieldsFragment;
export type { ConnectorFilter } from './generated/graphql';

const INTAKE_FIELDS = gql`
  fragment ConnectorFields on Connector {
    id
    code
    name
    areaId
    version
  }
`;

export const INTAKE_LIST_QUERY = gql<ConnectorsQuery, ConnectorsQueryVariables>`
  query Connectors($first: Int!, $after: String, $filter: ConnectorFilter) {
    connectors(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ConnectorFields
        }
      }
    }
  }
  ${INTAKE_FIELDS}
`;
