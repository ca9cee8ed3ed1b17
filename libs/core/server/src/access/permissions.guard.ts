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
 * Global guard for GraphQL operations, after authentication has put the actor in the request
 * context. An operation without a declared permission is refused: forgetting fails closed.
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
    if (context.getType<string>() !== 'graphql') return true;
    const info = GqlExecutionContext.create(context).getInfo<{ parentType: { name: string }; fieldName: string }>();
    // only root operations are guarded; field resolvers inherit their parent's check
    if (!['Query', 'Mutation', 'Subscription'].includes(info.parentType.name)) return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_OPERATION, targets)) return true;
    const operation = `${info.parentType.name}.${info.fieldName}`;
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
