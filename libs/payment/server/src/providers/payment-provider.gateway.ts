import { Injectable } from '@nestjs/common';
import type { PayeeCheck, PaymentProviderAdapter, PayoutItem, PayoutResult, ProviderConfig } from './payment-provider';
import { ProviderRegistry } from './provider-registry';

/** An account opened for a run: its configuration and adapter (the batch size a caller picks lines by). */
export interface ProviderChannel {
  config: ProviderConfig;
  adapter: PaymentProviderAdapter;
}

/**
 * The one path money moves through: opens the account's configuration (or cash at payment points), finds its
 * adapter in the registry, cuts the items into the adapter's batch size and returns one result per item. Provider
 * trouble is UNKNOWN per item or a thrown error (nothing known to be sent); an unknown or inactive account throws.
 */
@Injectable()
export class PaymentProviderGateway {
  constructor(private readonly registry: ProviderRegistry) {}

  /** `accountId` null = cash at payment points. Submission and polling allow a deactivated account (money on its way). */
  async open(accountId: string | null, options: { allowInactive?: boolean } = {}): Promise<ProviderChannel> {
    const config = await this.registry.configFor(accountId, options);
    return { config, adapter: this.registry.get(config.kind) };
  }

  async submit(target: string | null | ProviderChannel, items: PayoutItem[]): Promise<PayoutResult[]> {
    const { config, adapter } = await this.channel(target, false);
    const results: PayoutResult[] = [];
    for (let start = 0; start < items.length; start += adapter.maxBatchSize) {
      results.push(...(await adapter.submit(config, items.slice(start, start + adapter.maxBatchSize))));
    }
    return results;
  }

  /** Status of items sent earlier; works on a deactivated account too (the money may already be on its way). */
  async fetchStatus(target: string | null | ProviderChannel, items: { idempotencyKey: string; providerReference?: string }[]): Promise<PayoutResult[]> {
    const { config, adapter } = await this.channel(target, true);
    const results: PayoutResult[] = [];
    for (let start = 0; start < items.length; start += adapter.maxBatchSize) {
      results.push(...(await adapter.fetchStatus(config, items.slice(start, start + adapter.maxBatchSize))));
    }
    return results;
  }

  async verifyPayee(accountId: string, item: PayoutItem): Promise<PayeeCheck> {
    const { config, adapter } = await this.open(accountId);
    return adapter.verifyPayee ? adapter.verifyPayee(config, item) : { ok: true };
  }

  private channel(target: string | null | ProviderChannel, allowInactive: boolean): Promise<ProviderChannel> {
    return target !== null && typeof target === 'object' ? Promise.resolve(target) : this.open(target, { allowInactive });
  }
}
