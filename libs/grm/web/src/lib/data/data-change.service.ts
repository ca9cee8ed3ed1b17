import { inject, Injectable } from '@angular/core';
import { GRAPHQL, type ListPage, resultData, toListPage } from '@coremis/core-web';
import { firstValueFrom } from 'rxjs';
import {
  APPLY_DATA_CHANGE_MUTATION,
  CHANGEABLE_FIELDS_QUERY,
  type ChangeableField,
  type ChangeRecordType,
  CREATE_DATA_CHANGE_MUTATION,
  type CreateDataChangeRequestInput,
  DATA_CHANGE_LIST_QUERY,
  DATA_CHANGE_QUERY,
  DATA_CHANGE_TARGETS_QUERY,
  type DataChangeRequest,
  type DataChangeRequestFilter,
  type DataChangeTargets,
  REJECT_DATA_CHANGE_MUTATION,
} from './data-change.queries';

export const DATA_CHANGE_PAGE_SIZE = 50;

/** Data-change requests through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class DataChangeService {
  private readonly apollo = inject(GRAPHQL);

  async list(filter: DataChangeRequestFilter, after: string | null): Promise<ListPage<DataChangeRequest>> {
    const result = await firstValueFrom(this.apollo.query({ query: DATA_CHANGE_LIST_QUERY, variables: { first: DATA_CHANGE_PAGE_SIZE, after, filter }, fetchPolicy: 'network-only' }));
    return toListPage(resultData(result).dataChangeRequests);
  }

  /** Null when it does not exist or lies outside the caller's areas. */
  async get(id: string): Promise<DataChangeRequest | null> {
    return resultData(await firstValueFrom(this.apollo.query({ query: DATA_CHANGE_QUERY, variables: { id }, fetchPolicy: 'network-only' }))).dataChangeRequest ?? null;
  }

  async fields(recordType: ChangeRecordType): Promise<readonly ChangeableField[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: CHANGEABLE_FIELDS_QUERY, variables: { recordType }, fetchPolicy: 'network-only' }))).changeableFields;
  }

  async targets(householdId: string): Promise<DataChangeTargets | null> {
    return resultData(await firstValueFrom(this.apollo.query({ query: DATA_CHANGE_TARGETS_QUERY, variables: { id: householdId }, fetchPolicy: 'network-only' }))).household ?? null;
  }

  async create(input: CreateDataChangeRequestInput): Promise<DataChangeRequest> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: CREATE_DATA_CHANGE_MUTATION, variables: { input } }))).createDataChangeRequest;
  }

  /** Without an approval flow: a checker applies the request (it may come back STALE). */
  async apply(id: string): Promise<DataChangeRequest> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: APPLY_DATA_CHANGE_MUTATION, variables: { id } }))).applyDataChangeRequest;
  }

  async reject(id: string, reason: string): Promise<DataChangeRequest> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: REJECT_DATA_CHANGE_MUTATION, variables: { input: { id, reason } } }))).rejectDataChangeRequest;
  }
}
