import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RequestContext } from '../context/request-context';
import { AppError, forbidden } from '../graphql/app-error';
import { hasPermissions } from './access-policy';
import { AUTHENTICATED_OPERATION, PUBLIC_OPERATION, REQUIRED_PERMISSIONS } from './require-permissions.decorator';

export const ACCESS_DENIED_LISTENER = 'coremis:access-denied-listener';
export type AccessDeniedListener = (operation: string, reason: string) => Promise<void>;
/** Told of each call refused for want of a valid sign-in; `reason` is the message key's last part (e.g. invalidToken). */
export type UnauthenticatedListener = (operation: string, reason: string) => Promise<void>;

/** Operations a user who must change their password may still call. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['Query.me', 'Mutation.changePassword', 'Mutation.logout', 'Query.enabledModules']);

/**
 * Global guard for GraphQL operations and REST controller routes, after authentication has put the
 * actor in the request context. An operation or route without a declared permission is refused:
 * forgetting fails closed. AppErrors thrown here become a translated JSON 401/403 on HTTP
 * (`AppErrorFilter`).
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  private onDenied?: AccessDeniedListener;
  private onUnauthenticated?: UnauthenticatedListener;

  constructor(private readonly reflector: Reflector) {}

  setUnauthenticatedListener(listener: UnauthenticatedListener): void {
    this.onUnauthenticated = listener;
  }

  /** The audit trail registers here to record refusals. */
  setAccessDeniedListener(listener: AccessDeniedListener): void {
    this.onDenied = listener;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const operation = operationName(context);
    if (!operation) return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_OPERATION, targets)) return true;
    const actor = RequestContext.actor();
    if (!actor) {
      const authError = (RequestContext.current() as { authError?: string } | undefined)?.authError;
      await this.onUnauthenticated?.(operation, authError?.split('.').pop() ?? 'missingToken').catch(() => undefined);
      throw new AppError('UNAUTHENTICATED', authError ?? 'core.identity.errors.notAuthenticated');
    }
    if ((actor as { mustChangePassword?: boolean }).mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(operation)) {
      throw forbidden('core.identity.errors.passwordChangeRequired');
    }
    if (this.reflector.getAllAndOverride<boolean>(AUTHENTICATED_OPERATION, targets)) return true;
    const permissions = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_PERMISSIONS, targets);
    if (!permissions?.length) return this.deny(operation, 'no permission declared');
    if (!hasPermissions(actor, permissions)) return this.deny(operation, `missing ${permissions.join(', ')}`);
    return true;
  }

  private async deny(operation: string, reason: string): Promise<never> {
    await this.onDenied?.(operation, reason).catch(() => undefined);
    throw forbidden('core.errors.forbidden');
  }
}

/**
 * What the guard checks: a root GraphQL operation (`Query.households`) or a controller route
 * (`GET /api/registry/files/:id`); null for GraphQL field resolvers, which inherit their parent's check.
 */
function operationName(context: ExecutionContext): string | null {
  const type = context.getType<string>();
  if (type === 'graphql') {
    const info = GqlExecutionContext.create(context).getInfo<{ parentType: { name: string }; fieldName: string }>();
    return ['Query', 'Mutation', 'Subscription'].includes(info.parentType.name) ? `${info.parentType.name}.${info.fieldName}` : null;
  }
  if (type === 'http') {
    const req = context.switchToHttp().getRequest<{ method?: string; route?: { path?: string }; path?: string }>();
    return `${req.method ?? 'GET'} ${req.route?.path ?? req.path ?? context.getClass().name + '.' + context.getHandler().name}`;
  }
  // no other transport is served: refuse rather than guess
  return `${type} ${context.getClass().name}.${context.getHandler().name}`;
}
