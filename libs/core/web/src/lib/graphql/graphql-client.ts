import { EnvironmentInjector, inject, Injectable, InjectionToken } from '@angular/core';
import type { CanMatchFn } from '@angular/router';
import type { Apollo } from 'apollo-angular';

/** Where the API answers GraphQL. */
export const GRAPHQL_URI = new InjectionToken<string>('GRAPHQL_URI', { providedIn: 'root', factory: () => '/graphql' });

/**
 * The Apollo client, loaded with the signed-in application rather than with the sign-in page (Apollo
 * and the GraphQL parser are a third of the first load's script). The routes that use it wait for
 * `graphqlReady`; services then `inject(GRAPHQL)` as they would inject Apollo.
 */
@Injectable({ providedIn: 'root' })
export class GraphqlClientLoader {
  private readonly injector = inject(EnvironmentInjector);
  private client: Apollo | null = null;
  private loading: Promise<Apollo> | null = null;

  /** The client once loaded (null before: nothing to clear then). */
  get current(): Apollo | null {
    return this.client;
  }

  load(): Promise<Apollo> {
    this.loading ??= import('./graphql-client.factory')
      .then((m) => (this.client = m.createGraphqlClient(this.injector)))
      .catch((error: unknown) => {
        this.loading = null; // a failed download is tried again on the next navigation
        throw error;
      });
    return this.loading;
  }
}

export const GRAPHQL = new InjectionToken<Apollo>('GRAPHQL', {
  providedIn: 'root',
  factory: () => {
    const client = inject(GraphqlClientLoader).current;
    if (!client) throw new Error('The GraphQL client is used before it is loaded: the route needs the graphqlReady guard.');
    return client;
  },
});

/** Route guard: the GraphQL client is loaded before the route's pages and guards use it. */
export const graphqlReady: CanMatchFn = () =>
  inject(GraphqlClientLoader)
    .load()
    .then(() => true);
