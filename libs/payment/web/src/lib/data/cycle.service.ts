import { inject, Injectable } from '@angular/core';
import { GRAPHQL, type ListPage, resultData, toListPage } from '@coremis/core-web';
import { firstValueFrom } from 'rxjs';
import { CREATE_CYCLE_MUTATION, type CreateCycleInput, Cycle, CycleFilter, PAYMENT_LIST_QUERY, PAYMENT_PROGRAMS_QUERY, type PaymentProgram, UPDATE_CYCLE_MUTATION, type UpdateCycleInput } from './cycle.queries';

export const PAYMENT_PAGE_SIZE = 50;

/** The cycles of the caller's areas (and the programmes they pay), through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class CycleService {
  private readonly apollo = inject(GRAPHQL);

  async list(filter: CycleFilter, after: string | null = null): Promise<ListPage<Cycle>> {
    const result = await firstValueFrom(this.apollo.query({ query: PAYMENT_LIST_QUERY, variables: { first: PAYMENT_PAGE_SIZE, after, filter }, fetchPolicy: 'network-only' }));
    return toListPage(resultData(result).cycles);
  }

  async create(input: CreateCycleInput): Promise<Cycle> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: CREATE_CYCLE_MUTATION, variables: { input } }))).createCycle;
  }

  async update(input: UpdateCycleInput): Promise<Cycle> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: UPDATE_CYCLE_MUTATION, variables: { input } }))).updateCycle;
  }

  async programs(): Promise<PaymentProgram[]> {
    const result = await firstValueFrom(this.apollo.query({ query: PAYMENT_PROGRAMS_QUERY, fetchPolicy: 'network-only' }));
    return resultData(result).programs.edges.map((e) => e.node);
  }
}
