import { Injector } from '@angular/core';
import { ApolloLink } from '@apollo/client/core';
import type { GraphQLFormattedError } from 'graphql';
import { defer, Observable, of, switchMap } from 'rxjs';
import { AuthService } from './auth.service';

function isUnauthenticated(errors: readonly GraphQLFormattedError[] | undefined): boolean {
  return !!errors?.some((error) => error.extensions?.['code'] === 'UNAUTHENTICATED');
}

/**
 * Sends the access token with every operation (except the sign-in steps, marked `anonymous` in
 * their context). When the API answers UNAUTHENTICATED (token expired or revoked), asks the
 * AuthService for a new token, which refreshes the session once for all waiting requests, and
 * retries the operation once; when the session is over, the AuthService goes to the sign-in page.
 */
export function createAuthLink(injector: Injector): ApolloLink {
  // resolved on first use: AuthService itself needs the Apollo client this link belongs to
  let auth: AuthService | undefined;
  const service = () => (auth ??= injector.get(AuthService));

  return new ApolloLink((operation, forward) => {
    if (operation.getContext()['anonymous']) return forward(operation);

    const send = (token: string | null): Observable<ApolloLink.Result> => {
      operation.setContext(({ headers }: { headers?: Record<string, string> }) => {
        const next: Record<string, string> = { ...headers };
        if (token) next['authorization'] = `Bearer ${token}`;
        else delete next['authorization'];
        return { headers: next };
      });
      return forward(operation);
    };

    return defer(() => service().accessTokenForRequest()).pipe(
      switchMap((token) =>
        send(token).pipe(
          switchMap((result) => {
            if (!isUnauthenticated(result.errors)) return of(result);
            return defer(() => service().recoverAccess(token)).pipe(
              switchMap((retryToken) => (retryToken && retryToken !== token ? send(retryToken) : of(result))),
            );
          }),
        ),
      ),
    );
  });
}
