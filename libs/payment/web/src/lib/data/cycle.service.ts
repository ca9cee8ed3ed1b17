import { inject, Injectable } from '@angular/core';
import { resultData } from '@coremis/core-web';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { Cycle, CycleFilter, PAYMENT_LIST_QUERY } from './cycle.queries';

export const PAYMENT_PAGE_SIZE = 50;

export interface CyclePage {
  readonly rows: readonly Cycle[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** The cycles of the caller's areas, through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class CycleService {
  private readonly apollo = inject(Apollo);

  async list(filter: CycleFilter, after: string | null = null): Promise<CyclePage> {
    const result = await firstValueFrom(
      this.apollo.query({ query: PAYMENT_LIST_QUERY, variables: { first: PAYMENT_PAGE_SIZE, after, filter } }),
    );
    const connection = resultData(result).cycles;
    return {
      rows: connection.edges.map((edge) => edge.node),
      totalCount: connection.totalCount,
      hasNextPage: connection.pageInfo.hasNextPage,
      endCursor: connection.pageInfo.endCursor,
    };
  }
}
