import { inject, Injectable } from '@angular/core';
import { resultData } from '@coremis/core-web';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { Program, ProgramFilter, PROGRAMS_LIST_QUERY } from './program.queries';

export const PROGRAMS_PAGE_SIZE = 50;

export interface ProgramPage {
  readonly rows: readonly Program[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** The programs of the caller's areas, through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class ProgramService {
  private readonly apollo = inject(Apollo);

  async list(filter: ProgramFilter, after: string | null = null): Promise<ProgramPage> {
    const result = await firstValueFrom(
      this.apollo.query({ query: PROGRAMS_LIST_QUERY, variables: { first: PROGRAMS_PAGE_SIZE, after, filter } }),
    );
    const connection = resultData(result).programs;
    return {
      rows: connection.edges.map((edge) => edge.node),
      totalCount: connection.totalCount,
      hasNextPage: connection.pageInfo.hasNextPage,
      endCursor: connection.pageInfo.endCursor,
    };
  }
}
