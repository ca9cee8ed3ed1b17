import { AsyncLocalStorage } from 'node:async_hooks';

export const APPROVABLE_OPERATION = 'coremis:approvable-operation';

export interface ApprovableOperationOptions {
  /** One line for the approvers, built from the payload; by default the operation code and the payload's beginning. */
  summary?: (payload: Record<string, unknown>) => string;
  /** When a flow is enabled, whether this call needs approval (default: always), e.g. not for a dry run. */
  requiresApproval?: (payload: Record<string, unknown>) => boolean;
}

export interface ApprovableOperationMetadata {
  operation: string;
  options: ApprovableOperationOptions;
}

interface ApprovalScope {
  /** Set by the approval interceptor when a flow is enabled: called instead of the method, which `proceed` runs. */
  submit?: { operation: string; run(args: unknown[], proceed: () => unknown): unknown };
  /** Set while an approved operation runs, so that it is not sent for approval again. */
  executing?: string;
}

/** Carries the interceptor's decision into the method call, which runs after the pipes. */
export const approvalScope = new AsyncLocalStorage<ApprovalScope>();

const OPERATION_CODE = /^[a-z][a-z0-9_]*(\.[a-zA-Z0-9_]+)+$/;

/**
 * Marks a GraphQL mutation that an approval flow may hold back (maker-checker). Without an enabled
 * flow for `operation` the mutation runs as usual. With one, the arguments, once the pipes have
 * validated them, are stored as a pending operation and the client gets an APPROVAL_PENDING error;
 * the method runs, with the maker as actor, when the last approval level approves.
 *
 * The method is wrapped because interceptors run before the pipes: only the method itself receives
 * the validated arguments.
 */
export function ApprovableOperation(operation: string, options: ApprovableOperationOptions = {}): MethodDecorator {
  if (!OPERATION_CODE.test(operation)) throw new Error(`Invalid approvable operation code "${operation}" (expected e.g. "geo.areas.create")`);
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const original = descriptor.value as (...args: unknown[]) => unknown;
    const approvable = function (this: unknown, ...args: unknown[]): unknown {
      const scope = approvalScope.getStore();
      if (scope?.submit?.operation === operation && !scope.executing) return scope.submit.run(args, () => original.apply(this, args));
      return original.apply(this, args);
    };
    Object.defineProperty(approvable, 'name', { value: original.name });
    // decorators applied before this one (written below it) left their metadata on the original
    for (const key of Reflect.getOwnMetadataKeys(original)) Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, original), approvable);
    Reflect.defineMetadata(APPROVABLE_OPERATION, { operation, options } satisfies ApprovableOperationMetadata, approvable);
    descriptor.value = approvable;
    return descriptor;
  };
}
