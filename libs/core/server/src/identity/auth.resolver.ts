import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuthenticatedOperation, PublicOperation } from '../access/require-permissions.decorator';
import { RequestContext } from '../context/request-context';
import { AppError } from '../graphql/app-error';
import { UuidPipe } from '../graphql/uuid.pipe';
import { AuthService, type LoginOutcome } from './auth.service';
import { ChangePasswordInput, CompleteTwoFactorEnrolmentInput, LoginInput, VerifyTwoFactorInput } from './dto/identity.inputs';
import { AuthPayload, LoginStatus, TwoFactorEnrolment, TwoFactorEnrolmentResult } from './dto/identity.models';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { SessionService } from './session.service';
import { UserAdminService } from './user-admin.service';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService, private readonly sessions: SessionService, private readonly users: UserAdminService) {}

  @Mutation(() => AuthPayload, { description: 'First step of login; may ask for a second factor.' })
  @PublicOperation()
  async login(@Args('input') input: LoginInput): Promise<AuthPayload> {
    return toPayload(await this.auth.login(input.username, input.password));
  }

  @Mutation(() => AuthPayload, { description: 'Second step of login: a TOTP code or a recovery code.' })
  @PublicOperation()
  async verifyTwoFactor(@Args('input') input: VerifyTwoFactorInput): Promise<AuthPayload> {
    return toPayload(await this.auth.verifyTwoFactor(input.challengeToken, input.code, input.recoveryCode));
  }

  @Mutation(() => AuthPayload, { description: 'Exchanges a refresh token for new tokens; the old one stops working.' })
  @PublicOperation()
  async refreshSession(@Args('refreshToken') refreshToken: string): Promise<AuthPayload> {
    if (!refreshToken || refreshToken.length > 200) throw new AppError('UNAUTHENTICATED', 'core.identity.errors.invalidRefreshToken');
    const issued = await this.sessions.refresh(refreshToken);
    const user = (await this.users.findById(issued.userId))!;
    return toPayload({ status: 'AUTHENTICATED', user, tokens: issued });
  }

  @Mutation(() => TwoFactorEnrolment, { description: 'Starts authenticator-app enrolment (signed in, or with the challenge token from login).' })
  @PublicOperation()
  beginTwoFactorEnrolment(@Args('challengeToken', { type: () => String, nullable: true }) challengeToken?: string): Promise<TwoFactorEnrolment> {
    return this.auth.beginEnrolment(challengeToken ?? undefined);
  }

  @Mutation(() => TwoFactorEnrolmentResult)
  @PublicOperation()
  async completeTwoFactorEnrolment(@Args('input') input: CompleteTwoFactorEnrolmentInput): Promise<TwoFactorEnrolmentResult> {
    const { recoveryCodes, outcome } = await this.auth.completeEnrolment(input.challengeToken, input.code);
    return { recoveryCodes, auth: outcome ? toPayload(outcome) : null };
  }

  @Mutation(() => Boolean)
  @AuthenticatedOperation()
  async logout(): Promise<boolean> {
    const actor = RequestContext.actor()!;
    await this.auth.logout(actor.userId, actor.sessionId);
    return true;
  }

  @Query(() => User, { description: 'The signed-in user.' })
  @AuthenticatedOperation()
  async me(): Promise<User> {
    return (await this.users.findById(RequestContext.actor()!.userId))!;
  }

  @Query(() => [String], { description: 'Permission codes of the signed-in user ("*" = all).' })
  @AuthenticatedOperation()
  myPermissions(): string[] {
    return [...RequestContext.actor()!.permissions].sort();
  }

  @Query(() => [Session])
  @AuthenticatedOperation()
  async mySessions(): Promise<Session[]> {
    const actor = RequestContext.actor()!;
    const sessions = await this.sessions.list(actor.userId);
    return sessions.map((s) => Object.assign(s, { current: s.id === actor.sessionId }));
  }

  @Mutation(() => Boolean)
  @AuthenticatedOperation()
  async revokeSession(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<boolean> {
    await this.sessions.revoke(RequestContext.actor()!.userId, id, 'revoked_by_user');
    return true;
  }

  @Mutation(() => Boolean, { description: 'Changes the password and ends every other session.' })
  @AuthenticatedOperation()
  async changePassword(@Args('input') input: ChangePasswordInput): Promise<boolean> {
    const actor = RequestContext.actor()!;
    await this.auth.changePassword(actor.userId, input.currentPassword, input.newPassword, actor.sessionId);
    return true;
  }
}

export function toPayload(outcome: LoginOutcome): AuthPayload {
  if (outcome.status === 'AUTHENTICATED') {
    return {
      status: LoginStatus.AUTHENTICATED,
      user: outcome.user,
      accessToken: outcome.tokens.accessToken,
      accessTokenExpiresAt: outcome.tokens.accessTokenExpiresAt,
      refreshToken: outcome.tokens.refreshToken,
      challengeToken: null,
      recoveryCodes: outcome.recoveryCodes ?? null,
    };
  }
  return { status: LoginStatus[outcome.status], user: outcome.user, accessToken: null, accessTokenExpiresAt: null, refreshToken: null, challengeToken: outcome.challengeToken, recoveryCodes: null };
}
