import { type ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import { RequestContext } from '../context/request-context';
import type { ActorWithFlags } from './actor.service';
import { AuthenticationFailed } from './access-token.strategy';

type Context = NonNullable<ReturnType<typeof RequestContext.current>> & { authError?: string; authentication?: Promise<unknown> };

/** Told of each REST call answered 401 (the route's own check refused it for want of a valid sign-in). */
export type HttpRefusalListener = (refusal: { operation: string; reason: string; ip: string | null; requestId: string }) => Promise<void>;

interface HttpExchange {
  req: { method: string; path?: string; originalUrl?: string; headers: Record<string, unknown> };
  res: { statusCode: number; once(event: 'finish', listener: () => void): unknown };
}

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
    if (store && context.getType<string>() === 'http') this.watchHttpRefusal(store, context.switchToHttp() as unknown as { getRequest(): HttpExchange['req']; getResponse(): HttpExchange['res'] });
    if (!store || !req?.headers?.authorization) return true;
    // root fields of one request resolve concurrently: they all wait for the same single check
    store.authentication ??= Promise.resolve(super.canActivate(context)).catch(() => undefined); // failures are recorded in handleRequest
    await store.authentication;
    return true;
  }

  private watchHttpRefusal(store: Context, http: { getRequest(): HttpExchange['req']; getResponse(): HttpExchange['res'] }): void {
    const listener = this.onHttpRefusal;
    const res = http.getResponse();
    const req = http.getRequest();
    if (!listener || typeof res?.once !== 'function') return;
    res.once('finish', () => {
      if (res.statusCode !== 401) return;
      const reason = store.authError?.split('.').pop() ?? (req.headers.authorization ? 'invalidToken' : 'missingToken');
      void listener({ operation: `${req.method} ${req.path ?? req.originalUrl ?? ''}`, reason, ip: store.ip, requestId: store.requestId }).catch(() => undefined);
    });
  }

  override handleRequest<T>(error: unknown, actor: T, info: unknown): T {
    const store = RequestContext.current() as Context | undefined;
    if (store && actor) store.actor = actor as unknown as ActorWithFlags;
    else if (store) store.authError = error instanceof AuthenticationFailed ? error.messageKey : info instanceof Error && info.name === 'TokenExpiredError' ? 'core.identity.errors.tokenExpired' : 'core.identity.errors.invalidToken';
    return actor;
  }
}
