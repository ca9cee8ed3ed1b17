import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * The columns a list page of an entity reads when the client asks for nothing else (docs/read-path.md, rule 6).
 * `columns` are entity property names and must hold `id` and every column the page's cursor and
 * filters read back from the entity; `fields` are the GraphQL fields of the type that are not columns
 * (field resolvers) with the properties each reads from its parent. A field in neither list means
 * "read every column": a field resolver someone adds later without declaring what it reads stays correct.
 */
export interface ReadSummary {
  readonly name: string;
  readonly columns: readonly string[];
  readonly fields?: Readonly<Record<string, readonly string[]>>;
}

const answers = new WeakMap<readonly FieldNode[], Map<string, readonly string[] | null>>();

/**
 * `summary.columns` when every field the request selects on the entity (at `path` below the resolved
 * field, e.g. `['edges', 'node']` for a connection) is one of the summary's columns or fields, otherwise
 * `undefined` (every column). Fragments, inline fragments and aliases count; `@skip`/`@include` are
 * ignored (a superset is safe). Computed once per field occurrence: graphql-js hands every item of a
 * list the same `fieldNodes`.
 */
export function summaryColumns(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'> | undefined, summary: ReadSummary, path: readonly string[] = []): readonly string[] | undefined {
  if (!info) return undefined;
  let byKey = answers.get(info.fieldNodes);
  if (!byKey) answers.set(info.fieldNodes, (byKey = new Map()));
  const key = `${summary.name}\u0000${path.join('.')}`;
  let answer = byKey.get(key);
  if (answer === undefined) {
    const names = new Set<string>();
    for (const node of info.fieldNodes) if (node.selectionSet) collect(node.selectionSet, path, info.fragments, names, new Set());
    const known = new Set([...summary.columns, ...Object.keys(summary.fields ?? {}), '__typename']);
    answer = [...names].every((n) => known.has(n)) ? summary.columns : null;
    byKey.set(key, answer);
  }
  return answer ?? undefined;
}

function collect(set: SelectionSetNode, path: readonly string[], fragments: GraphQLResolveInfo['fragments'], names: Set<string>, seen: Set<string>): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!path.length) names.add(selection.name.value);
      else if (selection.name.value === path[0] && selection.selectionSet) collect(selection.selectionSet, path.slice(1), fragments, names, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(selection.selectionSet, path, fragments, names, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments[selection.name.value];
      if (fragment) collect(fragment.selectionSet, path, fragments, names, seen);
    }
  }
}

/** Narrows a query builder's selection of `alias` to `columns` (property names); `undefined` keeps every column. */
export function selectColumns<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, columns: readonly string[] | undefined): SelectQueryBuilder<T> {
  return columns ? query.select(columns.map((c) => `${alias}.${c}`)) : query;
}

/** A DataLoader name per selection, so a loader that read the summary columns never answers a request for more. */
export function loaderName(base: string, columns: readonly string[] | undefined): string {
  return columns ? `${base}#summary` : base;
}
