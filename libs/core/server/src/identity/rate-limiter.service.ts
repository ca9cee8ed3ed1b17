import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import IORedis from 'ioredis';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';

export interface RateLimitResult {
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  count: number;
  /** Seconds until the window ends (and the count starts again). */
  retryAfterSeconds: number;
}

// INCR and its expiry in one step: a key never outlives its window, whatever crashes in between
const CONSUME = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

/**
 * Fixed-window counters per key, shared by every API replica through Redis when REDIS_URL is set
 * (in this process's memory otherwise). When Redis does not answer, the process falls back to its
 * own memory rather than refusing every sign-in. Two uses: rate limits (`consume`: sign-in attempts
 * per address) and cooldowns (`takeCooldown`: a costly operation once per period and user), which is
 * a window that allows one hit.
 */
@Injectable()
export class RateLimiterService implements OnModuleDestroy {
  private readonly logger = new Logger(RateLimiterService.name);
  private readonly memory = new Map<string, { count: number; resetAt: number }>();
  private redis?: IORedis;

  constructor(@Inject(CORE_CONFIG) private readonly config: CoreConfig) {}

  async consume(bucket: string, key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const fullKey = `${this.config.RATE_LIMIT_KEY_PREFIX}${bucket}:${key}`;
    const windowMs = windowSeconds * 1000;
    let count: number;
    let ttlMs: number;
    const redis = this.connection();
    if (redis) {
      try {
        if (redis.status === 'wait') await redis.connect();
        [count, ttlMs] = (await redis.eval(CONSUME, 1, fullKey, windowMs)) as [number, number];
      } catch (error) {
        this.logger.warn({ err: error }, 'rate limit: Redis did not answer, counting in this process');
        [count, ttlMs] = this.consumeInMemory(fullKey, windowMs);
      }
    } else {
      [count, ttlMs] = this.consumeInMemory(fullKey, windowMs);
    }
    return { allowed: count <= limit, count, retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
  }

  /** Takes the slot of `key` for `seconds`: 0 when taken, or the seconds left to wait. */
  async takeCooldown(bucket: string, key: string, seconds: number): Promise<number> {
    const result = await this.consume(bucket, key, 1, seconds);
    return result.allowed ? 0 : result.retryAfterSeconds;
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  private connection(): IORedis | undefined {
    if (!this.config.REDIS_URL) return undefined;
    if (!this.redis || this.redis.status === 'end') {
      // fail fast, no background reconnection: a sign-in must not wait for Redis to come back; the next call tries again
      this.redis = new IORedis(this.config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, commandTimeout: 2000, retryStrategy: () => null });
      this.redis.on('error', () => undefined); // reported by the call that fails
    }
    return this.redis;
  }

  private consumeInMemory(key: string, windowMs: number): [number, number] {
    const now = Date.now();
    let entry = this.memory.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.memory.size >= 100_000) for (const [k, v] of this.memory) if (v.resetAt <= now) this.memory.delete(k);
      entry = { count: 0, resetAt: now + windowMs };
      this.memory.set(key, entry);
    }
    entry.count++;
    return [entry.count, entry.resetAt - now];
  }
}
