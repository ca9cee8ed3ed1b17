import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';
import { RequestContext } from '../context/request-context';
import { newId } from '../database/base.entity';
import { AppError, notFound } from '../graphql/app-error';
import { Session } from './entities/session.entity';
import { randomToken, sha256 } from './secret-box';
import { TokenService } from './token.service';

export interface IssuedTokens {
  sessionId: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
}

export type SessionRevoked = (sessionId: string, userId: string, reason: string) => Promise<void>;

/**
 * Sessions end after SESSION_IDLE_MINUTES without activity and SESSION_MAX_HOURS in any case.
 * Refresh tokens rotate on every use; presenting a token that was already used means it leaked:
 * the whole session (the token family) is revoked.
 */
@Injectable()
export class SessionService {
  onRevoked?: SessionRevoked;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly tokens: TokenService,
  ) {}

  async open(userId: string): Promise<IssuedTokens> {
    const context = RequestContext.current();
    const id = newId();
    const refreshToken = randomToken();
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO core.session (id, user_id, expires_at, ip, user_agent) VALUES ($1, $2, now() + make_interval(hours => $3), $4, $5)`,
        [id, userId, this.config.SESSION_MAX_HOURS, context?.ip ?? null, context?.userAgent ?? null],
      );
      await em.query(`INSERT INTO core.refresh_token (token_hash, session_id) VALUES ($1, $2)`, [sha256(refreshToken), id]);
    });
    const access = this.tokens.accessToken(userId, id);
    return { sessionId: id, accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken };
  }

  async refresh(refreshToken: string): Promise<IssuedTokens & { userId: string }> {
    let reuse: { sessionId: string; userId: string } | null = null;
    const issued = await this.dataSource.transaction(async (em) => {
      const rows: { session_id: string; used_at: Date | null; user_id: string; usable: boolean }[] = await em.query(
        `SELECT t.session_id, t.used_at, s.user_id, ${this.usableSql('s')} AS usable
           FROM core.refresh_token t JOIN core.session s ON s.id = t.session_id
          WHERE t.token_hash = $1 FOR UPDATE OF t, s`,
        [sha256(refreshToken)],
      );
      const row = rows[0];
      if (!row) throw new AppError('UNAUTHENTICATED', 'core.identity.errors.invalidRefreshToken');
      if (row.used_at) {
        reuse = { sessionId: row.session_id, userId: row.user_id };
        await em.query(`UPDATE core.session SET revoked_at = now(), revoked_reason = 'refresh_token_reuse' WHERE id = $1 AND revoked_at IS NULL`, [row.session_id]);
        return null;
      }
      if (!row.usable) throw new AppError('UNAUTHENTICATED', 'core.identity.errors.sessionExpired');
      const next = randomToken();
      await em.query(`UPDATE core.refresh_token SET used_at = now() WHERE token_hash = $1`, [sha256(refreshToken)]);
      await em.query(`INSERT INTO core.refresh_token (token_hash, session_id) VALUES ($1, $2)`, [sha256(next), row.session_id]);
      await em.query(`UPDATE core.session SET last_seen_at = now() WHERE id = $1`, [row.session_id]);
      const access = this.tokens.accessToken(row.user_id, row.session_id);
      return { sessionId: row.session_id, userId: row.user_id, accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: next };
    });
    if (!issued) {
      const { sessionId, userId } = reuse as unknown as { sessionId: string; userId: string };
      await this.onRevoked?.(sessionId, userId, 'refresh_token_reuse');
      throw new AppError('UNAUTHENTICATED', 'core.identity.errors.refreshTokenReused');
    }
    return issued;
  }

  list(userId: string): Promise<Session[]> {
    return this.dataSource.getRepository(Session).createQueryBuilder('s')
      .where('s.user_id = :userId', { userId })
      .andWhere(this.usableSql('s'))
      .orderBy('s.last_seen_at', 'DESC')
      .getMany();
  }

  async revoke(userId: string, sessionId: string, reason = 'user'): Promise<void> {
    const [, count] = await this.dataSource.query(
      `UPDATE core.session SET revoked_at = now(), revoked_reason = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [sessionId, userId, reason],
    );
    if (!count) throw notFound('core.identity.errors.sessionNotFound');
  }

  /** Ends every session of a user except, optionally, one (password change keeps the current one). */
  async revokeAll(userId: string, reason: string, except: string | null = null): Promise<number> {
    const [, count] = await this.dataSource.query(
      `UPDATE core.session SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, reason, except],
    );
    return count;
  }

  private usableSql(alias: string): string {
    return `(${alias}.revoked_at IS NULL AND ${alias}.expires_at > now() AND ${alias}.last_seen_at > now() - make_interval(mins => ${Number(this.config.SESSION_IDLE_MINUTES)}))`;
  }
}
