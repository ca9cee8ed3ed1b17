import { type ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import { RequestContext } from '../context/request-context';
import type { ActorWithFlags } from './actor.service';
import { AuthenticationFailed } from './access-token.strategy';

type Context = NonNullable<ReturnType<typeof RequestContext.current>> & { authError?: string; authentication?: Promise<unknown> };

/**
 * Runs the access-token strategy once per request and records the outcome in the request context:
 * the actor, or why authentication failed. It never refuses by itself: the permission guard decides,
 * so public operations (login) stay reachable with an expired token.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('access-token') {
  override getRequest(context: ExecutionContext) {
    return context.getType<string>() === 'graphql' ? GqlExecutionContext.create(context).getContext().req : context.switchToHttp().getRequest();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const store = RequestContext.current() as Context | undefined;
    const req = this.getRequest(context);
    if (!store || !req?.headers?.authorization) return true;
    // root fields of one request resolve concurrently: they all wait for the same single check
    store.authentication ??= Promise.resolve(super.canActivate(context)).catch(() => undefined); // failures are recorded in handleRequest
    await store.authentication;
    return true;
  }

  override handleRequest<T>(error: unknown, actor: T, info: unknown): T {
    const store = RequestContext.current() as Context | undefined;
    if (store && actor) store.actor = actor as unknown as ActorWithFlags;
    else if (store) store.authError = error instanceof AuthenticationFailed ? error.messageKey : info instanceof Error && info.name === 'TokenExpiredError' ? 'core.identity.errors.tokenExpired' : 'core.identity.errors.invalidToken';
    return actor;
  }
}
