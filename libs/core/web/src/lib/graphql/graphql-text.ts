import type { GraphQLFormattedError } from 'graphql';

/**
 * An operation as text, typed with its result and variables. The sign-in steps send such texts with
 * `fetch`, so that the first page loads without the GraphQL client (Apollo and the GraphQL parser are
 * loaded with the signed-in application).
 */
export type GraphqlText<Result, Variables> = string & { readonly __result?: Result; readonly __variables?: Variables };

/** Joins an operation and its fragments (`gql<Result, Variables>` as with Apollo, for the codegen). */
export function gql<Result = unknown, Variables = Record<string, never>>(strings: TemplateStringsArray, ...fragments: string[]): GraphqlText<Result, Variables> {
  return strings.reduce((text, part, i) => text + part + (fragments[i] ?? ''), '') as GraphqlText<Result, Variables>;
}

/** The API answered with errors (GraphQL errors, or an HTTP error with or without them). */
export class GraphqlRequestError extends Error {
  constructor(
    readonly errors: readonly GraphQLFormattedError[],
    readonly statusCode: number,
    /** The answer was not the JSON of a GraphQL response. */
    readonly unreadable = false,
  ) {
    super(errors.map((e) => e.message).join(' ') || `HTTP ${statusCode}`);
    this.name = 'GraphqlRequestError';
  }
}

/** One operation over `fetch`: its data, or a GraphqlRequestError (a TypeError when the network failed). */
export async function sendGraphql<Result, Variables>(uri: string, text: GraphqlText<Result, Variables>, variables: Variables, headers: Record<string, string>): Promise<Result> {
  const response = await fetch(uri, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query: text, variables }),
  });
  let body: { data?: Result | null; errors?: GraphQLFormattedError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GraphqlRequestError([], response.status, true);
  }
  if (body.errors?.length) throw new GraphqlRequestError(body.errors, response.status);
  if (!response.ok || body.data == null) throw new GraphqlRequestError([], response.status, response.ok);
  return body.data;
}
