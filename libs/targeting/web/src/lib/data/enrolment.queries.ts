import { gql } from 'apollo-angular';
import type {
  ApplyEnrolmentRunMutation,
  ApplyEnrolmentRunMutationVariables,
  CancelEnrolmentRunMutation,
  CancelEnrolmentRunMutationVariables,
  EnrolmentProposalsQuery,
  EnrolmentProposalsQueryVariables,
  EnrolmentRunQuery,
  EnrolmentRunQueryVariables,
  EnrolmentRunsQuery,
  EnrolmentRunsQueryVariables,
  ScoreHouseholdsMutation,
  ScoreHouseholdsMutationVariables,
  ScoringJobQuery,
  ScoringJobQueryVariables,
  StartEnrolmentRunMutation,
  StartEnrolmentRunMutationVariables,
} from './generated/graphql';

/** The programme's formulas, as the formula editor reads them (one query for both screens). */
export type { ProgramFormula as EnrolmentFormula } from './formula.queries';
export type EnrolmentRunRow = EnrolmentRunsQuery['enrolmentRuns']['edges'][number]['node'];
export type EnrolmentProposalRow = EnrolmentProposalsQuery['enrolmentProposals']['rows'][number];
export type ScoringJob = NonNullable<ScoringJobQuery['job']>;
export type { EnrolmentTieBreaker, EnrolmentOutcome } from './generated/graphql';

const ENROLMENT_RUN_FIELDS = gql`
  fragment EnrolmentRunFields on EnrolmentRun {
    id
    status
    jobId
    failure
    formulaVersion
    maxScore
    tieBreakers
    quotas {
      areaId
      places
    }
    places
    budget
    budgetUsed
    registered
    assessed
    eligible
    enrolled
    waitlisted
    ineligible
    byArea
    createdAt
    appliedAt
  }
`;

export const ENROLMENT_RUNS_QUERY = gql<EnrolmentRunsQuery, EnrolmentRunsQueryVariables>`
  query EnrolmentRuns($programId: ID!) {
    enrolmentRuns(programId: $programId, first: 20) {
      edges {
        node {
          ...EnrolmentRunFields
        }
      }
    }
  }
  ${ENROLMENT_RUN_FIELDS}
`;

export const ENROLMENT_RUN_QUERY = gql<EnrolmentRunQuery, EnrolmentRunQueryVariables>`
  query EnrolmentRun($id: ID!) {
    enrolmentRun(id: $id) {
      ...EnrolmentRunFields
    }
  }
  ${ENROLMENT_RUN_FIELDS}
`;

export const ENROLMENT_PROPOSALS_QUERY = gql<EnrolmentProposalsQuery, EnrolmentProposalsQueryVariables>`
  query EnrolmentProposals($runId: ID!, $outcome: EnrolmentOutcome, $offset: Int!) {
    enrolmentProposals(runId: $runId, outcome: $outcome, first: 50, offset: $offset) {
      total
      rows {
        householdId
        code
        headName
        score
        rank
        outcome
        reason
        cost
      }
    }
  }
`;

export const START_ENROLMENT_RUN_MUTATION = gql<StartEnrolmentRunMutation, StartEnrolmentRunMutationVariables>`
  mutation StartEnrolmentRun($input: StartEnrolmentRunInput!) {
    startEnrolmentRun(input: $input) {
      ...EnrolmentRunFields
    }
  }
  ${ENROLMENT_RUN_FIELDS}
`;

export const APPLY_ENROLMENT_RUN_MUTATION = gql<ApplyEnrolmentRunMutation, ApplyEnrolmentRunMutationVariables>`
  mutation ApplyEnrolmentRun($id: ID!) {
    applyEnrolmentRun(id: $id) {
      id
      status
    }
  }
`;

export const CANCEL_ENROLMENT_RUN_MUTATION = gql<CancelEnrolmentRunMutation, CancelEnrolmentRunMutationVariables>`
  mutation CancelEnrolmentRun($id: ID!) {
    cancelEnrolmentRun(id: $id) {
      id
      status
    }
  }
`;

export const SCORE_HOUSEHOLDS_MUTATION = gql<ScoreHouseholdsMutation, ScoreHouseholdsMutationVariables>`
  mutation ScoreHouseholds($formulaId: ID!) {
    scoreHouseholds(formulaId: $formulaId) {
      id
      status
    }
  }
`;

export const SCORING_JOB_QUERY = gql<ScoringJobQuery, ScoringJobQueryVariables>`
  query ScoringJob($id: ID!) {
    job(id: $id) {
      id
      status
      progress
      result
      errorMessage
    }
  }
`;
