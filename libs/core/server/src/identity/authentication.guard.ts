import { type ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { RequestContext } from '../context/request-context';
import type { ActorWithFlags } from './actor.service';
import { AuthenticationFailed } from './access-token.strategy';

type Context = NonNullable<ReturnType<typeof RequestContext.current>> & { authError?: string; authentication?: Promise<unknown> };

/** Told of each REST call answered 401 (the route's own check refused it for want of a valid sign-in). */
export type HttpRefusalListener = (refusal: { operation: string; reason: string; ip: string | null; requestId: string }) => Promise<void>;

/**
 * Runs the access-token strategy once per request and records the outcome in the request context:
 * the actor, or why authentication failed. It never refuses by itself: the permission guard decides,
 * so public operations (login) stay reachable with an expired token.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('access-token') {
  private onHttpRefusal?: HttpRefusalListener;

  /** The audit trail registers here to record refused REST calls. */
  setHttpRefusalListener(listener: HttpRefusalListener): void {
    this.onHttpRefusal = listener;
  }

  override getRequest(context: ExecutionContext) {
    return context.getType<string>() === 'graphql' ? GqlExecutionContext.create(context).getContext().req : context.switchToHttp().getRequest();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const store = RequestContext.current() as Context | undefined;
    const req = this.getRequest(context);
    if (store && context.getType<string>() === 'http') this.watchHttpRefusal(store, req, context.switchToHttp().getResponse<Response>());
    if (!store || !req?.headers?.authorization) return true;
    // root fields of one request resolve concurrently: they all wait for the same single check
    store.authentication ??= Promise.resolve(super.canActivate(context)).catch(() => undefined); // failures are recorded in handleRequest
    await store.authentication;
    return true;
  }

  /** REST routes check access themselves (or in their own guard): whatever answers 401 is a refusal to audit. */
  private watchHttpRefusal(store: Context, req: Request, res: Response): void {
    const listener = this.onHttpRefusal;
    if (!listener || typeof res?.once !== 'function') return;
    res.once('finish', () => {
      if (res.statusCode !== 401) return;
      const reason = store.authError?.split('.').pop() ?? (req.headers.authorization ? 'invalidToken' : 'missingToken');
      void listener({ operation: `${req.method} ${req.path}`, reason, ip: store.ip, requestId: store.requestId }).catch(() => undefined);
    });
  }

  override handleRequest<T>(error: unknown, actor: T, info: unknown): T {
    const store = RequestContext.current() as Context | undefined;
    if (store && actor) store.actor = actor as unknown as ActorWithFlags;
    else if (store) store.authError = error instanceof AuthenticationFailed ? error.messageKey : info instanceof Error && info.name === 'TokenExpiredError' ? 'core.identity.errors.tokenExpired' : 'core.identity.errors.invalidToken';
    return actor;
  }
}
