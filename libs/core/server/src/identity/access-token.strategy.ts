import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ActorService, type ActorWithFlags } from './actor.service';
import { TokenService } from './token.service';

export class AuthenticationFailed extends Error {
  constructor(readonly messageKey: string) {
    super(messageKey);
  }
}

/**
 * Passport strategy for `Authorization: Bearer <access token>`: the signature and expiry are checked
 * by passport-jwt, then, in one SQL statement, the session behind the token (not revoked, not idle,
 * not past its maximum age) and the user (still active); the result is the request's actor.
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(Strategy, 'access-token') {
  constructor(
    tokens: TokenService,
    private readonly actors: ActorService,
  ) {
    // A key object rather than the string: given a string or a buffer, jsonwebtoken first tries (and
    // fails, with an exception) to parse it as a public key, on every request. passport-jwt passes
    // the key through untouched; its types only predate key objects.
    const key = createSecretKey(Buffer.from(tokens.secret)) as unknown as Buffer;
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: key, issuer: 'coremis', algorithms: ['HS256'] });
  }

  async validate(claims: { sub: string; sid?: string; typ?: string }): Promise<ActorWithFlags> {
    if (claims.typ !== 'access' || !claims.sid) throw new AuthenticationFailed('core.identity.errors.invalidToken');
    const found = await this.actors.forSession(claims.sid);
    if (found.status === 'ACTIVE') return found.actor;
    throw new AuthenticationFailed(found.status === 'ACCOUNT_DISABLED' ? 'core.identity.errors.accountDisabled' : 'core.identity.errors.sessionExpired');
  }
}
