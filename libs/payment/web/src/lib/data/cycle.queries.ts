import { gql } from 'apollo-angular';
import type { CreateCycleMutation, CreateCycleMutationVariables, UpdateCycleMutation, UpdateCycleMutationVariables, CycleFieldsFragment, CyclesQuery, CyclesQueryVariables, PaymentProgramsQuery, PaymentProgramsQueryVariables } from './generated/graphql';

export type Cycle = CycleFieldsFragment;
export type { CreateCycleInput, CycleFilter, UpdateCycleInput } from './generated/graphql';
export type PaymentProgram = PaymentProgramsQuery['programs']['edges'][number]['node'];

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

export const CREATE_CYCLE_MUTATION = gql<CreateCycleMutation, CreateCycleMutationVariables>`
  mutation CreateCycle($input: CreateCycleInput!) {
    createCycle(input: $input) {
      ...CycleFields
    }
  }
  ${PAYMENT_FIELDS}
`;

export const UPDATE_CYCLE_MUTATION = gql<UpdateCycleMutation, UpdateCycleMutationVariables>`
  mutation UpdateCycle($input: UpdateCycleInput!) {
    updateCycle(input: $input) {
      ...CycleFields
    }
  }
  ${PAYMENT_FIELDS}
`;

export const PAYMENT_PROGRAMS_QUERY = gql<PaymentProgramsQuery, PaymentProgramsQueryVariables>`
  query PaymentPrograms {
    programs(first: 100) {
      edges {
        node {
          id
          code
          name {
            en
            fr
            pt
          }
          currency
          targetUnit
        }
      }
    }
  }
`;
