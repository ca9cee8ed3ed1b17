import { applyDecorators, SetMetadata } from '@nestjs/common';
import { Extensions } from '@nestjs/graphql';
import { COSTLY_OPERATION_EXTENSION } from './limits.plugin';

export const COSTLY_OPERATION = 'coremis:costly-operation';

export interface CostlyOperationOptions {
  /** Seconds a user waits between two calls; defaults to COSTLY_OPERATION_COOLDOWN_SECONDS. */
  cooldownSeconds?: number;
}

/**
 * Marks a root query or mutation that scans whole tables (integrity checks, chain verification): a
 * request may hold at most one of them (aliases cannot multiply it; refused before execution by the
 * limits plugin) and each user may run it once per cooldown (`CostlyOperationGuard`, TOO_MANY_REQUESTS).
 */
export const CostlyOperation = (options: CostlyOperationOptions = {}) =>
  applyDecorators(Extensions({ [COSTLY_OPERATION_EXTENSION]: true }), SetMetadata(COSTLY_OPERATION, options));
