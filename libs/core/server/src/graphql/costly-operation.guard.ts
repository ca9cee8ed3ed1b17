import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';
import { RequestContext } from '../context/request-context';
import { RateLimiterService } from '../identity/rate-limiter.service';
import { tooManyRequests } from './app-error';
import { COSTLY_OPERATION, type CostlyOperationOptions } from './costly-operation.decorator';
import { addressKey } from '../identity/address-key';

/**
 * Lets each user run a `@CostlyOperation()` once per cooldown (a cooldown of the shared Redis
 * counters, `RateLimiterService`). Runs after the authentication and permission guards, so only an
 * allowed caller consumes their slot.
 */
@Injectable()
export class CostlyOperationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly counters: RateLimiterService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const options = this.reflector.get<CostlyOperationOptions | undefined>(COSTLY_OPERATION, context.getHandler());
    if (!options) return true;
    const seconds = options.cooldownSeconds ?? this.config.COSTLY_OPERATION_COOLDOWN_SECONDS;
    if (seconds <= 0) return true;
    const info = GqlExecutionContext.create(context).getInfo<{ parentType: { name: string }; fieldName: string }>();
    const actor = RequestContext.actor();
    const key = `${info.parentType.name}.${info.fieldName}:${actor?.userId ?? addressKey(RequestContext.current()?.ip)}`;
    const waitSeconds = await this.counters.takeCooldown('costly', key, seconds);
    if (waitSeconds > 0) throw tooManyRequests('core.errors.tooManyRequests', { seconds: waitSeconds });
    return true;
  }
}
