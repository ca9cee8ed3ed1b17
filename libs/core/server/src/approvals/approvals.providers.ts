import { APP_INTERCEPTOR } from '@nestjs/core';
import { ApprovalFlowsResolver } from './approval-flows.resolver';
import { ApprovalInterceptor } from './approval.interceptor';
import { ApprovalService } from './approval.service';
import { ApprovalsResolver } from './approvals.resolver';
import { OperationRegistry } from './operation-registry.service';

/** Approval services, available to the API and the worker. */
export const APPROVAL_SERVICES = [OperationRegistry, ApprovalService];

/** What only the API needs: the resolvers and the global interceptor that holds operations back. */
export const APPROVAL_API_PROVIDERS = [ApprovalsResolver, ApprovalFlowsResolver, { provide: APP_INTERCEPTOR, useClass: ApprovalInterceptor }];
