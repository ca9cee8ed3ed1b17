import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AREA_SCOPE_PROVIDER, type AreaScopeProvider } from '../access/area-scope';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';
import type { Actor } from '../context/request-context';
import { preparedQuery } from '../database/prepared-query';

export interface ActorWithFlags extends Actor {
  /** False once the account is disabled (sessions are refused; jobs and approved requests check it). */
  isActive: boolean;
  mustChangePassword: boolean;
  /** The user logs in with an authenticator app code. */
  twoFactorEnabled: boolean;
  /** One of the user's roles requires a second factor. */
  twoFactorRequired: boolean;
}

/** What the one statement behind an access token found. */
export type SessionActor =
  | {
      status: 'ACTIVE';
      actor: ActorWithFlags;
      /** `core.data_change_seq` when the session was read: any write committed before this request has advanced it. */
      dataVersion: string;
    }
  | { status: 'UNKNOWN_SESSION' | 'SESSION_EXPIRED' | 'ACCOUNT_DISABLED' };

interface ActorRow {
  user_id: string | null;
  username: string;
  is_active: boolean;
  must_change_password: boolean;
  totp_enabled: boolean;
  role_codes: string[];
  permissions: string[];
  two_factor_required: boolean;
  area_ids: string[] | null;
  area_paths: string[] | null;
}

/** Longest time between two writes of a session's `last_seen_at` (its idle timer). */
const MAX_TOUCH_INTERVAL_SECONDS = 60;

/**
 * Builds the request's actor: role codes, the union of their permissions, 2FA flags and the paths of
 * the user's admin areas. For an access token, it is one SQL statement per request (prepared once
 * per connection): it checks the session (not revoked, not idle, not past its maximum age), records
 * activity when the last record is older than a minute, and reads the user, roles and area paths.
 * No result is cached between requests: a revoked session or a disabled user is refused on the very
 * next request.
 */
@Injectable()
export class ActorService {
  private readonly logger = new Logger(ActorService.name);
  private scopeProvider?: AreaScopeProvider | null;
  private sessionSql?: string;
  private userSql?: string;
  private warned = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  /** The actor behind an access token's session, in one round trip to the database. */
  async forSession(sessionId: string): Promise<SessionActor> {
    this.sessionSql ??= this.buildSessionSql();
    const rows = await preparedQuery<ActorRow & { usable: boolean; data_version: string }>(this.dataSource, this.sessionSql, [sessionId]);
    const row = rows[0];
    if (!row) return { status: 'UNKNOWN_SESSION' };
    if (!row.usable) return { status: 'SESSION_EXPIRED' };
    if (!row.user_id || !row.is_active) return { status: 'ACCOUNT_DISABLED' };
    return { status: 'ACTIVE', actor: await this.toActor(row, sessionId), dataVersion: row.data_version };
  }

  /** The actor of a user outside any session (jobs run on behalf of the user who queued them). */
  async forUserId(userId: string): Promise<ActorWithFlags | null> {
    this.userSql ??= `SELECT u.id AS user_id, ${this.actorColumns('u')} FROM core."user" u WHERE u.id = $1`;
    const rows: ActorRow[] = await this.dataSource.query(this.userSql, [userId]);
    return rows[0] ? this.toActor(rows[0], null) : null;
  }

  private buildSessionSql(): string {
    const idleMinutes = Number(this.config.SESSION_IDLE_MINUTES);
    // never let the idle timer lag by more than half the idle timeout
    const touchSeconds = Math.max(1, Math.min(MAX_TOUCH_INTERVAL_SECONDS, Math.floor(idleMinutes * 30)));
    // A data-modifying CTE runs once whether or not the main query reads it; the main query sees the
    // row as it was before the update, which is what the checks need.
    return `WITH s AS (
              SELECT id, user_id, last_seen_at,
                     (revoked_at IS NULL AND expires_at > now() AND last_seen_at > now() - make_interval(mins => ${idleMinutes})) AS usable
                FROM core.session WHERE id = $1
            ), touched AS (
              UPDATE core.session t SET last_seen_at = now()
                FROM s
               WHERE t.id = s.id AND s.usable AND s.last_seen_at < now() - make_interval(secs => ${touchSeconds})
              RETURNING t.id
            )
            SELECT s.usable, u.id AS user_id, ${this.actorColumns('u')}, (SELECT last_value FROM core.data_change_seq)::text AS data_version
              FROM s LEFT JOIN core."user" u ON u.id = s.user_id AND s.usable`;
  }

  private actorColumns(u: string): string {
    return `${u}.username, ${u}.is_active, ${u}.must_change_password, ${u}.totp_enabled, ${u}.area_ids,
            ARRAY(SELECT r.code FROM core.role r WHERE r.id = ANY(${u}.role_ids) ORDER BY r.code) AS role_codes,
            ARRAY(SELECT DISTINCT p FROM core.role r CROSS JOIN LATERAL unnest(r.permissions) AS p WHERE r.id = ANY(${u}.role_ids)) AS permissions,
            EXISTS(SELECT 1 FROM core.role r WHERE r.id = ANY(${u}.role_ids) AND r.require_two_factor) AS two_factor_required,
            ${this.areaPathsSql(`${u}.area_ids`)} AS area_paths`;
  }

  /** The area paths in the same statement when the module providing areas can say how. */
  private areaPathsSql(areaIds: string): string {
    const provider = this.provider();
    const paths = provider?.pathsSql?.(areaIds);
    return paths ? `CASE WHEN ${areaIds} IS NULL THEN NULL ELSE ${paths} END` : 'NULL::text[]';
  }

  private async toActor(row: ActorRow, sessionId: string | null): Promise<ActorWithFlags> {
    return {
      userId: row.user_id as string,
      username: row.username,
      sessionId,
      roles: row.role_codes,
      permissions: new Set(row.permissions),
      areaPaths: row.area_ids ? (row.area_paths ?? (await this.pathsOf(row.area_ids))) : null,
      isActive: row.is_active,
      mustChangePassword: row.must_change_password,
      twoFactorEnabled: row.totp_enabled,
      twoFactorRequired: row.two_factor_required,
    };
  }

  /** Fallback for an area provider that cannot join the statement (or none: no area-bound data). */
  private async pathsOf(areaIds: string[]): Promise<string[]> {
    const provider = this.provider();
    if (!provider) {
      if (!this.warned) this.logger.warn('users have area restrictions but no module provides areas: they will see no area-bound data');
      this.warned = true;
      return [];
    }
    return areaIds.length ? provider.pathsOf(areaIds) : [];
  }

  private provider(): AreaScopeProvider | null {
    if (this.scopeProvider === undefined) {
      try {
        this.scopeProvider = this.moduleRef.get<AreaScopeProvider>(AREA_SCOPE_PROVIDER, { strict: false });
      } catch {
        this.scopeProvider = null;
      }
    }
    return this.scopeProvider;
  }
}
