import { inject, Injectable } from '@angular/core';
import { resultData } from '@coremis/core-web';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { Ticket, TicketFilter, GRM_LIST_QUERY } from './ticket.queries';

export const GRM_PAGE_SIZE = 50;

export interface TicketPage {
  readonly rows: readonly Ticket[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** The tickets of the caller's areas, through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class TicketService {
  private readonly apollo = inject(Apollo);

  async list(filter: TicketFilter, after: string | null = null): Promise<TicketPage> {
    const result = await firstValueFrom(
      this.apollo.query({ query: GRM_LIST_QUERY, variables: { first: GRM_PAGE_SIZE, after, filter } }),
    );
    const connection = resultData(result).tickets;
    return {
      rows: connection.edges.map((edge) => edge.node),
      totalCount: connection.totalCount,
      hasNextPage: connection.pageInfo.hasNextPage,
      endCursor: connection.pageInfo.endCursor,
    };
  }
}
