import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLObjectType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { isUnstorableText } from './unstorable-text';

/** What depends on a query text (and its operation and variables) alone, kept with Apollo's parsed document. */
interface DocumentAnalysis {
  depth: number;
  badLiteral: boolean;
  /** costly root fields by operation name */
  costly: Map<string, string[]>;
  /** cost by operation name and variables (bounded: cleared when full) */
  complexity: Map<string, number>;
}
const MAX_CACHED_COSTS_PER_DOCUMENT = 256;
const MAX_CACHED_VARIABLES_LENGTH = 2048;

/** Field extension set by `@CostlyOperation()`: the field is a full scan, at most one per request. */
export const COSTLY_OPERATION_EXTENSION = 'costlyOperation';

/** A client mistake found before execution: HTTP 400, as GraphQL-over-HTTP asks for a request that cannot run. */
const refuse = (message: string, code: string, args: Record<string, unknown> = {}) => new GraphQLError(message, { extensions: { code, args, http: { status: 400 } } });

/**
 * Refuses, before anything executes: strings PostgreSQL or JSON cannot store (NUL bytes, lone
 * surrogates) in variables or in the query text; queries nested deeper than `maxDepth`; queries
 * costlier than `maxComplexity` (list pages cost their page size times their content); and more than
 * one costly operation (full scans) in one request.
 */
export function queryLimitsPlugin(maxDepth: number, maxComplexity: number): ApolloServerPlugin {
  // Apollo keeps one parsed document per distinct query text: what depends on the text alone is computed once
  const analyses = new WeakMap<DocumentNode, DocumentAnalysis>();
  const listeners: GraphQLRequestListener<BaseContext> = {
    async didResolveOperation({ request, document, schema, operation }) {
      let analysis = analyses.get(document);
      if (!analysis) {
        analysis = { depth: documentDepth(document), badLiteral: hasUnstorableLiteral(document), costly: new Map(), complexity: new Map() };
        analyses.set(document, analysis);
      }
      if (analysis.badLiteral || hasUnstorableString(request.variables)) {
        throw refuse('A string contains a NUL byte or an unpaired surrogate', 'UNSTORABLE_STRING');
      }
      if (analysis.depth > maxDepth) throw refuse(`Query depth ${analysis.depth} exceeds ${maxDepth}`, 'GRAPHQL_DEPTH', { depth: analysis.depth, max: maxDepth });
      const operationKey = request.operationName ?? '';
      let costly = analysis.costly.get(operationKey);
      if (!costly) analysis.costly.set(operationKey, (costly = costlyFields(schema, document, operation)));
      if (costly.length > 1) throw refuse(`At most one costly operation per request (${costly.join(', ')})`, 'COSTLY_OPERATIONS', { fields: [...new Set(costly)].join(', ') });
      // the cost is a function of the document, the operation and the variables alone (the schema does not
      // change while the server runs): a page asked again with the same variables is priced once
      const variablesKey = request.variables && Object.keys(request.variables).length ? JSON.stringify(request.variables) : '';
      const complexityKey = variablesKey.length <= MAX_CACHED_VARIABLES_LENGTH ? `${operationKey}\u0000${variablesKey}` : null;
      let complexity = complexityKey === null ? undefined : analysis.complexity.get(complexityKey);
      if (complexity === undefined) {
        try {
          complexity = queryComplexity(schema, document, request.variables, request.operationName);
        } catch (error) {
          // computing the cost coerces variables first: a bad variable is the client's mistake
          throw refuse((error as Error).message, 'BAD_USER_INPUT');
        }
        if (complexityKey !== null) {
          if (analysis.complexity.size >= MAX_CACHED_COSTS_PER_DOCUMENT) analysis.complexity.clear();
          analysis.complexity.set(complexityKey, complexity);
        }
      }
      if (complexity > maxComplexity) throw refuse(`Query complexity ${complexity} exceeds ${maxComplexity}`, 'GRAPHQL_COMPLEXITY', { complexity, max: maxComplexity });
    },
  };
  return {
    async requestDidStart() {
      return listeners;
    },
  };
}

/**
 * A list page costs its page size times the cost of one item: `households(first: 200) { members { id } }`
 * costs 1 + 200 × (cost of edges, node, members...). The size is the `first` (or `last`) argument,
 * whose default applies when the query leaves it out.
 */
export const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : undefined;
  if (size === undefined) return undefined;
  return 1 + childComplexity * Math.max(size, 0);
};

export function queryComplexity(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown>, operationName?: string | null): number {
  return getComplexity({
    schema,
    operationName: operationName ?? undefined,
    query: document,
    variables: variables ?? undefined,
    estimators: [fieldExtensionsEstimator(), pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/** Whether a value holds a string (or an object key) with a NUL byte or an unpaired UTF-16 surrogate. */
export function hasUnstorableString(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return isUnstorableText(value);
  if (value === null || typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) return value.some((v) => hasUnstorableString(v, depth + 1));
  for (const [key, v] of Object.entries(value)) if (isUnstorableText(key) || hasUnstorableString(v, depth + 1)) return true;
  return false;
}

function hasUnstorableLiteral(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (isUnstorableText(node.value)) found = true;
    },
  });
  return found;
}

/** Root fields of the operation marked `@CostlyOperation()`, once per occurrence (aliases included). */
export function costlyFields(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode | undefined): string[] {
  if (!operation) return [];
  const root: GraphQLObjectType | null | undefined =
    operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return [];
  const fields = root.getFields();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const found: string[] = [];
  const walk = (set: SelectionSetNode, seen: Set<string>): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (fields[sel.name.value]?.extensions?.[COSTLY_OPERATION_EXTENSION]) found.push(sel.name.value);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, seen);
      } else if (!seen.has(sel.name.value)) {
        const fragment = fragments.get(sel.name.value);
        if (fragment) walk(fragment.selectionSet, new Set([...seen, sel.name.value]));
      }
    }
  };
  walk(operation.selectionSet, new Set());
  return found;
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
