import { gql } from 'apollo-angular';
import type { FormulaFieldsFragment, FormulasQuery, FormulasQueryVariables } from './generated/graphql';

export type Formula = FormulaFieldsFragment;
export type { FormulaFilter } from './generated/graphql';

const TARGETING_FIELDS = gql`
  fragment FormulaFields on Formula {
    id
    code
    name
    areaId
    version
  }
`;

export const TARGETING_LIST_QUERY = gql<FormulasQuery, FormulasQueryVariables>`
  query Formulas($first: Int!, $after: String, $filter: FormulaFilter) {
    formulas(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...FormulaFields
        }
      }
    }
  }
  ${TARGETING_FIELDS}
`;
