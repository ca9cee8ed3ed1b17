import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';
import { parseAuditAnchors } from './audit-chain';
import type { AuditAnchor } from './audit-entry';

/**
 * Exports the head of the audit chain (newest id, its hash and time) every
 * AUDIT_ANCHOR_INTERVAL_MINUTES: always as a structured log line (`auditAnchor`), and as one JSON line
 * appended to AUDIT_ANCHOR_FILE when set. Kept outside the database (log shipping, a file on other
 * storage), an anchor lets verification notice newest rows deleted by someone able to bypass the
 * triggers: an intact chain alone cannot.
 */
@Injectable()
export class AuditAnchorService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditAnchor');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.DATABASE_URL && this.config.NODE_ENV !== 'test') void this.warnIfUnprotected().catch(() => undefined);
    const minutes = this.config.AUDIT_ANCHOR_INTERVAL_MINUTES;
    if (!minutes) return;
    this.timer = setInterval(() => void this.exportAnchor().catch((error) => this.logger.error({ err: error }, 'could not export the audit anchor')), minutes * 60_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Exports the current head of the chain; null when the trail is still empty. */
  async exportAnchor(): Promise<AuditAnchor | null> {
    const [head] = (await this.dataSource.query(
      `SELECT id::text AS id, hash, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt"
         FROM core.audit_log ORDER BY audit_log.id DESC LIMIT 1`,
    )) as { id: string; hash: string; occurredAt: string }[];
    if (!head) return null;
    const anchor: AuditAnchor = { ...head, exportedAt: new Date().toISOString() };
    this.logger.log({ auditAnchor: anchor }, `audit anchor: id ${anchor.id}, hash ${anchor.hash}`);
    if (this.config.AUDIT_ANCHOR_FILE) {
      await mkdir(dirname(this.config.AUDIT_ANCHOR_FILE), { recursive: true });
      await appendFile(this.config.AUDIT_ANCHOR_FILE, `${JSON.stringify(anchor)}\n`, { mode: 0o640 });
    }
    return anchor;
  }

  /** The application's database role must not be able to take the audit table back (see CoreAuditOwner). */
  async warnIfUnprotected(): Promise<string | null> {
    const [me] = (await this.dataSource.query(
      `SELECT current_user AS name, r.rolsuper AS super, r.rolcreaterole AS createrole, pg_has_role(current_user, c.relowner, 'MEMBER') AS owner
         FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'core.audit_log'::regclass`,
    )) as { name: string; super: boolean; createrole: boolean; owner: boolean }[];
    const why = me.super ? 'is a superuser' : me.owner ? 'owns core.audit_log' : me.createrole ? 'has CREATEROLE' : null;
    if (why) {
      this.logger.warn(`the application's database role "${me.name}" ${why}: it could disable the audit log's append-only triggers. Use a separate migration role (DATABASE_MIGRATION_URL, see README).`);
    }
    return why;
  }

  /** The anchors of AUDIT_ANCHOR_FILE (none when unset or not written yet). */
  async storedAnchors(): Promise<AuditAnchor[]> {
    if (!this.config.AUDIT_ANCHOR_FILE) return [];
    let text: string;
    try {
      text = await readFile(this.config.AUDIT_ANCHOR_FILE, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return parseAuditAnchors(text);
  }
}
