import { inject, Injectable } from '@angular/core';
import { GRAPHQL, type ListPage, resultData, toListPage } from '@coremis/core-web';
import { firstValueFrom } from 'rxjs';
import { Cycle, CycleFilter, PAYMENT_LIST_QUERY } from './cycle.queries';

export const PAYMENT_PAGE_SIZE = 50;

/** The cycles of the caller's areas, through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class CycleService {
  private readonly apollo = inject(GRAPHQL);

  async list(filter: CycleFilter, after: string | null = null): Promise<ListPage<Cycle>> {
    const result = await firstValueFrom(this.apollo.query({ query: PAYMENT_LIST_QUERY, variables: { first: PAYMENT_PAGE_SIZE, after, filter }, fetchPolicy: 'network-only' }));
    return toListPage(resultData(result).cycles);
  }
}
