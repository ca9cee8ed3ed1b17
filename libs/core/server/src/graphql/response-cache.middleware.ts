import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { RequestContext } from '../context/request-context';
import type { ActorService, ActorWithFlags } from '../identity/actor.service';
import type { TokenService } from '../identity/token.service';
import type { ResponseCache, ResponseCacheTicket } from './response-cache.service';

export const RESPONSE_CACHE_HEADER = 'x-response-cache';

export type CacheAwareStore = NonNullable<ReturnType<typeof RequestContext.current>> & { authentication?: Promise<unknown>; responseCache?: ResponseCacheTicket };

/**
 * The front of the response cache, before GraphQL: authenticates a signed-in POST /graphql once (token, then
 * session, user, roles, areas and the data version in one statement, exactly what the authentication guard
 * would do, which then reuses it) and, when an answer for the same caller, language, document and variables
 * was stored under the current data version, sends it as stored. Anything else goes on to GraphQL with the
 * key in the request context: `ResponseCachePlugin` stores the answer when the operation is cacheable. Only
 * JSON POSTs (which pass GraphQL's CSRF check) with a query text and nothing else are looked up; a refused
 * session is left to the guard, which reports it as usual.
 */
export function responseCacheMiddleware(cache: ResponseCache, tokens: TokenService, actors: ActorService): RequestHandler {
  return (req, res, next) => {
    const store = RequestContext.current() as CacheAwareStore | undefined;
    const body = req.body as { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown } | undefined;
    const bearer = req.headers.authorization;
    if (
      !cache.usable ||
      !store ||
      store.authentication ||
      req.method !== 'POST' ||
      !req.is('application/json') ||
      !body ||
      typeof body !== 'object' ||
      Array.isArray(body) ||
      typeof body.query !== 'string' ||
      body.extensions !== undefined ||
      // GraphQL answers such a client in application/json too (it would choose graphql-response+json if accepted)
      (req.headers.accept !== undefined && (!/application\/json|\*\/\*/.test(req.headers.accept) || req.headers.accept.includes('application/graphql-response+json'))) ||
      typeof bearer !== 'string' ||
      !bearer.startsWith('Bearer ')
    ) {
      return next();
    }
    const claims = tokens.verifyAccess(bearer.slice(7));
    if (!claims?.sid) return next();
    const epoch = cache.epoch;
    actors.forSession(claims.sid).then(
      (found) => {
        if (found.status !== 'ACTIVE') return next();
        store.actor = found.actor;
        store.authentication = Promise.resolve();
        const key = createHash('sha256')
          .update(JSON.stringify([fingerprint(found.actor), store.lang, body.query, body.operationName ?? null, body.variables ?? null]))
          .digest('base64');
        const stored = cache.get(key, found.dataVersion, epoch);
        if (stored === undefined) {
          store.responseCache = { key, dataVersion: found.dataVersion, epoch };
          return next();
        }
        res.status(200).set({ 'content-type': 'application/json; charset=utf-8', 'content-length': String(stored.length), [RESPONSE_CACHE_HEADER]: 'HIT' }).end(stored);
      },
      // the guard runs the same statement again and answers as it always does
      () => next(),
    );
  };
}

/** Everything about the caller that an answer can depend on. */
function fingerprint(actor: ActorWithFlags): unknown[] {
  return [
    actor.userId,
    actor.roles,
    [...actor.permissions].sort(),
    actor.areaPaths ? [...actor.areaPaths].sort() : null,
    actor.mustChangePassword,
    actor.twoFactorEnabled,
    actor.twoFactorRequired,
  ];
}
