import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { resultData } from '../../graphql/result-data';
import {
  APPROVABLE_OPERATIONS_QUERY,
  APPROVAL_FLOWS_QUERY,
  APPROVAL_INBOX_QUERY,
  ApprovalFlow,
  APPROVE_OPERATION_MUTATION,
  CANCEL_PENDING_OPERATION_MUTATION,
  MY_PENDING_OPERATIONS_QUERY,
  PendingOperation,
  PendingOperationStatus,
  REJECT_OPERATION_MUTATION,
  SAVE_APPROVAL_FLOW_MUTATION,
  SaveApprovalFlowInput,
} from './approvals.queries';
import type { PendingOperationFieldsFragment } from '../../data/generated/graphql';
import { Connection } from './identity-admin.queries';
import { GRAPHQL } from '../../graphql/graphql-client';

export interface OperationPage {
  readonly operations: readonly PendingOperation[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

const PAGE_SIZE = 25;

/** The payload is JSON to the schema: typed here as the object the API stores. */
function withPayload(operation: PendingOperationFieldsFragment): PendingOperation {
  return operation as PendingOperation;
}

function toPage(connection: Connection<PendingOperationFieldsFragment>): OperationPage {
  return {
    operations: connection.edges.map((edge) => withPayload(edge.node)),
    totalCount: connection.totalCount,
    hasNextPage: connection.pageInfo.hasNextPage,
    endCursor: connection.pageInfo.endCursor,
  };
}

/** Maker-checker: requests waiting for a decision, one's own requests, and the flows. */
@Injectable({ providedIn: 'root' })
export class ApprovalsService {
  private readonly apollo = inject(GRAPHQL);

  async inbox(after: string | null = null): Promise<OperationPage> {
    const result = await firstValueFrom(this.apollo.query({ query: APPROVAL_INBOX_QUERY, variables: { first: PAGE_SIZE, after } }));
    return toPage(resultData(result).approvalInbox);
  }

  async mine(status: PendingOperationStatus | null, after: string | null = null): Promise<OperationPage> {
    const result = await firstValueFrom(
      this.apollo.query({ query: MY_PENDING_OPERATIONS_QUERY, variables: { first: PAGE_SIZE, after, status } }),
    );
    return toPage(resultData(result).myPendingOperations);
  }

  async approve(id: string, comment: string | null): Promise<PendingOperation> {
    const result = await firstValueFrom(this.apollo.mutate({ mutation: APPROVE_OPERATION_MUTATION, variables: { id, comment } }));
    return withPayload(resultData(result).approveOperation);
  }

  async reject(id: string, reason: string): Promise<PendingOperation> {
    const result = await firstValueFrom(this.apollo.mutate({ mutation: REJECT_OPERATION_MUTATION, variables: { id, reason } }));
    return withPayload(resultData(result).rejectOperation);
  }

  async cancel(id: string): Promise<PendingOperation> {
    const result = await firstValueFrom(this.apollo.mutate({ mutation: CANCEL_PENDING_OPERATION_MUTATION, variables: { id } }));
    return withPayload(resultData(result).cancelPendingOperation);
  }

  async flows(): Promise<readonly ApprovalFlow[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: APPROVAL_FLOWS_QUERY }))).approvalFlows;
  }

  async operations(): Promise<readonly string[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: APPROVABLE_OPERATIONS_QUERY }))).approvableOperations;
  }

  async saveFlow(input: SaveApprovalFlowInput): Promise<ApprovalFlow> {
    const result = await firstValueFrom(this.apollo.mutate({ mutation: SAVE_APPROVAL_FLOW_MUTATION, variables: { input } }));
    return resultData(result).saveApprovalFlow;
  }
}
