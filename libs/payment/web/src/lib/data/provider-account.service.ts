import { inject, Injectable } from '@angular/core';
import { GRAPHQL, resultData } from '@coremis/core-web';
import { firstValueFrom } from 'rxjs';
import {
  CREATE_PROVIDER_ACCOUNT,
  type CreateProviderAccountInput,
  DEACTIVATE_PROVIDER_ACCOUNT,
  PROVIDER_ACCOUNTS_QUERY,
  type ProviderAccount,
  UPDATE_PROVIDER_ACCOUNT,
  type UpdateProviderAccountInput,
} from './provider-account.queries';

export const PROVIDER_ACCOUNTS_PAGE_SIZE = 50;

export interface ProviderAccountPage {
  readonly rows: readonly ProviderAccount[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** Payment provider accounts through the CoreMIS API; secrets only ever go up, never come back. */
@Injectable({ providedIn: 'root' })
export class ProviderAccountService {
  private readonly apollo = inject(GRAPHQL);

  async list(search: string | undefined, after: string | null = null): Promise<ProviderAccountPage> {
    const result = await firstValueFrom(
      this.apollo.query({ query: PROVIDER_ACCOUNTS_QUERY, variables: { first: PROVIDER_ACCOUNTS_PAGE_SIZE, after, filter: search ? { search } : null }, fetchPolicy: 'network-only' }),
    );
    const connection = resultData(result).paymentProviderAccounts;
    return {
      rows: connection.edges.map((edge) => edge.node),
      totalCount: connection.totalCount,
      hasNextPage: connection.pageInfo.hasNextPage,
      endCursor: connection.pageInfo.endCursor,
    };
  }

  async create(input: CreateProviderAccountInput): Promise<ProviderAccount> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: CREATE_PROVIDER_ACCOUNT, variables: { input } }))).createPaymentProviderAccount;
  }

  async update(input: UpdateProviderAccountInput): Promise<ProviderAccount> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: UPDATE_PROVIDER_ACCOUNT, variables: { input } }))).updatePaymentProviderAccount;
  }

  async deactivate(id: string, version: number): Promise<ProviderAccount> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: DEACTIVATE_PROVIDER_ACCOUNT, variables: { input: { id, version } } }))).deactivatePaymentProviderAccount;
  }
}
