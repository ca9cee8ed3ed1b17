import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApprovableOperation, type GraphqlContext, indexByKeys, PendingOperation, RequirePermissions, UuidPipe } from '@coremis/core';
import { ChangeRecordType, DataChangeRequest } from '../entities/data-change-request.entity';
import { CreateDataChangeRequestInput, DataChangeRequestsArgs, RejectDataChangeRequestInput } from './data-change.inputs';
import { ChangeableFieldModel, DataChangeApproval, DataChangeRequestConnection } from './data-change.models';
import { APPLY_CHANGE_OPERATION, DataChangeService } from './data-change.service';

/** Data-change requests: root operations declare their permission; the service applies area scope. */
@Resolver(() => DataChangeRequest)
export class DataChangeResolver {
  constructor(private readonly service: DataChangeService) {}

  @Query(() => DataChangeRequestConnection)
  @RequirePermissions('grm.changes.view')
  async dataChangeRequests(@Args() args: DataChangeRequestsArgs): Promise<DataChangeRequestConnection> {
    return (await this.service.list(args)) as DataChangeRequestConnection;
  }

  @Query(() => DataChangeRequest, { nullable: true, description: 'Null when it does not exist or is outside the caller\'s areas.' })
  @RequirePermissions('grm.changes.view')
  dataChangeRequest(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<DataChangeRequest | null> {
    return this.service.findById(id);
  }

  @Query(() => [ChangeableFieldModel], { description: 'The fields a data-change request may set, including the deployment\'s extra fields.' })
  @RequirePermissions('grm.changes.request')
  async changeableFields(@Args('recordType', { type: () => ChangeRecordType }) recordType: ChangeRecordType): Promise<ChangeableFieldModel[]> {
    return (await this.service.fields(recordType)).map((f) => ({ ...f, options: f.options ? [...f.options] : null }));
  }

  @Mutation(() => DataChangeRequest, { description: 'Proposes new values; sent for approval at once when an approval flow is enabled for grm.changes.apply.' })
  @RequirePermissions('grm.changes.request')
  createDataChangeRequest(@Args('input') input: CreateDataChangeRequestInput): Promise<DataChangeRequest> {
    return this.service.create(input);
  }

  @Mutation(() => DataChangeRequest, {
    description: 'Applies a request: run by its approval flow once approved, or, without a flow, by a checker holding grm.changes.apply. STALE when the record changed meanwhile.',
  })
  @RequirePermissions('grm.changes.request')
  @ApprovableOperation(APPLY_CHANGE_OPERATION, { summary: (payload) => `Data change ${String(payload['id'])}` })
  applyDataChangeRequest(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<DataChangeRequest> {
    return this.service.apply(id);
  }

  @Mutation(() => DataChangeRequest, { description: 'Without an approval flow: a checker refuses the request.' })
  @RequirePermissions('grm.changes.apply')
  rejectDataChangeRequest(@Args('input') input: RejectDataChangeRequestInput): Promise<DataChangeRequest> {
    return this.service.reject(input);
  }

  @ResolveField(() => DataChangeApproval, { nullable: true })
  async approval(request: DataChangeRequest, _args: unknown, ctx: GraphqlContext): Promise<DataChangeApproval | null> {
    if (!request.pendingOperationId) return null;
    const operation = await ctx.loaders
      .get<string, PendingOperation | null>('grm.changeApprovals', async (ids) => indexByKeys(ids, await this.service.approvalsOf(ids), (op) => op.id))
      .load(request.pendingOperationId);
    return operation ? { status: operation.status, currentLevel: operation.currentLevel, levels: operation.levels.length, rejectReason: operation.rejectReason } : null;
  }
}
