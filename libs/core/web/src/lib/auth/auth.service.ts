import { computed, DOCUMENT, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { GraphqlClientLoader, GRAPHQL_URI } from '../graphql/graphql-client';
import { type GraphqlText, sendGraphql } from '../graphql/graphql-text';
import { toUserError } from '../graphql/user-error';
import { LanguageService } from '../i18n/language.service';
import {
  type AuthPayload,
  BEGIN_TWO_FACTOR_ENROLMENT_MUTATION,
  CHANGE_PASSWORD_MUTATION,
  COMPLETE_TWO_FACTOR_ENROLMENT_MUTATION,
  type CurrentUser,
  LOGIN_MUTATION,
  LOGOUT_MUTATION,
  ME_QUERY,
  MY_PERMISSIONS_QUERY,
  REFRESH_SESSION_MUTATION,
  type TwoFactorEnrolment,
  type TwoFactorEnrolmentResult,
  VERIFY_TWO_FACTOR_MUTATION,
} from './auth-operations.queries';

/** sessionStorage key of the tokens. */
export const SESSION_STORAGE_KEY = 'coremis.session';
/** Refresh the access token this long before it expires, so that requests do not fail on the way. */
const REFRESH_MARGIN_MS = 30_000;
/** Grants every permission. */
export const ALL_PERMISSIONS = '*';

/** How a sign-in or session operation is sent: without a token (the sign-in steps), or with the session's. */
type Sender = 'anonymous' | 'session';

interface StoredTokens {
  readonly accessToken: string;
  /** Epoch milliseconds by this device's clock. */
  readonly accessTokenExpiresAt: number;
  readonly refreshToken: string;
}

/** Why the sign-in page is shown; it tells the person. */
export type SignInReason = 'session-ended' | 'signed-out';

/** A permission code, several of which any one is enough, or none needed. */
export type PermissionRequirement = string | readonly string[] | null | undefined;

/**
 * The signed-in person: who they are, what they may do, and their tokens. The tokens live in
 * sessionStorage (they survive a reload, not the closing of the tab); the Apollo auth link asks
 * this service for the access token of each request and, when the API refuses it, for a new one.
 * Only one refresh runs at a time: the API ends a session whose refresh token is used twice.
 * Its own operations go over `fetch` (the sign-in page loads without the Apollo client).
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly graphqlUri = inject(GRAPHQL_URI);
  private readonly graphql = inject(GraphqlClientLoader);
  private readonly language = inject(LanguageService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  private tokens: StoredTokens | null = this.readTokens();
  private refreshing: Promise<string | null> | null = null;
  private loadingUser: Promise<boolean> | null = null;
  private signingOut = false;
  /** The session ended by itself (expiry, revocation): the next sign-in page says so. */
  private endedNotice = false;

  private readonly state = signal<{ user: CurrentUser | null; permissions: ReadonlySet<string> }>({
    user: null,
    permissions: new Set(),
  });

  readonly user = computed(() => this.state().user);
  readonly permissions = computed(() => this.state().permissions);
  readonly signedIn = computed(() => this.state().user !== null);
  readonly mustChangePassword = computed(() => this.state().user?.mustChangePassword ?? false);

  /** True when the person holds the permission, or one of them when given several. */
  can(requirement: PermissionRequirement): boolean {
    if (requirement == null) return true;
    const permissions = this.state().permissions;
    if (permissions.has(ALL_PERMISSIONS)) return true;
    const codes: readonly string[] = typeof requirement === 'string' ? [requirement] : requirement;
    return codes.length === 0 || codes.some((code) => permissions.has(code));
  }

  /** Whether tokens are stored, even if the user is not loaded yet. */
  hasSession(): boolean {
    return this.tokens !== null;
  }

  /**
   * Loads the user of a stored session (after a reload); true when someone is signed in. Throws when
   * the server cannot be reached: the session may still be valid.
   */
  ensureLoaded(): Promise<boolean> {
    if (this.state().user) return Promise.resolve(true);
    if (!this.tokens) return Promise.resolve(false);
    this.loadingUser ??= this.loadUser().finally(() => (this.loadingUser = null));
    return this.loadingUser;
  }

  /** Reloads the signed-in user, e.g. after setting up two-factor authentication. */
  async reloadUser(): Promise<void> {
    await this.loadUser();
  }

  /** Takes the notice that the session ended by itself; the sign-in page shows it once. */
  consumeEndedNotice(): boolean {
    const notice = this.endedNotice;
    this.endedNotice = false;
    return notice;
  }

  // ---- Sign-in steps -------------------------------------------------------------------------

  async login(username: string, password: string): Promise<AuthPayload> {
    const result = await this.send(LOGIN_MUTATION, { input: { username, password } }, 'anonymous');
    return this.afterSignInStep(result.login);
  }

  async verifyTwoFactor(challengeToken: string, answer: { code: string } | { recoveryCode: string }): Promise<AuthPayload> {
    const result = await this.send(VERIFY_TWO_FACTOR_MUTATION, { input: { challengeToken, ...answer } }, 'anonymous');
    return this.afterSignInStep(result.verifyTwoFactor);
  }

  /** Starts authenticator enrolment: with the challenge token of a sign-in, or for the signed-in user. */
  async beginTwoFactorEnrolment(challengeToken: string | null): Promise<TwoFactorEnrolment> {
    const result = await this.send(BEGIN_TWO_FACTOR_ENROLMENT_MUTATION, { challengeToken }, challengeToken ? 'anonymous' : 'session');
    return result.beginTwoFactorEnrolment;
  }

  /** Completes the enrolment; when it finishes a sign-in, the person is signed in afterwards. */
  async completeTwoFactorEnrolment(challengeToken: string | null, code: string): Promise<TwoFactorEnrolmentResult> {
    const result = await this.send(COMPLETE_TWO_FACTOR_ENROLMENT_MUTATION, { input: { challengeToken, code } }, challengeToken ? 'anonymous' : 'session');
    const outcome = result.completeTwoFactorEnrolment;
    if (outcome.auth) await this.afterSignInStep(outcome.auth);
    else await this.loadUser();
    return outcome;
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.send(CHANGE_PASSWORD_MUTATION, { input: { currentPassword, newPassword } }, 'session');
    await this.loadUser();
  }

  async logout(): Promise<void> {
    this.signingOut = true;
    try {
      if (this.tokens) await this.send(LOGOUT_MUTATION, {}, 'session').catch(() => undefined);
    } finally {
      this.signingOut = false;
      await this.clearLocalSession();
    }
    const reason: SignInReason = 'signed-out';
    await this.router.navigate(['/login'], { queryParams: { reason } });
  }

  // ---- Used by the Apollo auth link ----------------------------------------------------------

  /** The access token for a request, refreshed first when it is about to expire; null without a session. */
  async accessTokenForRequest(): Promise<string | null> {
    if (this.refreshing) return this.refreshing;
    const tokens = this.tokens;
    if (!tokens) return null;
    if (tokens.accessTokenExpiresAt - Date.now() > REFRESH_MARGIN_MS) return tokens.accessToken;
    return this.refresh();
  }

  /**
   * The API refused `usedToken` as not authenticated: a token to retry with (another request may
   * have refreshed it meanwhile), or null when the session is over.
   */
  async recoverAccess(usedToken: string | null): Promise<string | null> {
    if (this.refreshing) return this.refreshing;
    const tokens = this.tokens;
    if (!tokens) {
      if (usedToken) this.sessionLost();
      return null;
    }
    if (usedToken !== tokens.accessToken) return tokens.accessToken;
    return this.refresh();
  }

  // ---- Internals -----------------------------------------------------------------------------

  /**
   * One operation over `fetch`, in the interface language; with the session's token, refreshed and
   * retried once when the API answers UNAUTHENTICATED (as the Apollo auth link does).
   */
  private async send<Result, Variables>(text: GraphqlText<Result, Variables>, variables: Variables, sender: Sender): Promise<Result> {
    const post = (token: string | null) =>
      sendGraphql(this.graphqlUri, text, variables, { 'x-lang': this.language.current(), ...(token ? { authorization: `Bearer ${token}` } : {}) });
    if (sender === 'anonymous') return post(null);
    const token = await this.accessTokenForRequest();
    try {
      return await post(token);
    } catch (error) {
      if (toUserError(error).code !== 'UNAUTHENTICATED') throw error;
      const retryToken = await this.recoverAccess(token);
      if (!retryToken || retryToken === token) throw error;
      return post(retryToken);
    }
  }

  private async afterSignInStep(payload: AuthPayload): Promise<AuthPayload> {
    if (payload.status !== 'AUTHENTICATED') return payload;
    this.storeTokens(payload);
    this.endedNotice = false;
    const permissions = payload.user.mustChangePassword ? [] : await this.fetchPermissions();
    this.state.set({ user: payload.user, permissions: new Set(permissions) });
    return payload;
  }

  private async loadUser(): Promise<boolean> {
    try {
      const me = (await this.send(ME_QUERY, {}, 'session')).me;
      // someone who must change their password may not ask for anything else yet
      const permissions = me.mustChangePassword ? [] : await this.fetchPermissions();
      this.state.set({ user: me, permissions: new Set(permissions) });
      return true;
    } catch (error) {
      if (toUserError(error).code !== 'UNAUTHENTICATED') throw error;
      await this.clearLocalSession();
      return false;
    }
  }

  private async fetchPermissions(): Promise<string[]> {
    return [...(await this.send(MY_PERMISSIONS_QUERY, {}, 'session')).myPermissions];
  }

  private refresh(): Promise<string | null> {
    this.refreshing ??= this.exchangeRefreshToken().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async exchangeRefreshToken(): Promise<string | null> {
    const refreshToken = this.tokens?.refreshToken;
    if (!refreshToken) return null;
    try {
      const payload = (await this.send(REFRESH_SESSION_MUTATION, { refreshToken }, 'anonymous')).refreshSession;
      this.storeTokens(payload);
      this.state.update((state) => (state.user ? { ...state, user: payload.user } : state));
      return payload.accessToken;
    } catch (error) {
      // a network failure leaves the session as it is: the request fails with that error
      if (toUserError(error).code !== 'UNAUTHENTICATED') throw error;
      this.sessionLost();
      return null;
    }
  }

  /** The API ended the session (expiry, revocation, password reset): back to the sign-in page. */
  private sessionLost(): void {
    if (!this.tokens || this.signingOut) return;
    void this.clearLocalSession();
    this.endedNotice = true;
    const url = this.router.url;
    // during the first navigation the guard redirects, with the notice
    if (!this.router.navigated || url.startsWith('/login')) return;
    this.endedNotice = false;
    const reason: SignInReason = 'session-ended';
    void this.router.navigate(['/login'], { queryParams: { reason, returnUrl: url === '/' ? null : url } });
  }

  private async clearLocalSession(): Promise<void> {
    this.tokens = null;
    this.storage()?.removeItem(SESSION_STORAGE_KEY);
    this.state.set({ user: null, permissions: new Set() });
    await this.graphql.current?.client.clearStore().catch(() => undefined);
  }

  private storeTokens(payload: AuthPayload): void {
    if (!payload.accessToken || !payload.refreshToken || !payload.accessTokenExpiresAt) {
      throw new Error('The server did not send the session tokens.');
    }
    this.tokens = {
      accessToken: payload.accessToken,
      accessTokenExpiresAt: localExpiry(payload.accessToken, payload.accessTokenExpiresAt),
      refreshToken: payload.refreshToken,
    };
    this.storage()?.setItem(SESSION_STORAGE_KEY, JSON.stringify(this.tokens));
  }

  private readTokens(): StoredTokens | null {
    try {
      const stored = JSON.parse(this.storage()?.getItem(SESSION_STORAGE_KEY) ?? 'null') as Partial<StoredTokens> | null;
      return typeof stored?.accessToken === 'string' &&
        typeof stored.refreshToken === 'string' &&
        typeof stored.accessTokenExpiresAt === 'number'
        ? (stored as StoredTokens)
        : null;
    } catch {
      return null;
    }
  }

  private storage(): Storage | null {
    try {
      return this.document.defaultView?.sessionStorage ?? null;
    } catch {
      return null; // storage can be disabled by browser privacy settings
    }
  }
}

/**
 * When the access token expires by this device's clock. The lifetime comes from the token itself
 * (`exp - iat`), so that a computer whose clock is wrong does not take every token for expired (or
 * keep using expired ones); the server's expiry instant is the fallback.
 */
function localExpiry(accessToken: string, serverExpiresAt: string): number {
  try {
    const claims = JSON.parse(atob(accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { iat?: unknown; exp?: unknown };
    if (typeof claims.iat === 'number' && typeof claims.exp === 'number' && claims.exp > claims.iat) {
      return Date.now() + (claims.exp - claims.iat) * 1000;
    }
  } catch {
    // not a JWT we can read
  }
  return Date.parse(serverExpiresAt);
}
