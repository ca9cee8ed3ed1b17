import { gql } from 'apollo-angular';
import type {
  ActivateProgramMutation,
  ActivateProgramMutationVariables,
  BeneficiaryRowFragment,
  CloseProgramMutation,
  CloseProgramMutationVariables,
  HouseholdProgrammesQuery,
  HouseholdProgrammesQueryVariables,
  ProgramBeneficiariesQuery,
  ProgramBeneficiariesQueryVariables,
  ProgramFieldsFragment,
  ProgramQuery,
  ProgramQueryVariables,
  ProgramsQuery,
  ProgramsQueryVariables,
} from './generated/graphql';

export type Program = ProgramFieldsFragment;
export type BeneficiaryRow = BeneficiaryRowFragment;
export type HouseholdProgramme = HouseholdProgrammesQuery['householdBeneficiaries'][number];
export type { BeneficiaryStatus } from './generated/graphql';
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

export const PROGRAM_QUERY = gql<ProgramQuery, ProgramQueryVariables>`
  query Program($id: ID!) {
    program(id: $id) {
      ...ProgramFields
    }
  }
  ${PROGRAMS_FIELDS}
`;

const BENEFICIARY_ROW = gql`
  fragment BeneficiaryRow on Beneficiary {
    id
    status
    statusSince
    enrolledOn
    score
    household {
      id
      code
      head {
        givenName
        familyName
      }
    }
    individual {
      id
      givenName
      familyName
    }
    area {
      id
      name
      shortPath
    }
  }
`;

export const PROGRAM_BENEFICIARIES_QUERY = gql<ProgramBeneficiariesQuery, ProgramBeneficiariesQueryVariables>`
  query ProgramBeneficiaries($programId: ID!, $first: Int!, $after: String, $filter: BeneficiaryFilter) {
    beneficiaries(programId: $programId, first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...BeneficiaryRow
        }
      }
    }
  }
  ${BENEFICIARY_ROW}
`;

export const ACTIVATE_PROGRAM_MUTATION = gql<ActivateProgramMutation, ActivateProgramMutationVariables>`
  mutation ActivateProgram($input: ProgramStatusInput!) {
    activateProgram(input: $input) {
      ...ProgramFields
    }
  }
  ${PROGRAMS_FIELDS}
`;

export const CLOSE_PROGRAM_MUTATION = gql<CloseProgramMutation, CloseProgramMutationVariables>`
  mutation CloseProgram($input: ProgramStatusInput!) {
    closeProgram(input: $input) {
      ...ProgramFields
    }
  }
  ${PROGRAMS_FIELDS}
`;

export const HOUSEHOLD_PROGRAMMES_QUERY = gql<HouseholdProgrammesQuery, HouseholdProgrammesQueryVariables>`
  query HouseholdProgrammes($householdId: ID!) {
    householdBeneficiaries(householdId: $householdId) {
      id
      status
      statusSince
      enrolledOn
      score
      program {
        id
        code
        name {
          en
          fr
          pt
        }
      }
      individual {
        id
        givenName
        familyName
      }
      history {
        id
        fromStatus
        toStatus
        effectiveDate
        reasonCode
        reasonText
        source
        createdAt
      }
    }
  }
`;
