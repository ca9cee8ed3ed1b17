import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';
import { RequestContext } from '../context/request-context';
import { AppError, badInput, invalidField } from '../graphql/app-error';
import { Role } from './entities/role.entity';
import { User } from './entities/user.entity';
import { PasswordService } from './password.service';
import { RateLimiterService } from './rate-limiter.service';
import { SECURITY_EVENT_SINK, type SecurityEvent, type SecurityEventSink } from './security-events';
import { type IssuedTokens, SessionService } from './session.service';
import { type ChallengeKind, TokenService } from './token.service';
import { TotpService } from './totp.service';
import { addressKey } from './address-key';

export type LoginOutcome =
  | { status: 'AUTHENTICATED'; user: User; tokens: IssuedTokens; recoveryCodes?: string[] }
  | { status: 'TWO_FACTOR_REQUIRED' | 'TWO_FACTOR_ENROLMENT_REQUIRED'; user: User; challengeToken: string };

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private sink?: SecurityEventSink | null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
    private readonly totp: TotpService,
    private readonly moduleRef: ModuleRef,
    private readonly rateLimiter: RateLimiterService,
  ) {
    this.sessions.onRevoked = (sessionId, userId, reason) => this.event({ action: 'REFRESH_TOKEN_REUSE', userId, details: { sessionId, reason } });
  }

  async login(username: string, password: string): Promise<LoginOutcome> {
    await this.throttle();
    const user = await this.users().createQueryBuilder('u').where('lower(u.username) = lower(:username)', { username: username.trim() }).getOne();
    if (!user) {
      await this.passwords.burn(password);
      await this.event({ action: 'LOGIN_FAILED', username: username.slice(0, 100), details: { reason: 'unknown user' } });
      throw new AppError('UNAUTHENTICATED', 'core.identity.errors.badCredentials');
    }
    // A locked account answers exactly like a wrong password, after the same work (the hash is
    // checked anyway), so neither the message nor its timing tells that the username exists.
    const passwordOk = await this.passwords.verify(user.passwordHash, password);
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await this.event({ action: 'LOGIN_FAILED', userId: user.id, username: user.username, details: { reason: 'locked', until: user.lockedUntil } });
      throw new AppError('UNAUTHENTICATED', 'core.identity.errors.badCredentials');
    }
    if (!passwordOk) {
      await this.recordFailure(user, 'bad password');
      throw new AppError('UNAUTHENTICATED', 'core.identity.errors.badCredentials');
    }
    if (!user.isActive) {
      await this.event({ action: 'LOGIN_FAILED', userId: user.id, username: user.username, details: { reason: 'disabled' } });
      throw new AppError('UNAUTHENTICATED', 'core.identity.errors.accountDisabled');
    }
    await this.dataSource.query(`UPDATE core."user" SET failed_attempts = 0, locked_until = NULL WHERE id = $1`, [user.id]);
    if (user.totpEnabled) return { status: 'TWO_FACTOR_REQUIRED', user, challengeToken: this.tokens.challengeToken(user.id, 'two-factor') };
    if (await this.twoFactorRequired(user)) {
      return { status: 'TWO_FACTOR_ENROLMENT_REQUIRED', user, challengeToken: this.tokens.challengeToken(user.id, 'two-factor-enrolment') };
    }
    return this.complete(user);
  }

  async verifyTwoFactor(challengeToken: string, code: string | undefined, recoveryCode: string | undefined): Promise<LoginOutcome> {
    await this.throttle();
    const user = await this.userOfChallenge(challengeToken, ['two-factor']);
    if (!user.totpSecret || !user.totpEnabled) throw new AppError('UNAUTHENTICATED', 'core.identity.errors.invalidChallenge');
    // the challenge outlives a lockout: without this, codes could be guessed for the token's whole lifetime
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      const seconds = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000);
      await this.event({ action: 'LOGIN_FAILED', userId: user.id, username: user.username, details: { reason: 'locked', until: user.lockedUntil, step: 'two-factor' } });
      throw new AppError('TOO_MANY_REQUESTS', 'core.identity.errors.tooManyAttempts', { seconds }, [], { retryAfterSeconds: seconds });
    }
    if (recoveryCode) {
      if (!(await this.totp.useRecoveryCode(user.id, recoveryCode))) {
        await this.recordFailure(user, 'bad recovery code');
        throw invalidField('recoveryCode', 'core.identity.errors.badRecoveryCode');
      }
      return this.complete(user, { secondFactor: 'recovery-code' });
    }
    const check = await this.totp.check(user.id, user.totpSecret, (code ?? '').trim());
    if (check === 'replayed') {
      await this.event({ action: 'TOTP_REPLAY', userId: user.id, username: user.username });
      throw invalidField('code', 'core.identity.errors.codeAlreadyUsed');
    }
    if (check === 'invalid') {
      await this.recordFailure(user, 'bad TOTP code');
      throw invalidField('code', 'core.identity.errors.badCode');
    }
    return this.complete(user, { secondFactor: 'totp' });
  }

  /** Starts TOTP enrolment for the signed-in user, or for one who must enrol before logging in. */
  async beginEnrolment(challengeToken: string | undefined): Promise<{ secret: string; otpauthUrl: string; qrCodeDataUrl: string }> {
    const user = await this.enrollingUser(challengeToken);
    if (user.totpEnabled) throw badInput('core.identity.errors.twoFactorAlreadyEnabled');
    const { secret, sealed } = this.totp.newSecret();
    await this.dataSource.query(`UPDATE core."user" SET totp_secret = $2, totp_last_step = NULL WHERE id = $1`, [user.id, sealed]);
    return { secret, ...(await this.totp.enrolment(user.username, secret)) };
  }

  async completeEnrolment(challengeToken: string | undefined, code: string): Promise<{ recoveryCodes: string[]; outcome: LoginOutcome | null }> {
    const user = await this.enrollingUser(challengeToken);
    if (user.totpEnabled) throw badInput('core.identity.errors.twoFactorAlreadyEnabled');
    if (!user.totpSecret) throw badInput('core.identity.errors.enrolmentNotStarted');
    const check = await this.totp.check(user.id, user.totpSecret, code.trim());
    if (check !== 'valid') throw invalidField('code', check === 'replayed' ? 'core.identity.errors.codeAlreadyUsed' : 'core.identity.errors.badCode');
    const recoveryCodes = await this.dataSource.transaction(async (em) => {
      await em.query(`UPDATE core."user" SET totp_enabled = true WHERE id = $1`, [user.id]);
      return this.totp.newRecoveryCodes(em, user.id);
    });
    await this.event({ action: 'TWO_FACTOR_ENABLED', userId: user.id, username: user.username });
    user.totpEnabled = true;
    return { recoveryCodes, outcome: challengeToken ? await this.complete(user, { secondFactor: 'enrolment' }) : null };
  }

  async changePassword(userId: string, currentPassword: string, newPassword: string, keepSessionId: string | null): Promise<void> {
    const user = await this.users().findOneByOrFail({ id: userId });
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) throw invalidField('currentPassword', 'core.identity.errors.wrongCurrentPassword');
    if (currentPassword === newPassword) throw invalidField('newPassword', 'core.identity.errors.samePassword');
    const hash = await this.passwords.hash(newPassword);
    await this.dataSource.query(`UPDATE core."user" SET password_hash = $2, must_change_password = false, updated_at = now(), version = version + 1 WHERE id = $1`, [userId, hash]);
    const ended = await this.sessions.revokeAll(userId, 'password_changed', keepSessionId);
    await this.event({ action: 'PASSWORD_CHANGED', userId, username: user.username, details: { otherSessionsEnded: ended } });
  }

  async logout(userId: string, sessionId: string | null): Promise<void> {
    if (sessionId) await this.sessions.revoke(userId, sessionId, 'logout');
    await this.event({ action: 'LOGOUT', userId, details: { sessionId } });
  }

  async event(event: SecurityEvent): Promise<void> {
    if (this.sink === undefined) {
      try {
        this.sink = this.moduleRef.get<SecurityEventSink>(SECURITY_EVENT_SINK, { strict: false });
      } catch {
        this.sink = null;
      }
    }
    if (!this.sink) {
      this.logger.log({ securityEvent: event }, event.action);
      return;
    }
    await this.sink.record(event).catch((error) => this.logger.error({ err: error, event }, 'could not record security event'));
  }

  private async complete(user: User, details: Record<string, unknown> = {}): Promise<LoginOutcome> {
    const tokens = await this.sessions.open(user.id);
    await this.event({ action: 'LOGIN', userId: user.id, username: user.username, details: { sessionId: tokens.sessionId, ...details } });
    return { status: 'AUTHENTICATED', user, tokens };
  }

  private async recordFailure(user: User, reason: string): Promise<void> {
    const [rows]: [{ failed_attempts: number; locked_until: Date | null }[]] = await this.dataSource.query(
      `UPDATE core."user" SET failed_attempts = failed_attempts + 1,
              locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1 RETURNING failed_attempts, locked_until`,
      [user.id, this.config.LOGIN_MAX_FAILURES, this.config.LOCKOUT_MINUTES],
    );
    await this.event({ action: 'LOGIN_FAILED', userId: user.id, username: user.username, details: { reason, failedAttempts: rows[0]?.failed_attempts } });
    if (rows[0]?.failed_attempts === this.config.LOGIN_MAX_FAILURES) {
      await this.event({ action: 'ACCOUNT_LOCKED', userId: user.id, username: user.username, details: { until: rows[0].locked_until } });
    }
  }

  private async twoFactorRequired(user: User): Promise<boolean> {
    if (!user.roleIds.length) return false;
    return (await this.dataSource.getRepository(Role).createQueryBuilder('r').where('r.id = ANY(:ids)', { ids: user.roleIds }).andWhere('r.require_two_factor').getCount()) > 0;
  }

  private async userOfChallenge(challengeToken: string, kinds: ChallengeKind[]): Promise<User> {
    const claims = this.tokens.verifyChallenge(challengeToken, kinds);
    const user = claims && (await this.users().findOneBy({ id: claims.sub }));
    if (!user || !user.isActive) throw new AppError('UNAUTHENTICATED', 'core.identity.errors.invalidChallenge');
    return user;
  }

  private async enrollingUser(challengeToken: string | undefined): Promise<User> {
    if (challengeToken) return this.userOfChallenge(challengeToken, ['two-factor-enrolment']);
    const actor = RequestContext.actor();
    if (!actor) throw new AppError('UNAUTHENTICATED', 'core.identity.errors.notAuthenticated');
    return this.users().findOneByOrFail({ id: actor.userId });
  }

  /**
   * A brake on password guessing from one address, counted across API replicas (Redis); lockout
   * protects each account. The address is the socket's unless TRUST_PROXY names the proxies.
   */
  private async throttle(): Promise<void> {
    const ip = RequestContext.current()?.ip ?? 'unknown';
    const result = await this.rateLimiter.consume('login', addressKey(ip), this.config.LOGIN_RATE_PER_MINUTE, 60);
    if (result.allowed) return;
    if (result.count === this.config.LOGIN_RATE_PER_MINUTE + 1) await this.event({ action: 'LOGIN_THROTTLED', details: { address: ip, limitPerMinute: this.config.LOGIN_RATE_PER_MINUTE } });
    throw new AppError('TOO_MANY_REQUESTS', 'core.identity.errors.tooManyAttempts', { seconds: result.retryAfterSeconds }, [], { retryAfterSeconds: result.retryAfterSeconds });
  }

  private users() {
    return this.dataSource.getRepository(User);
  }
}
