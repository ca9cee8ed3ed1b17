import { inject, Injectable } from '@angular/core';
import { resultData } from '@coremis/core-web';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { Connector, ConnectorFilter, INTAKE_LIST_QUERY } from './connector.queries';

export const INTAKE_PAGE_SIZE = 50;

export interface ConnectorPage {
  readonly rows: readonly Connector[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** The connectors of the caller's areas, through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class ConnectorService {
  private readonly apollo = inject(Apollo);

  async list(filter: ConnectorFilter, after: string | null = null): Promise<ConnectorPage> {
    const result = await firstValueFrom(
      this.apollo.query({ query: INTAKE_LIST_QUERY, variables: { first: INTAKE_PAGE_SIZE, after, filter } }),
    );
    const connection = resultData(result).connectors;
    return {
      rows: connection.edges.map((edge) => edge.node),
      totalCount: connection.totalCount,
      hasNextPage: connection.pageInfo.hasNextPage,
      endCursor: connection.pageInfo.endCursor,
    };
  }
}
