import type { PayoutResult } from './payment-provider';

/**
 * Where authenticated provider results go (callbacks and status polling): the payroll side applies them to its
 * lines, idempotently and never moving a line backwards.
 */
export interface PaymentResultsSink {
  apply(accountId: string, results: PayoutResult[]): Promise<unknown>;
}

export const PAYMENT_RESULTS_SINK = Symbol('PAYMENT_RESULTS_SINK');
