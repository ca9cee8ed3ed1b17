import { gql } from 'apollo-angular';
import type {
  AdvanceTargetingRoundMutation,
  AdvanceTargetingRoundMutationVariables,
  CancelTargetingRoundMutation,
  CancelTargetingRoundMutationVariables,
  DecideValidationMutation,
  DecideValidationMutationVariables,
  RoundFunnelQuery,
  RoundFunnelQueryVariables,
  SaveWorkflowMutation,
  SaveWorkflowMutationVariables,
  StageOutcomesQuery,
  StageOutcomesQueryVariables,
  StartTargetingRoundMutation,
  StartTargetingRoundMutationVariables,
  TargetingRoundQuery,
  TargetingRoundQueryVariables,
  TargetingRoundsQuery,
  TargetingRoundsQueryVariables,
  UploadValidationCsvMutation,
  UploadValidationCsvMutationVariables,
  WorkflowVersionsQuery,
  WorkflowVersionsQueryVariables,
} from './generated/graphql';

export type WorkflowVersionRow = WorkflowVersionsQuery['workflowVersions'][number];
export type TargetingRoundRow = TargetingRoundsQuery['targetingRounds'][number];
export type RoundFunnelData = RoundFunnelQuery['roundFunnel'];
export type StageOutcomeRow = StageOutcomesQuery['stageOutcomes']['rows'][number];
export type ValidationOutcome = DecideValidationMutation['decideValidation'];
export type { StageKind, StageOutcomeStatus, WorkflowStageInput, ValidationDecisionInput } from './generated/graphql';

export const WORKFLOW_VERSIONS_QUERY = gql<WorkflowVersionsQuery, WorkflowVersionsQueryVariables>`
  query WorkflowVersions($programId: ID!) {
    workflowVersions(programId: $programId) {
      id
      number
      createdAt
      stages {
        kind
        name
        formulaId
        maxScore
        places
      }
    }
  }
`;

export const SAVE_WORKFLOW_MUTATION = gql<SaveWorkflowMutation, SaveWorkflowMutationVariables>`
  mutation SaveWorkflow($input: SaveWorkflowInput!) {
    saveWorkflow(input: $input) {
      id
      number
    }
  }
`;

export const TARGETING_ROUNDS_QUERY = gql<TargetingRoundsQuery, TargetingRoundsQueryVariables>`
  query TargetingRounds($programId: ID!) {
    targetingRounds(programId: $programId) {
      id
      programId
      number
      status
      workflowNumber
      currentStage
      evaluating
      evaluation {
        id
        status
        progress
      }
      evaluationFailure
      createdAt
      stageRuns {
        stage
        formulaVersion
        evaluatedAt
      }
    }
  }
`;

export const TARGETING_ROUND_QUERY = gql<TargetingRoundQuery, TargetingRoundQueryVariables>`
  query TargetingRound($id: ID!) {
    targetingRound(id: $id) {
      id
      programId
      number
      status
      workflowNumber
      currentStage
      evaluating
      evaluation {
        id
        status
        progress
      }
      evaluationFailure
      createdAt
      stageRuns {
        stage
        formulaVersion
        evaluatedAt
      }
    }
  }
`;

export const ROUND_FUNNEL_QUERY = gql<RoundFunnelQuery, RoundFunnelQueryVariables>`
  query RoundFunnel($roundId: ID!, $parentAreaId: ID) {
    roundFunnel(roundId: $roundId, parentAreaId: $parentAreaId) {
      households
      stages {
        stage
        kind
        name
        passed
        failed
        pending
      }
      byArea {
        areaId
        code
        name
        households
        stages {
          stage
          passed
          failed
          pending
        }
      }
    }
  }
`;

export const STAGE_OUTCOMES_QUERY = gql<StageOutcomesQuery, StageOutcomesQueryVariables>`
  query StageOutcomes($roundId: ID!, $stage: Int!, $status: StageOutcomeStatus, $areaId: ID, $first: Int!, $offset: Int!) {
    stageOutcomes(roundId: $roundId, stage: $stage, status: $status, areaId: $areaId, first: $first, offset: $offset) {
      total
      rows {
        householdId
        code
        headName
        members
        areaName
        status
        reason
        note
        score
        decidedAt
      }
    }
  }
`;

export const START_TARGETING_ROUND_MUTATION = gql<StartTargetingRoundMutation, StartTargetingRoundMutationVariables>`
  mutation StartTargetingRound($input: StartRoundInput!) {
    startTargetingRound(input: $input) {
      id
      programId
      number
      status
      workflowNumber
      currentStage
      evaluating
      evaluation {
        id
        status
        progress
      }
      evaluationFailure
      createdAt
      stageRuns {
        stage
        formulaVersion
        evaluatedAt
      }
    }
  }
`;

export const ADVANCE_TARGETING_ROUND_MUTATION = gql<AdvanceTargetingRoundMutation, AdvanceTargetingRoundMutationVariables>`
  mutation AdvanceTargetingRound($id: ID!) {
    advanceTargetingRound(id: $id) {
      id
      programId
      number
      status
      workflowNumber
      currentStage
      evaluating
      evaluation {
        id
        status
        progress
      }
      evaluationFailure
      createdAt
      stageRuns {
        stage
        formulaVersion
        evaluatedAt
      }
    }
  }
`;

export const CANCEL_TARGETING_ROUND_MUTATION = gql<CancelTargetingRoundMutation, CancelTargetingRoundMutationVariables>`
  mutation CancelTargetingRound($id: ID!) {
    cancelTargetingRound(id: $id) {
      id
      status
    }
  }
`;

export const DECIDE_VALIDATION_MUTATION = gql<DecideValidationMutation, DecideValidationMutationVariables>`
  mutation DecideValidation($input: DecideValidationInput!) {
    decideValidation(input: $input) {
      approved
      rejected
      pending
    }
  }
`;

export const UPLOAD_VALIDATION_CSV_MUTATION = gql<UploadValidationCsvMutation, UploadValidationCsvMutationVariables>`
  mutation UploadValidationCsv($input: UploadValidationCsvInput!) {
    uploadValidationCsv(input: $input) {
      approved
      rejected
      pending
    }
  }
`;
