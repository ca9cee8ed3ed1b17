import { inject, Injectable } from '@angular/core';
import { GRAPHQL, resultData } from '@coremis/core-web';
import { exhaustMap, firstValueFrom, map, Observable, takeWhile, timer } from 'rxjs';
import {
  CANCEL_DUPLICATE_JOB_MUTATION,
  DECIDE_DUPLICATE_MUTATION,
  DUPLICATE_CANDIDATES_QUERY,
  DUPLICATE_JOB_QUERY,
  DUPLICATE_MODEL_QUERY,
  DUPLICATE_SETTINGS_QUERY,
  DuplicateCandidate,
  DuplicateCandidatePage,
  DuplicateDecision,
  DuplicateModel,
  DuplicateSettings,
  DuplicateStatus,
  FINISHED_JOB_STATUSES,
  Job,
  RUN_DUPLICATE_DETECTION_MUTATION,
} from './duplicate.queries';

export const DETECTION_POLL_INTERVAL_MS = 1000;

/** Candidate pairs of possible duplicates, reviewers' decisions and the registry-wide detection. */
@Injectable({ providedIn: 'root' })
export class DuplicateService {
  private readonly apollo = inject(GRAPHQL);

  async page(status: DuplicateStatus, first: number, after: string | null = null): Promise<DuplicateCandidatePage> {
    const result = await firstValueFrom(this.apollo.query({ query: DUPLICATE_CANDIDATES_QUERY, variables: { status, first, after } }));
    const connection = resultData(result).duplicateCandidates;
    return {
      candidates: connection.edges.map((edge) => edge.node),
      totalCount: connection.totalCount,
      hasNextPage: connection.pageInfo.hasNextPage,
      endCursor: connection.pageInfo.endCursor,
    };
  }

  async model(): Promise<DuplicateModel | null> {
    return resultData(await firstValueFrom(this.apollo.query({ query: DUPLICATE_MODEL_QUERY, fetchPolicy: 'network-only' }))).duplicateModel ?? null;
  }

  async settings(): Promise<DuplicateSettings> {
    return resultData(await firstValueFrom(this.apollo.query({ query: DUPLICATE_SETTINGS_QUERY }))).duplicateSettings;
  }

  async decide(candidate: DuplicateCandidate, decision: DuplicateDecision, survivorId: string | null): Promise<DuplicateCandidate> {
    const result = await firstValueFrom(
      this.apollo.mutate({
        mutation: DECIDE_DUPLICATE_MUTATION,
        variables: { input: { candidateId: candidate.id, decision, survivorId: decision === 'DUPLICATE' ? survivorId : null, version: candidate.version } },
      }),
    );
    return resultData(result).decideDuplicate;
  }

  async runDetection(): Promise<Job> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: RUN_DUPLICATE_DETECTION_MUTATION }))).runDuplicateDetection;
  }

  async cancelDetection(jobId: string): Promise<Job> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: CANCEL_DUPLICATE_JOB_MUTATION, variables: { id: jobId } }))).cancelJob;
  }

  /** The detection job every second, completing after its first finished state. */
  watchJob(jobId: string): Observable<Job> {
    return timer(0, DETECTION_POLL_INTERVAL_MS).pipe(
      exhaustMap(() => this.apollo.query({ query: DUPLICATE_JOB_QUERY, variables: { id: jobId } })),
      map((result) => {
        const job = resultData(result).job;
        if (!job) throw new Error(`Job ${jobId} not found`);
        return job;
      }),
      takeWhile((job) => !FINISHED_JOB_STATUSES.includes(job.status), true),
    );
  }
}
