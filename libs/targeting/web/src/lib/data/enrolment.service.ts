import { inject, Injectable } from '@angular/core';
import { GRAPHQL, resultData } from '@coremis/core-web';
import { firstValueFrom } from 'rxjs';
import type { StartEnrolmentRunInput } from './generated/graphql';
import {
  APPLY_ENROLMENT_RUN_MUTATION,
  CANCEL_ENROLMENT_RUN_MUTATION,
  ENROLMENT_PROPOSALS_QUERY,
  ENROLMENT_RUN_QUERY,
  ENROLMENT_RUNS_QUERY,
  type EnrolmentFormula,
  type EnrolmentOutcome,
  type EnrolmentRunRow,
  SCORE_HOUSEHOLDS_MUTATION,
  SCORING_JOB_QUERY,
  type ScoringJob,
  START_ENROLMENT_RUN_MUTATION,
} from './enrolment.queries';
import { FormulaService } from './formula.service';

/** Enrolment runs and scoring jobs through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class EnrolmentService {
  private readonly apollo = inject(GRAPHQL);
  private readonly formulaService = inject(FormulaService);

  async formulas(programId: string): Promise<readonly EnrolmentFormula[]> {
    return this.formulaService.ofProgram(programId);
  }

  async runs(programId: string): Promise<readonly EnrolmentRunRow[]> {
    const result = await firstValueFrom(this.apollo.query({ query: ENROLMENT_RUNS_QUERY, variables: { programId }, fetchPolicy: 'no-cache' }));
    return resultData(result).enrolmentRuns.edges.map((e) => e.node);
  }

  async run(id: string): Promise<EnrolmentRunRow | null> {
    return resultData(await firstValueFrom(this.apollo.query({ query: ENROLMENT_RUN_QUERY, variables: { id }, fetchPolicy: 'no-cache' }))).enrolmentRun ?? null;
  }

  async proposals(runId: string, outcome: EnrolmentOutcome | null, offset: number) {
    const result = await firstValueFrom(this.apollo.query({ query: ENROLMENT_PROPOSALS_QUERY, variables: { runId, outcome, offset }, fetchPolicy: 'no-cache' }));
    return resultData(result).enrolmentProposals;
  }

  async start(input: StartEnrolmentRunInput): Promise<EnrolmentRunRow> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: START_ENROLMENT_RUN_MUTATION, variables: { input } }))).startEnrolmentRun;
  }

  async apply(id: string): Promise<string> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: APPLY_ENROLMENT_RUN_MUTATION, variables: { id } }))).applyEnrolmentRun.status;
  }

  async cancel(id: string): Promise<string> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: CANCEL_ENROLMENT_RUN_MUTATION, variables: { id } }))).cancelEnrolmentRun.status;
  }

  async score(formulaId: string): Promise<string> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: SCORE_HOUSEHOLDS_MUTATION, variables: { formulaId } }))).scoreHouseholds.id;
  }

  async job(id: string): Promise<ScoringJob | null> {
    return resultData(await firstValueFrom(this.apollo.query({ query: SCORING_JOB_QUERY, variables: { id }, fetchPolicy: 'no-cache' }))).job ?? null;
  }
}
