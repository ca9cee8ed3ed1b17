import { EnvironmentInjector, inject } from '@angular/core';
import { CanMatchFn } from '@angular/router';
import { GraphqlClientLoader } from '../graphql/graphql-client';

/**
 * Lets a feature's routes match only when the API reports its module as enabled. When the API
 * cannot be reached the routes still match, so the feature page can explain the network problem.
 * The service (and its GraphQL document) loads with the first feature route, not with the sign-in page.
 */
export function moduleEnabled(key: string): CanMatchFn {
  return () => {
    const injector = inject(EnvironmentInjector);
    return Promise.all([import('./enabled-modules.service'), injector.get(GraphqlClientLoader).load()])
      .then(([m]) => injector.get(m.EnabledModulesService).load())
      .then((modules) => modules.some((m) => m.key === key))
      .catch(() => true);
  };
}
