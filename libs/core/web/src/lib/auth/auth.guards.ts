import { inject } from '@angular/core';
import { CanActivateFn, Router, UrlTree } from '@angular/router';
import { AuthService, PermissionRequirement, SignInReason } from './auth.service';

export const LOGIN_PATH = '/login';
export const CHANGE_PASSWORD_PATH = '/change-password';
export const ACCESS_DENIED_PATH = '/access-denied';

/** Where to go after signing in: only paths of this application, never another site. */
export function safeReturnUrl(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith(LOGIN_PATH) ? value : '/';
}

function signInPage(router: Router, auth: AuthService, returnUrl: string): UrlTree {
  const reason: SignInReason | null = auth.consumeEndedNotice() ? 'session-ended' : null;
  return router.createUrlTree([LOGIN_PATH], {
    queryParams: { returnUrl: returnUrl === '/' ? null : returnUrl, reason },
  });
}

async function loaded(auth: AuthService): Promise<boolean> {
  try {
    return await auth.ensureLoaded();
  } catch {
    return false; // server unreachable: the sign-in page says so when the person tries
  }
}

/** The application's pages: for signed-in people who do not have to change their password first. */
export const signedIn: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (!(await loaded(auth))) return signInPage(router, auth, state.url);
  if (auth.mustChangePassword()) {
    return router.createUrlTree([CHANGE_PASSWORD_PATH], { queryParams: { returnUrl: state.url === '/' ? null : state.url } });
  }
  return true;
};

/** The sign-in page: someone already signed in goes to the application. */
export const signedOut: CanActivateFn = async (route) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (!(await loaded(auth))) return true;
  return router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')));
};

/** The forced password change: only for someone who must change their password. */
export const passwordChangeRequired: CanActivateFn = async (route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (!(await loaded(auth))) return signInPage(router, auth, state.url);
  if (!auth.mustChangePassword()) return router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')));
  return true;
};

/** Lets a route open only for people holding the permission (or one of them). */
export function hasPermission(requirement: PermissionRequirement): CanActivateFn {
  return async () => {
    const auth = inject(AuthService);
    const router = inject(Router);
    await loaded(auth);
    return auth.can(requirement) ? true : router.createUrlTree([ACCESS_DENIED_PATH]);
  };
}
