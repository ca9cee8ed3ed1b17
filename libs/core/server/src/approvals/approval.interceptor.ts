import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { AppError } from '../graphql/app-error';
import { APPROVABLE_OPERATION, type ApprovableOperationMetadata, approvalScope } from './approvable-operation.decorator';
import { ApprovalService } from './approval.service';
import { OperationRegistry } from './operation-registry.service';

/**
 * Global interceptor for @ApprovableOperation methods: when an enabled flow exists, the call goes on
 * through the pipes (validation) but the method stores it as a pending operation instead of running,
 * and the client gets an APPROVAL_PENDING error carrying `pendingOperationId`.
 */
@Injectable()
export class ApprovalInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly approvals: ApprovalService,
    private readonly registry: OperationRegistry,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const metadata = this.reflector.get<ApprovableOperationMetadata | undefined>(APPROVABLE_OPERATION, context.getHandler());
    if (!metadata || approvalScope.getStore()?.executing) return next.handle();
    const flow = await this.approvals.enabledFlow(metadata.operation);
    const entry = this.registry.get(metadata.operation);
    if (!flow || !entry) return next.handle();
    const run = async (args: unknown[], proceed: () => unknown): Promise<unknown> => {
      const payload = this.registry.payloadOf(entry, args);
      if (entry.options.requiresApproval && !entry.options.requiresApproval(payload)) return proceed();
      const pending = await this.approvals.submit(metadata.operation, payload, flow);
      throw new AppError('APPROVAL_PENDING', 'core.approvals.messages.sentForApproval', { operation: metadata.operation }, [], { pendingOperationId: pending.id });
    };
    // handle() binds the rest of the call (pipes, then the method) to the async context it is called in
    return approvalScope.run({ submit: { operation: metadata.operation, run } }, () => next.handle());
  }
}
