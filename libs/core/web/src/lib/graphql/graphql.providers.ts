import { inject, Injector, Provider } from '@angular/core';
import { ApolloLink, HttpLink, InMemoryCache } from '@apollo/client/core';
import { SetContextLink } from '@apollo/client/link/context';
import { provideApollo } from 'apollo-angular';
import { createAuthLink } from '../auth/auth.link';
import { LanguageService } from '../i18n/language.service';

export const GRAPHQL_PATH = '/graphql';

/**
 * Apollo client talking to the CoreMIS API. Every request carries `x-lang` so the server answers
 * (names, error messages) in the interface language, and the signed-in user's access token.
 * Queries always go to the network: names depend on the language and other users edit the same data.
 */
export function provideGraphql(uri: string = GRAPHQL_PATH): Provider {
  return provideApollo(() => {
    const language = inject(LanguageService);
    const languageHeader = new SetContextLink((context) => ({
      headers: { ...context['headers'], 'x-lang': language.current() },
    }));
    return {
      link: ApolloLink.from([languageHeader, createAuthLink(inject(Injector)), new HttpLink({ uri })]),
      cache: new InMemoryCache(),
      defaultOptions: {
        query: { fetchPolicy: 'network-only' },
        watchQuery: { fetchPolicy: 'network-only' },
      },
    };
  });
}
