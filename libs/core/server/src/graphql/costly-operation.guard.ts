import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import IORedis from 'ioredis';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';
import { RequestContext } from '../context/request-context';
import { tooManyRequests } from './app-error';
import { COSTLY_OPERATION, type CostlyOperationOptions } from './costly-operation.decorator';

/**
 * The last start of each key, for `seconds`: in Redis when configured (shared by every API replica),
 * otherwise (or while Redis is unreachable) in this process's memory.
 */
export class Cooldowns {
  private readonly logger = new Logger(Cooldowns.name);
  private readonly lastStarts = new Map<string, number>();
  private redis?: IORedis;

  constructor(private readonly redisUrl?: string) {}

  /** Takes the slot of `key` for `seconds`; returns 0 when taken, or the seconds left to wait. */
  async take(key: string, seconds: number): Promise<number> {
    if (this.redisUrl) {
      try {
        if (!this.redis || this.redis.status === 'end') {
          // no background reconnection: a failed connection is retried by the next call
          this.redis = new IORedis(this.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, connectTimeout: 2000, retryStrategy: () => null });
          this.redis.on('error', () => undefined); // reported by take() when a call fails
        }
        if (this.redis.status === 'wait') await this.redis.connect();
        const taken = await this.redis.set(key, '1', 'EX', seconds, 'NX');
        if (taken === 'OK') return 0;
        return Math.max(1, await this.redis.ttl(key));
      } catch (error) {
        // Redis down: fall back to this process's memory rather than refusing or allowing everything
        this.logger.warn({ err: error }, 'cooldown store unavailable; using process memory');
      }
    }
    const now = Date.now();
    const last = this.lastStarts.get(key);
    if (last !== undefined && now - last < seconds * 1000) return Math.ceil((seconds * 1000 - (now - last)) / 1000);
    this.lastStarts.set(key, now);
    if (this.lastStarts.size > 10_000) for (const [k, t] of this.lastStarts) if (now - t >= seconds * 1000) this.lastStarts.delete(k);
    return 0;
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
  }
}

/**
 * Lets each user run a `@CostlyOperation()` once per cooldown (`Cooldowns`). Runs after the
 * authentication and permission guards, so only an allowed caller consumes their slot.
 */
@Injectable()
export class CostlyOperationGuard implements CanActivate, OnModuleDestroy {
  private readonly cooldowns: Cooldowns;

  constructor(
    private readonly reflector: Reflector,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {
    this.cooldowns = new Cooldowns(config.REDIS_URL);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const options = this.reflector.get<CostlyOperationOptions | undefined>(COSTLY_OPERATION, context.getHandler());
    if (!options) return true;
    const seconds = options.cooldownSeconds ?? this.config.COSTLY_OPERATION_COOLDOWN_SECONDS;
    if (seconds <= 0) return true;
    const info = GqlExecutionContext.create(context).getInfo<{ parentType: { name: string }; fieldName: string }>();
    const actor = RequestContext.actor();
    const key = `coremis:costly:${info.parentType.name}.${info.fieldName}:${actor?.userId ?? RequestContext.current()?.ip ?? 'anonymous'}`;
    const waitSeconds = await this.cooldowns.take(key, seconds);
    if (waitSeconds > 0) throw tooManyRequests('core.errors.tooManyRequests', { seconds: waitSeconds });
    return true;
  }

  async onModuleDestroy(): Promise<void> {
    await this.cooldowns.close();
  }
}
