import { Injectable } from '@nestjs/common';
import { CallbackRejected, type PaymentProviderAdapter, type PayoutItem, type PayoutResult, type ProviderConfig } from './payment-provider';

/**
 * Cash at payment points: nothing is sent anywhere. Submitting makes the lines available to the point's agents
 * (PENDING); each delivery an agent records is applied as a PAID result (`PaymentResultsService`), so the status
 * of a line is whatever the deliveries recorded: fetching it reports PENDING until then.
 */
@Injectable()
export class OfflineCashAdapter implements PaymentProviderAdapter {
  readonly kind = 'offline-cash' as const;
  readonly maxBatchSize = 5000;

  async submit(_config: ProviderConfig, items: PayoutItem[]): Promise<PayoutResult[]> {
    return items.map((item) => ({ idempotencyKey: item.idempotencyKey, status: 'PENDING' }));
  }

  async fetchStatus(_config: ProviderConfig, items: { idempotencyKey: string }[]): Promise<PayoutResult[]> {
    return items.map((item) => ({ idempotencyKey: item.idempotencyKey, status: 'PENDING' }));
  }

  async parseCallback(): Promise<PayoutResult[]> {
    // no provider calls back for cash: deliveries come from agents, authenticated as users
    throw new CallbackRejected('unknown-account');
  }
}
