import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError, type DocumentNode, Kind, type SelectionSetNode, type FragmentDefinitionNode } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Refuses queries nested deeper than `maxDepth` or costlier than `maxComplexity` before they execute. */
export function queryLimitsPlugin(maxDepth: number, maxComplexity: number): ApolloServerPlugin {
  // Apollo keeps one parsed document per distinct query text: its depth is computed once
  const depths = new WeakMap<DocumentNode, number>();
  const listeners: GraphQLRequestListener<BaseContext> = {
    async didResolveOperation({ request, document, schema }) {
      let depth = depths.get(document);
      if (depth === undefined) {
        depth = documentDepth(document);
        depths.set(document, depth);
      }
      if (depth > maxDepth) {
        throw new GraphQLError(`Query depth ${depth} exceeds ${maxDepth}`, { extensions: { code: 'GRAPHQL_DEPTH', args: { depth, max: maxDepth } } });
      }
      let complexity: number;
      try {
        complexity = getComplexity({
          schema,
          operationName: request.operationName,
          query: document,
          variables: request.variables,
          estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
        });
      } catch (error) {
        // computing the cost coerces variables first: a bad variable is the client's mistake
        throw new GraphQLError((error as Error).message, { extensions: { code: 'BAD_USER_INPUT' } });
      }
      if (complexity > maxComplexity) {
        throw new GraphQLError(`Query complexity ${complexity} exceeds ${maxComplexity}`, {
          extensions: { code: 'GRAPHQL_COMPLEXITY', args: { complexity, max: maxComplexity } },
        });
      }
    },
  };
  return {
    async requestDidStart() {
      return listeners;
    },
  };
}

export function documentDepth(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === '__typename') continue;
        max = Math.max(max, sel.selectionSet ? 1 + depthOf(sel.selectionSet, seen) : 1);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, depthOf(sel.selectionSet, seen));
      } else if (!seen.has(sel.name.value)) {
        max = Math.max(max, depthOf(fragments.get(sel.name.value)?.selectionSet, new Set([...seen, sel.name.value])));
      }
    }
    return max;
  };
  let depth = 0;
  for (const def of document.definitions) if (def.kind === Kind.OPERATION_DEFINITION) depth = Math.max(depth, depthOf(def.selectionSet, new Set()));
  return depth;
}
