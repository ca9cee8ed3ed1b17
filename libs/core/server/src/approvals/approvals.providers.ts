import { APP_INTERCEPTOR } from '@nestjs/core';
import { ApprovalExecutionProcessor } from './approval-execution.processor';
import { ApprovalFlowsResolver } from './approval-flows.resolver';
import { ApprovalInterceptor } from './approval.interceptor';
import { ApprovalService } from './approval.service';
import { ApprovalsResolver } from './approvals.resolver';
import { OperationRegistry } from './operation-registry.service';

/** Approval services, available to the API and the worker. */
export const APPROVAL_SERVICES = [OperationRegistry, ApprovalService];

/**
 * What only the API needs: the resolvers, the global interceptor that holds operations back, and the
 * processor of approved operations (they are resolver methods, present in the API only).
 */
export const APPROVAL_API_PROVIDERS = [ApprovalsResolver, ApprovalFlowsResolver, ApprovalExecutionProcessor, { provide: APP_INTERCEPTOR, useClass: ApprovalInterceptor }];
