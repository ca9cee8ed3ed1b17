import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CORE_CONFIG } from '../config/config.tokens';
import { type CoreConfig, DEV_ENCRYPTION_KEY } from '../config/core-config';
import { RequestContext } from '../context/request-context';
import { newId } from '../database/base.entity';
import { AppError, notFound } from '../graphql/app-error';
import { Session } from './entities/session.entity';
import { randomToken, SecretBox, sha256 } from './secret-box';
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
 * the whole session (the token family) is revoked. Except within REFRESH_GRACE_SECONDS of its
 * rotation, while its replacement is still unused: one tab refreshing in parallel (or retrying a
 * refresh whose answer it lost) then gets that same replacement, kept sealed with ENCRYPTION_KEY.
 */
@Injectable()
export class SessionService {
  onRevoked?: SessionRevoked;
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly tokens: TokenService,
  ) {
    this.box = new SecretBox(config.ENCRYPTION_KEY ?? DEV_ENCRYPTION_KEY);
  }

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
      // parallel refreshes of one token queue on this lock: the first rotates, the others see it used
      const rows: { session_id: string; user_id: string; usable: boolean; used_at: Date | null; in_grace: boolean; replaced_by_sealed: string | null }[] = await em.query(
        `SELECT t.session_id, t.used_at, t.replaced_by_sealed, s.user_id, ${this.usableSql('s')} AS usable,
                t.used_at > clock_timestamp() - make_interval(secs => $2) AS in_grace
           FROM core.refresh_token t JOIN core.session s ON s.id = t.session_id
          WHERE t.token_hash = $1 FOR UPDATE OF t, s`,
        [sha256(refreshToken), this.config.REFRESH_GRACE_SECONDS],
      );
      const row = rows[0];
      if (!row) throw new AppError('UNAUTHENTICATED', 'core.identity.errors.invalidRefreshToken');
      if (row.used_at) {
        const replacement = row.in_grace && row.usable ? await this.unusedReplacement(em, row.replaced_by_sealed) : null;
        if (replacement) {
          // the same tab refreshing twice at once (or retrying): it gets the pair the first call got
          const access = this.tokens.accessToken(row.user_id, row.session_id);
          return { sessionId: row.session_id, userId: row.user_id, accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: replacement };
        }
        reuse = { sessionId: row.session_id, userId: row.user_id };
        await em.query(`UPDATE core.session SET revoked_at = now(), revoked_reason = 'refresh_token_reuse' WHERE id = $1 AND revoked_at IS NULL`, [row.session_id]);
        return null;
      }
      if (!row.usable) throw new AppError('UNAUTHENTICATED', 'core.identity.errors.sessionExpired');
      const next = randomToken();
      await em.query(`UPDATE core.refresh_token SET used_at = clock_timestamp(), replaced_by_sealed = $2 WHERE token_hash = $1`, [sha256(refreshToken), this.box.seal(next)]);
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

  /** The token that replaced a just-rotated one, if it has not been used in its turn. */
  private async unusedReplacement(em: EntityManager, sealed: string | null): Promise<string | null> {
    if (!sealed) return null;
    let token: string;
    try {
      token = this.box.open(sealed);
    } catch {
      return null; // sealed under another ENCRYPTION_KEY
    }
    const [next]: { used_at: Date | null }[] = await em.query(`SELECT used_at FROM core.refresh_token WHERE token_hash = $1 FOR UPDATE`, [sha256(token)]);
    return next && !next.used_at ? token : null;
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
