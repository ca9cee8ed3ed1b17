/** A page of a Relay connection, as the API returns it. */
export interface RelayConnection<T> {
  readonly totalCount: number;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly edges: readonly { readonly node: T }[];
}

/** A page of a list, flattened for the screen. */
export interface ListPage<T> {
  readonly rows: readonly T[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export function toListPage<T>(connection: RelayConnection<T>): ListPage<T> {
  return {
    rows: connection.edges.map((edge) => edge.node),
    totalCount: connection.totalCount,
    hasNextPage: connection.pageInfo.hasNextPage,
    endCursor: connection.pageInfo.endCursor,
  };
}
