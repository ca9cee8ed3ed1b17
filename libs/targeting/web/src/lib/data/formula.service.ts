import { inject, Injectable } from '@angular/core';
import { resultData } from '@coremis/core-web';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { Formula, FormulaFilter, TARGETING_LIST_QUERY } from './formula.queries';

export const TARGETING_PAGE_SIZE = 50;

export interface FormulaPage {
  readonly rows: readonly Formula[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** The formulas of the caller's areas, through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class FormulaService {
  private readonly apollo = inject(Apollo);

  async list(filter: FormulaFilter, after: string | null = null): Promise<FormulaPage> {
    const result = await firstValueFrom(
      this.apollo.query({ query: TARGETING_LIST_QUERY, variables: { first: TARGETING_PAGE_SIZE, after, filter } }),
    );
    const connection = resultData(result).formulas;
    return {
      rows: connection.edges.map((edge) => edge.node),
      totalCount: connection.totalCount,
      hasNextPage: connection.pageInfo.hasNextPage,
      endCursor: connection.pageInfo.endCursor,
    };
  }
}
