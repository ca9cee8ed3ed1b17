import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { DataSource } from 'typeorm';
import { ActorService, type ActorWithFlags } from './actor.service';
import { User } from './entities/user.entity';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

export class AuthenticationFailed extends Error {
  constructor(readonly messageKey: string) {
    super(messageKey);
  }
}

/**
 * Passport strategy for `Authorization: Bearer <access token>`: the signature and expiry are checked
 * by passport-jwt, then the session behind the token (not revoked, not idle, not past its maximum
 * age) and the user (still active); the result is the request's actor.
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(Strategy, 'access-token') {
  constructor(
    tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly actors: ActorService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: tokens.secret, issuer: 'coremis', algorithms: ['HS256'] });
  }

  async validate(claims: { sub: string; sid?: string; typ?: string }): Promise<ActorWithFlags> {
    if (claims.typ !== 'access' || !claims.sid) throw new AuthenticationFailed('core.identity.errors.invalidToken');
    const session = await this.sessions.touch(claims.sid);
    if (!session || 'expired' in session) throw new AuthenticationFailed('core.identity.errors.sessionExpired');
    const user = await this.dataSource.getRepository(User).findOneBy({ id: session.userId });
    if (!user?.isActive) throw new AuthenticationFailed('core.identity.errors.accountDisabled');
    return this.actors.forUser(user, claims.sid);
  }
}
