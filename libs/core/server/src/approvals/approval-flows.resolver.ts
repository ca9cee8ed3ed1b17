import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequirePermissions } from '../access/require-permissions.decorator';
import { ApprovalFlow } from './approval-flow.entity';
import { ApprovalService } from './approval.service';
import { SaveApprovalFlowInput } from './dto/save-approval-flow.input';

@Resolver(() => ApprovalFlow)
export class ApprovalFlowsResolver {
  constructor(private readonly approvals: ApprovalService) {}

  @Query(() => [ApprovalFlow], { description: 'Configured approval flows, by operation code.' })
  @RequirePermissions('core.approvals.view')
  approvalFlows(): Promise<ApprovalFlow[]> {
    return this.approvals.flows();
  }

  @Query(() => [String], { description: 'Codes of the operations of the enabled modules that a flow can hold for approval.' })
  @RequirePermissions('core.approvals.view')
  approvableOperations(): string[] {
    return this.approvals.operations();
  }

  @Mutation(() => ApprovalFlow, { description: 'Creates or replaces the flow of an operation. Requests already pending keep the levels they started with.' })
  @RequirePermissions('core.approvals.configure')
  saveApprovalFlow(@Args('input') input: SaveApprovalFlowInput): Promise<ApprovalFlow> {
    return this.approvals.saveFlow(input);
  }
}
