import { inject, Injectable } from '@angular/core';
import { GRAPHQL, resultData } from '@coremis/core-web';
import { firstValueFrom } from 'rxjs';
import {
  ACCEPT_SUBMISSION,
  APPLY_RULE,
  type CleaningRuleInput,
  CONNECTOR_QUERY,
  CONNECTORS_QUERY,
  CORRECT_SUBMISSION,
  CREATE_CONNECTOR,
  type CreateConnectorInput,
  type FormMappingInput,
  type IntakeConnector,
  type IntakeSubmission,
  type IntakeSubmissionDetail,
  type MappingPreview,
  PREVIEW_MAPPING,
  PREVIEW_RULE,
  PULL_CONNECTOR,
  PULL_JOB,
  type PullJob,
  REJECT_SUBMISSION,
  type RulePreview,
  SAVE_MAPPING,
  SUBMISSION_DETAIL,
  type SubmissionFilter,
  SUBMISSIONS_QUERY,
  UPDATE_CONNECTOR,
  type UpdateConnectorInput,
} from './intake.queries';

export const INTAKE_PAGE_SIZE = 50;

export interface Page<T> {
  readonly rows: readonly T[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** Connectors, pulls and the cleaning queue, through the CoreMIS API (the only code calling Apollo here). */
@Injectable({ providedIn: 'root' })
export class IntakeService {
  private readonly apollo = inject(GRAPHQL);

  async connectors(search: string | null, after: string | null = null): Promise<Page<IntakeConnector>> {
    const result = await firstValueFrom(this.apollo.query({ query: CONNECTORS_QUERY, variables: { first: INTAKE_PAGE_SIZE, after, filter: { search: search || undefined } }, fetchPolicy: 'network-only' }));
    const c = resultData(result).intakeConnectors;
    return { rows: c.edges.map((e) => e.node), totalCount: c.totalCount, hasNextPage: c.pageInfo.hasNextPage, endCursor: c.pageInfo.endCursor ?? null };
  }

  async connector(id: string): Promise<IntakeConnector | null> {
    return resultData(await firstValueFrom(this.apollo.query({ query: CONNECTOR_QUERY, variables: { id }, fetchPolicy: 'network-only' }))).intakeConnector ?? null;
  }

  async create(input: CreateConnectorInput): Promise<IntakeConnector> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: CREATE_CONNECTOR, variables: { input } }))).createIntakeConnector;
  }

  async update(input: UpdateConnectorInput): Promise<IntakeConnector> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: UPDATE_CONNECTOR, variables: { input } }))).updateIntakeConnector;
  }

  async saveMapping(id: string, version: number, mapping: FormMappingInput): Promise<IntakeConnector> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: SAVE_MAPPING, variables: { input: { id, version, mapping } } }))).saveIntakeMapping;
  }

  async previewMapping(id: string, mapping: FormMappingInput, limit = 5): Promise<MappingPreview> {
    return resultData(await firstValueFrom(this.apollo.query({ query: PREVIEW_MAPPING, variables: { input: { id, mapping, limit } }, fetchPolicy: 'network-only' }))).previewIntakeMapping;
  }

  async pull(id: string): Promise<string> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: PULL_CONNECTOR, variables: { id } }))).pullIntakeConnector.id;
  }

  async job(id: string): Promise<PullJob | null> {
    return resultData(await firstValueFrom(this.apollo.query({ query: PULL_JOB, variables: { id }, fetchPolicy: 'network-only' }))).job ?? null;
  }

  async submissions(filter: SubmissionFilter, after: string | null = null): Promise<Page<IntakeSubmission>> {
    const result = await firstValueFrom(this.apollo.query({ query: SUBMISSIONS_QUERY, variables: { first: INTAKE_PAGE_SIZE, after, filter }, fetchPolicy: 'network-only' }));
    const c = resultData(result).intakeSubmissions;
    return { rows: c.edges.map((e) => e.node), totalCount: c.totalCount, hasNextPage: c.pageInfo.hasNextPage, endCursor: c.pageInfo.endCursor ?? null };
  }

  async submission(id: string): Promise<IntakeSubmissionDetail | null> {
    return resultData(await firstValueFrom(this.apollo.query({ query: SUBMISSION_DETAIL, variables: { id }, fetchPolicy: 'network-only' }))).intakeSubmission ?? null;
  }

  async correct(id: string, version: number, corrections: { field: string; value: string | number | null }[]): Promise<IntakeSubmission> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: CORRECT_SUBMISSION, variables: { input: { id, version, corrections } } }))).correctIntakeSubmission;
  }

  async accept(id: string, version: number): Promise<IntakeSubmission> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: ACCEPT_SUBMISSION, variables: { input: { id, version } } }))).acceptIntakeSubmission;
  }

  async reject(id: string, version: number, reason: string): Promise<IntakeSubmission> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: REJECT_SUBMISSION, variables: { input: { id, version, reason } } }))).rejectIntakeSubmission;
  }

  async previewRule(input: CleaningRuleInput): Promise<RulePreview> {
    return resultData(await firstValueFrom(this.apollo.query({ query: PREVIEW_RULE, variables: { input }, fetchPolicy: 'network-only' }))).previewIntakeRule;
  }

  async applyRule(input: CleaningRuleInput): Promise<{ submissions: number; fields: number }> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: APPLY_RULE, variables: { input } }))).applyIntakeRule;
  }
}
