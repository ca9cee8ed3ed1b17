import { EnvironmentInjector, NgZone } from '@angular/core';
import { ApolloLink, HttpLink, InMemoryCache } from '@apollo/client/core';
import { SetContextLink } from '@apollo/client/link/context';
import { Apollo } from 'apollo-angular';
import { createAuthLink } from '../auth/auth.link';
import { LanguageService } from '../i18n/language.service';
import { GRAPHQL_URI } from './graphql-client';

/**
 * Apollo client talking to the CoreMIS API. Every request carries `x-lang` so the server answers
 * (names, error messages) in the interface language, and the signed-in user's access token.
 * Queries always go to the network: names depend on the language and other users edit the same data.
 */
export function createGraphqlClient(injector: EnvironmentInjector): Apollo {
  const language = injector.get(LanguageService);
  const languageHeader = new SetContextLink((context) => ({
    headers: { ...context['headers'], 'x-lang': language.current() },
  }));
  return new Apollo(injector.get(NgZone), {
    link: ApolloLink.from([languageHeader, createAuthLink(injector), new HttpLink({ uri: injector.get(GRAPHQL_URI) })]),
    cache: new InMemoryCache(),
    defaultOptions: {
      query: { fetchPolicy: 'network-only' },
      watchQuery: { fetchPolicy: 'network-only' },
    },
  });
}
