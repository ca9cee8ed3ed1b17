import { createSecretKey, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { CORE_CONFIG } from '../config/config.tokens';
import { type CoreConfig, DEV_JWT_SECRET } from '../config/core-config';

export type ChallengeKind = 'two-factor' | 'two-factor-enrolment';

interface AccessClaims {
  sub: string;
  sid: string;
  typ: 'access';
}

interface ChallengeClaims {
  sub: string;
  typ: ChallengeKind;
}

/** Short-lived signed tokens: access tokens (per session) and second-factor challenges. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(CORE_CONFIG) private readonly config: CoreConfig) {
    // a KeyObject made once: given a string, jsonwebtoken tries (and fails) to parse it as a public key on every verify
    const key = createSecretKey(Buffer.from(config.JWT_SECRET ?? DEV_JWT_SECRET, 'utf8'));
    this.jwt = new JwtService({ secret: key as unknown as string, signOptions: { algorithm: 'HS256', issuer: 'coremis' } });
  }

  get secret(): string {
    return this.config.JWT_SECRET ?? DEV_JWT_SECRET;
  }

  accessToken(userId: string, sessionId: string): { token: string; expiresAt: Date } {
    const seconds = this.config.ACCESS_TOKEN_MINUTES * 60;
    // a unique id, so that two tokens issued within the same second are still different tokens
    const token = this.jwt.sign({ sub: userId, sid: sessionId, typ: 'access' } satisfies AccessClaims, { expiresIn: seconds, jwtid: randomUUID() });
    return { token, expiresAt: new Date(Date.now() + seconds * 1000) };
  }

  challengeToken(userId: string, kind: ChallengeKind): string {
    return this.jwt.sign({ sub: userId, typ: kind } satisfies ChallengeClaims, { expiresIn: 5 * 60 });
  }

  verifyAccess(token: string): AccessClaims | null {
    const claims = this.verify<AccessClaims>(token);
    return claims?.typ === 'access' && claims.sid ? claims : null;
  }

  /**
   * Whether the token is an access token this server signed, even if expired: enough to grant a signed-in
   * client's larger request bodies before authentication runs (the session itself is checked later).
   */
  isSignedAccessToken(token: string): boolean {
    try {
      const claims = this.jwt.verify<AccessClaims>(token, { algorithms: ['HS256'], issuer: 'coremis', ignoreExpiration: true });
      return claims?.typ === 'access';
    } catch {
      return false;
    }
  }

  verifyChallenge(token: string, kinds: ChallengeKind[]): ChallengeClaims | null {
    const claims = this.verify<ChallengeClaims>(token);
    return claims && kinds.includes(claims.typ) ? claims : null;
  }

  private verify<T extends object>(token: string): T | null {
    try {
      return this.jwt.verify<T>(token, { algorithms: ['HS256'], issuer: 'coremis' });
    } catch {
      return null;
    }
  }
}
