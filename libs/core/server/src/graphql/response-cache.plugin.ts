import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { type DocumentNode, Kind, type OperationDefinitionNode } from 'graphql';
import { RequestContext } from '../context/request-context';
import { isCacheableRootField } from './cacheable-query.decorator';
import { type CacheAwareStore, RESPONSE_CACHE_HEADER } from './response-cache.middleware';
import { ResponseCache } from './response-cache.service';

/**
 * Stores the answers of `@CacheableQuery` operations under the key `responseCacheMiddleware` made for the
 * request (only complete answers without errors), and makes every entry stale when a mutation ends (its
 * commit's notification may come a moment later).
 */
@Plugin()
export class ResponseCachePlugin implements ApolloServerPlugin {
  private readonly cacheableDocuments = new WeakMap<DocumentNode, Map<string, boolean>>();

  constructor(private readonly cache: ResponseCache) {}

  async requestDidStart(): Promise<GraphQLRequestListener<BaseContext>> {
    const cache = this.cache;
    const ticket = (RequestContext.current() as CacheAwareStore | undefined)?.responseCache;
    let cacheable = false;
    return {
      didResolveOperation: async ({ request, document, operation }) => {
        cacheable = Boolean(ticket) && this.cacheable(document, operation, request.operationName);
      },
      willSendResponse: async ({ operation, response }) => {
        if (operation?.operation === 'mutation') cache.invalidate();
        if (!cacheable || !ticket || response.body.kind !== 'single') return;
        response.http.headers.set(RESPONSE_CACHE_HEADER, 'MISS');
        const result = response.body.singleResult;
        if (result.errors?.length || !result.data || result.extensions) return;
        // the text Apollo sends for a single result
        cache.set(ticket.key, ticket.dataVersion, ticket.epoch, `${JSON.stringify({ data: result.data })}\n`);
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
        fields.every((s) => s.kind === Kind.FIELD && (s.name.value === '__typename' || isCacheableRootField(s.name.value))) &&
        fields.some((s) => s.kind === Kind.FIELD && s.name.value !== '__typename');
      byOperation.set(name ?? '', answer);
    }
    return answer;
  }
}
