import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';
import { RequestContext } from '../context/request-context';
import { AuditService } from './audit.service';

export interface AuthRefusal {
  /** `Query.me`, or `GET /api/...` for REST. */
  operation: string;
  /** Why: missingToken, invalidToken, tokenExpired, sessionExpired, accountDisabled. */
  reason: string;
  ip?: string | null;
  requestId?: string | null;
}

const WINDOW_MS = 60_000;
/** Across all addresses, so that a flood from many addresses cannot fill the log either. */
const GLOBAL_FACTOR = 50;
const SUMMARY_TOP_ADDRESSES = 20;

/**
 * Audits refused unauthenticated calls (no token on a protected operation, a forged, expired or
 * garbage token, an ended session) as AUTH_REFUSED, at most AUTH_REFUSAL_AUDIT_PER_MINUTE per
 * client address per minute in this process (and 50 times that in all). What is left out is
 * counted, and one AUTH_REFUSED_SUPPRESSED entry per minute says how many, from which addresses.
 */
@Injectable()
export class AuthRefusalAuditor implements OnModuleDestroy {
  private readonly logger = new Logger(AuthRefusalAuditor.name);
  private windowStart = new Date();
  private readonly logged = new Map<string, number>();
  private loggedTotal = 0;
  private readonly suppressed = new Map<string, number>();
  private suppressedTotal = 0;
  private timer?: NodeJS.Timeout;
  /** One entry per request, however many root fields it refuses. */
  private readonly seen = new WeakSet<object>();

  constructor(
    private readonly audit: AuditService,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  async record(refusal: AuthRefusal): Promise<void> {
    const context = RequestContext.current();
    if (context) {
      if (this.seen.has(context)) return;
      this.seen.add(context);
    }
    const ip = refusal.ip !== undefined ? refusal.ip : (context?.ip ?? null);
    const address = ip ?? 'unknown';
    this.timer ??= setInterval(() => void this.flush(), WINDOW_MS).unref();
    const perAddress = this.logged.get(address) ?? 0;
    if (perAddress >= this.config.AUTH_REFUSAL_AUDIT_PER_MINUTE || this.loggedTotal >= this.config.AUTH_REFUSAL_AUDIT_PER_MINUTE * GLOBAL_FACTOR) {
      if (!this.suppressed.has(address) && this.suppressed.size >= 10_000) this.suppressed.set('other', (this.suppressed.get('other') ?? 0) + 1);
      else this.suppressed.set(address, (this.suppressed.get(address) ?? 0) + 1);
      this.suppressedTotal++;
      return;
    }
    if (this.logged.size < 10_000 || this.logged.has(address)) this.logged.set(address, perAddress + 1);
    this.loggedTotal++;
    await this.audit
      .recordStandalone({
        action: 'AUTH_REFUSED',
        details: { operation: refusal.operation.slice(0, 200), reason: refusal.reason },
        ip,
        requestId: refusal.requestId !== undefined ? refusal.requestId : (context?.requestId ?? null),
      })
      .catch((error) => this.logger.error({ err: error }, 'could not audit a refused call'));
  }

  /** Ends the current window: writes the summary of what was left out, if anything, and starts counting again. */
  async flush(): Promise<void> {
    const from = this.windowStart;
    const suppressed = this.suppressedTotal;
    const byAddress = [...this.suppressed.entries()].sort((a, b) => b[1] - a[1]);
    this.windowStart = new Date();
    this.logged.clear();
    this.loggedTotal = 0;
    this.suppressed.clear();
    this.suppressedTotal = 0;
    if (!suppressed) return;
    this.logger.warn({ suppressed, addresses: byAddress.length }, 'refused unauthenticated calls beyond the audit rate limit');
    await this.audit
      .recordStandalone({
        action: 'AUTH_REFUSED_SUPPRESSED',
        details: {
          suppressed,
          from: from.toISOString(),
          to: this.windowStart.toISOString(),
          addresses: byAddress.length,
          top: byAddress.slice(0, SUMMARY_TOP_ADDRESSES).map(([address, count]) => ({ address, count })),
          limitPerAddressPerMinute: this.config.AUTH_REFUSAL_AUDIT_PER_MINUTE,
        },
        userId: null,
        username: null,
        ip: null,
        requestId: null,
      })
      .catch((error) => this.logger.error({ err: error }, 'could not audit the summary of refused calls'));
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}
