import { inject, Injectable } from '@angular/core';
import { AuthorizedFilesService, GRAPHQL, type ListPage, resultData } from '@coremis/core-web';
import { firstValueFrom } from 'rxjs';
import {
  ADVANCE_TARGETING_ROUND_MUTATION,
  CANCEL_TARGETING_ROUND_MUTATION,
  DECIDE_VALIDATION_MUTATION,
  ROUND_FUNNEL_QUERY,
  type RoundFunnelData,
  SAVE_WORKFLOW_MUTATION,
  STAGE_OUTCOMES_QUERY,
  type StageOutcomeRow,
  type StageOutcomeStatus,
  START_TARGETING_ROUND_MUTATION,
  TARGETING_ROUND_QUERY,
  TARGETING_ROUNDS_QUERY,
  type TargetingRoundRow,
  UPLOAD_VALIDATION_CSV_MUTATION,
  type ValidationDecisionInput,
  type ValidationOutcome,
  WORKFLOW_VERSIONS_QUERY,
  type WorkflowStageInput,
  type WorkflowVersionRow,
} from './workflow.queries';

export const STAGE_PAGE_SIZE = 50;

/** Targeting workflows, rounds, stage work queues and community validation through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class WorkflowService {
  private readonly apollo = inject(GRAPHQL);
  private readonly files = inject(AuthorizedFilesService);

  async versions(programId: string): Promise<readonly WorkflowVersionRow[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: WORKFLOW_VERSIONS_QUERY, variables: { programId }, fetchPolicy: 'no-cache' }))).workflowVersions;
  }

  async save(programId: string, stages: WorkflowStageInput[]): Promise<number> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: SAVE_WORKFLOW_MUTATION, variables: { input: { programId, stages } } }))).saveWorkflow.number;
  }

  async rounds(programId: string): Promise<readonly TargetingRoundRow[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: TARGETING_ROUNDS_QUERY, variables: { programId }, fetchPolicy: 'no-cache' }))).targetingRounds;
  }

  async round(id: string): Promise<TargetingRoundRow | null> {
    return resultData(await firstValueFrom(this.apollo.query({ query: TARGETING_ROUND_QUERY, variables: { id }, fetchPolicy: 'no-cache' }))).targetingRound ?? null;
  }

  async funnel(roundId: string, parentAreaId: string | null): Promise<RoundFunnelData> {
    return resultData(await firstValueFrom(this.apollo.query({ query: ROUND_FUNNEL_QUERY, variables: { roundId, parentAreaId }, fetchPolicy: 'no-cache' }))).roundFunnel;
  }

  /** One page of a stage's work queue; the cursor is the offset of the next page. */
  async outcomes(roundId: string, stage: number, filter: { status: StageOutcomeStatus | null; areaId: string | null }, after: string | null): Promise<ListPage<StageOutcomeRow>> {
    const offset = Number(after ?? 0) || 0;
    const result = await firstValueFrom(
      this.apollo.query({ query: STAGE_OUTCOMES_QUERY, variables: { roundId, stage, status: filter.status, areaId: filter.areaId, first: STAGE_PAGE_SIZE, offset }, fetchPolicy: 'no-cache' }),
    );
    const page = resultData(result).stageOutcomes;
    const next = offset + page.rows.length;
    return { rows: page.rows, totalCount: page.total, hasNextPage: next < page.total, endCursor: String(next) };
  }

  async start(programId: string): Promise<TargetingRoundRow> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: START_TARGETING_ROUND_MUTATION, variables: { input: { programId } } }))).startTargetingRound;
  }

  async advance(id: string): Promise<TargetingRoundRow> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: ADVANCE_TARGETING_ROUND_MUTATION, variables: { id } }))).advanceTargetingRound;
  }

  async cancel(id: string): Promise<void> {
    resultData(await firstValueFrom(this.apollo.mutate({ mutation: CANCEL_TARGETING_ROUND_MUTATION, variables: { id } })));
  }

  async decide(roundId: string, decisions: ValidationDecisionInput[]): Promise<ValidationOutcome> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: DECIDE_VALIDATION_MUTATION, variables: { input: { roundId, decisions } } }))).decideValidation;
  }

  async uploadCsv(roundId: string, content: string): Promise<ValidationOutcome> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: UPLOAD_VALIDATION_CSV_MUTATION, variables: { input: { roundId, content } } }))).uploadValidationCsv;
  }

  /** The village's printed list, saved by the browser. */
  downloadList(roundId: string, areaId: string, areaCode: string): Promise<void> {
    return this.files.save(`/api/targeting/rounds/${roundId}/validation/${areaId}.pdf`, `validation-${areaCode}.pdf`);
  }
}
