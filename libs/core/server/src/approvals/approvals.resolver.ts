import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequirePermissions } from '../access/require-permissions.decorator';
import { ConnectionArgs } from '../graphql/connection';
import { GraphQLJSON } from '../graphql/json.scalar';
import { type GraphqlContext, groupByKeys } from '../graphql/request-loaders';
import { UuidPipe } from '../graphql/uuid.pipe';
import { Translator } from '../i18n/translator';
import { ApprovalDecision } from './approval-decision.entity';
import { ApprovalService } from './approval.service';
import { ApproveOperationArgs, MyPendingOperationsArgs, RejectOperationArgs } from './dto/approval.args';
import { PendingOperationConnection } from './dto/pending-operation.models';
import { PendingOperation, type StoredError } from './pending-operation.entity';

@Resolver(() => PendingOperation)
export class ApprovalsResolver {
  constructor(private readonly approvals: ApprovalService, private readonly translator: Translator) {}

  @Query(() => PendingOperationConnection, { description: 'Requests waiting for a decision of the signed-in user, oldest first.' })
  @RequirePermissions('core.approvals.decide')
  approvalInbox(@Args() args: ConnectionArgs): Promise<PendingOperationConnection> {
    return this.approvals.inbox(args) as Promise<PendingOperationConnection>;
  }

  @Query(() => PendingOperationConnection, { description: 'Requests the signed-in user made, oldest first.' })
  @RequirePermissions('core.approvals.view')
  myPendingOperations(@Args() args: MyPendingOperationsArgs): Promise<PendingOperationConnection> {
    return this.approvals.mine(args) as Promise<PendingOperationConnection>;
  }

  @Query(() => PendingOperation, { nullable: true, description: 'Visible to its maker, to holders of a role of its flow and to approval administrators.' })
  @RequirePermissions('core.approvals.view')
  pendingOperation(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<PendingOperation | null> {
    return this.approvals.findVisible(id);
  }

  @Mutation(() => PendingOperation, {
    description: 'Approves the current level; the last approval runs the operation (as a job) and returns its outcome, or EXECUTING when it takes longer than 20 s.',
  })
  @RequirePermissions('core.approvals.decide')
  approveOperation(@Args() args: ApproveOperationArgs): Promise<PendingOperation> {
    return this.approvals.approve(args.id, args.comment);
  }

  @Mutation(() => PendingOperation, { description: 'Rejects the request for good; the maker sees the reason.' })
  @RequirePermissions('core.approvals.decide')
  rejectOperation(@Args() args: RejectOperationArgs): Promise<PendingOperation> {
    return this.approvals.reject(args.id, args.reason);
  }

  @Mutation(() => PendingOperation, { description: 'The maker withdraws a request that is still pending.' })
  @RequirePermissions('core.approvals.view')
  cancelPendingOperation(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<PendingOperation> {
    return this.approvals.cancel(id);
  }

  @ResolveField(() => GraphQLJSON, { description: 'The GraphQL arguments of the operation, as the maker sent them (after validation).' })
  // field resolvers: (parent, args, context) without parameter decorators, called by GraphQL directly
  payload(operation: PendingOperation, _args: unknown, ctx: GraphqlContext): Promise<Record<string, unknown>> | Record<string, unknown> {
    if (operation.payload !== undefined) return operation.payload;
    return ctx.loaders
      .get<string, Record<string, unknown>>('core.pendingOperationPayload', async (ids) => {
        const payloads = await this.approvals.payloadsFor(ids);
        return ids.map((id) => payloads.get(id) ?? {});
      })
      .load(operation.id);
  }

  @ResolveField(() => [ApprovalDecision], { description: 'Every decision so far, in order.' })
  decisions(operation: PendingOperation, _args: unknown, ctx: GraphqlContext): Promise<ApprovalDecision[]> {
    return ctx.loaders
      .get<string, ApprovalDecision[]>('core.approvalDecisions', async (ids) => groupByKeys(ids, await this.approvals.decisionsFor(ids), (d) => d.operationId))
      .load(operation.id);
  }

  @ResolveField(() => String, { nullable: true, description: 'Why the operation failed (status FAILED), in the language of the request.' })
  error(operation: PendingOperation): string | null {
    if (!operation.errorDetail) return null;
    const lang = this.translator.currentLanguage();
    const error = JSON.parse(operation.errorDetail) as StoredError;
    const message = this.translator.translate(error.messageKey, lang, { ...(error.args ?? {}), reference: operation.id });
    const fields = (error.fieldErrors ?? []).map((f) => `${f.field}: ${this.translator.translate(f.key, lang, f.args ?? {})}`);
    return fields.length ? `${message} ${fields.join('; ')}` : message;
  }
}
