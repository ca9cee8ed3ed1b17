export { ApprovableOperation, type ApprovableOperationOptions } from './approvable-operation.decorator';
export { ApprovalService } from './approval.service';
export { OperationRegistry } from './operation-registry.service';
export { ApprovalFlow, ApprovalLevel, ApprovalPolicy } from './approval-flow.entity';
export { PendingOperation, PendingOperationStatus } from './pending-operation.entity';
export { ApprovalDecision, ApprovalDecisionType } from './approval-decision.entity';
