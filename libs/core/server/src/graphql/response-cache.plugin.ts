import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { type DocumentNode, Kind, type OperationDefinitionNode } from 'graphql';
import { RequestContext } from '../context/request-context';
import { ActorService, type ActorWithFlags } from '../identity/actor.service';
import { TokenService } from '../identity/token.service';
import { isCacheableRootField } from './cacheable-query.decorator';
import { ResponseCache } from './response-cache.service';

export const RESPONSE_CACHE_HEADER = 'x-response-cache';

type Store = NonNullable<ReturnType<typeof RequestContext.current>> & { authentication?: Promise<unknown> };

/**
 * Serves `@CacheableQuery` operations from the response cache. Authentication runs first, exactly
 * as for any request (token, then the session, user, roles and areas in one statement), so a revoked
 * session, a disabled user or a changed role or area is never answered from the cache: the key holds
 * everything about the caller that a page can depend on. Only complete answers without errors are
 * stored. A mutation makes every entry stale when it finishes (its commit's notification may come a
 * moment later).
 */
@Plugin()
export class ResponseCachePlugin implements ApolloServerPlugin {
  private readonly cacheableDocuments = new WeakMap<DocumentNode, Map<string, boolean>>();

  constructor(
    private readonly cache: ResponseCache,
    private readonly tokens: TokenService,
    private readonly actors: ActorService,
  ) {}

  async requestDidStart(): Promise<GraphQLRequestListener<BaseContext>> {
    const cache = this.cache;
    let key: string | null = null;
    let dataVersion = '';
    let epoch = 0;
    let hit = false;
    return {
      didResolveOperation: async ({ request, document, operation, source }) => {
        if (!cache.usable || !this.cacheable(document, operation, request.operationName)) return;
        const store = RequestContext.current() as Store | undefined;
        const bearer = request.http?.headers.get('authorization');
        if (!store || !bearer?.startsWith('Bearer ') || store.authentication) return;
        const claims = this.tokens.verifyAccess(bearer.slice(7));
        if (!claims?.sid) return;
        epoch = cache.epoch;
        const found = await this.actors.forSession(claims.sid);
        // any refusal is left to the authentication guard, which reports it as usual
        if (found.status !== 'ACTIVE') return;
        store.actor = found.actor;
        store.authentication = Promise.resolve();
        dataVersion = found.dataVersion;
        key = createHash('sha256')
          .update(JSON.stringify([fingerprint(found.actor), store.lang, source, request.operationName ?? null, request.variables ?? null]))
          .digest('base64');
      },
      responseForOperation: async () => {
        if (!key) return null;
        const data = cache.get(key, dataVersion, epoch);
        if (data === undefined) {
          cache.stats.misses++;
          return null;
        }
        hit = true;
        return { http: { status: undefined, headers: new HeaderMap([[RESPONSE_CACHE_HEADER, 'HIT']]) }, body: { kind: 'single', singleResult: { data: data as Record<string, unknown> } } };
      },
      willSendResponse: async ({ operation, response }) => {
        if (operation?.operation === 'mutation') cache.invalidate();
        if (!key || hit || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        response.http.headers.set(RESPONSE_CACHE_HEADER, 'MISS');
        if (result.errors?.length || !result.data) return;
        cache.set(key, dataVersion, epoch, result.data, JSON.stringify(result.data).length);
      },
    };
  }

  /** Whether every root field of the operation is marked `@CacheableQuery` (kept per parsed document). */
  private cacheable(document: DocumentNode, operation: OperationDefinitionNode | null | undefined, name: string | null | undefined): boolean {
    if (!operation || operation.operation !== 'query') return false;
    let byOperation = this.cacheableDocuments.get(document);
    if (!byOperation) this.cacheableDocuments.set(document, (byOperation = new Map()));
    let answer = byOperation.get(name ?? '');
    if (answer === undefined) {
      const fields = operation.selectionSet.selections;
      answer =
        fields.length > 0 &&
        fields.every((s) => s.kind === Kind.FIELD && (s.name.value === '__typename' || isCacheableRootField(s.name.value))) &&
        fields.some((s) => s.kind === Kind.FIELD && s.name.value !== '__typename');
      byOperation.set(name ?? '', answer);
    }
    return answer;
  }
}

/** Everything about the caller that an answer can depend on. */
function fingerprint(actor: ActorWithFlags): unknown[] {
  return [
    actor.userId,
    actor.roles,
    [...actor.permissions].sort(),
    actor.areaPaths ? [...actor.areaPaths].sort() : null,
    actor.isActive,
    actor.mustChangePassword,
    actor.twoFactorEnabled,
    actor.twoFactorRequired,
  ];
}
